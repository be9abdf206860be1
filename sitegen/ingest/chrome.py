"""Lines that every news page wraps around a story, whatever the outlet.

This is the fallback profile: it applies to every capture, on top of the
outlet's own chrome. Every rule matches a whole line, and none can match a
line that reads as a sentence, so a story line is never dropped here.
"""

from __future__ import annotations

import re

from sitegen.ingest.profiles import Profile
from sitegen.ingest.text import looks_like_sentence, word_count
from sitegen.ingest.verbs import verbs_in

GENERIC_LINES = frozenset(line.casefold() for line in (
    # navigation and widgets, English
    "Show news feed", "Hide news feed", "News", "Newsfeed", "News feed", "All news",
    "Latest news", "Top news", "Top stories", "Most read", "Most popular", "Press releases",
    "Read more", "Read more:", "Read also", "Read also:", "See also", "See also:", "Related",
    "Related news", "Related articles", "More news", "More", "Print", "Print version", "!",
    "← Back to list", "Back to list", "Back", "Home", "Menu", "Search", "Share", "Share:",
    "Tweet", "Email", "E-mail", "Comments", "Comment", "Subscribe", "Advertisement", "Ad",
    "Tags", "Tags:", "Photo", "Photos", "Video", "Videos", "Copy link", "Link copied",
    "Follow us", "Sign up", "Log in", "Close", "Next", "Previous", "Up", "Top",
    # the same in Russian
    "Наверх", "Лента новостей", "Все новости", "Новости", "Главная", "Читать также",
    "Читайте также", "Читать далее", "Подробнее", "Поделиться", "Печать", "Версия для печати",
    "Комментарии", "Реклама", "Подписаться", "Теги", "Фото", "Видео", "Новости по-русски",
    "Скрыть ленту новостей", "Показать ленту новостей", "Главное", "Популярное",
))
GENERIC_PATTERNS = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"^more \d+ (photos?|videos?)$",
    r"^\d+ min(ute)?s? read$",
    r"^(reporting|additional reporting|writing|editing|compiled|edited|translated) by\b.{0,160}$",
    r"^(photo|фото|source|источник)\s*:\s*\S.{0,80}$",
    # currency and weather tickers: "• USD 483.14", "Yerevan 17 ℃"
    r"^[•·▲▼\s]*(USD|EUR|RUB|GBP|CHF|JPY|CNY|GEL|IRR|AZN|AMD|TRY)\s*[\d.,]+\s*[▲▼+\-\d.,%]*$",
    r"^[^\W\d_][\w .'-]{0,30}\s[+\-−]?\d{1,2}\s*(°\s*[CF]?|℃|℉)$",
    # language switchers: a line made only of language names or codes
    r"^((հայ|հայերեն|рус|русский|eng|english|en|ru|hy|am|arm|az|az[əe]rbaycan|"
    r"türkçe|fr|français|de|deutsch|ge|ქართ)\b[\s|/·•]*)+$",
    # share counters, view counters and lone symbols
    r"^(views?|просмотров|просмотры)\s*[:\-–]?\s*[\d\s]+$",
    r"^[\W_]{1,4}$",
    # a page still loading or out of items: "Loading...", "Loading comments…", "Загрузка…"
    r"^[^\W\d_]+(\s[^\W\d_]+){0,2}\s?(\.\.\.|…)$",
    # a widget with its count: "Comments (0)", "Комментарии (12)"
    r"^[^\W\d_]+(\s[^\W\d_]+)?\s*\(\d+\)$",
    # bylines: "By Jane Holloway", "• Anna Petrova", "Автор: Анна Петрова"
    r"^(by|автор:?|текст:?|[•·])\s+[A-ZА-ЯЁ][\w.'’-]*(\s+[A-ZА-ЯЁ][\w.'’-]*){0,3}$",
    # mastheads of digests and forwarded mail: "… issue 214", "… выпуск 37", "From: …"
    r"(^|\W)(issue|выпуск|edition|no\.|№)\s*\d+$",
    r"^(from|to|sent|cc|date|от|кому|копия)\s*:\s*\S.{0,80}@",
    r"^(fwd?:|forwarded\b|пересланное\b).{0,80}$|^.{0,80}\b(forwarded|fwd)$",
))
# The legal notice under every page: "All rights reserved.", "Все права защищены."
RIGHTS = re.compile(r"\b(?:all rights reserved|все права защищены)\b", re.IGNORECASE)
RIGHTS_MAX_WORDS = 25
# "Read also: <another item's headline>", "Tags: a, b": a widget's label and what it lists.
LABELLED = re.compile(r"^(read also|read more|see also|also read|related|tags|теги|читайте также|"
                      r"читать также|смотрите также|по теме)\s*:\s*\S", re.IGNORECASE)
LABELLED_MAX_WORDS = 20
# Copyright lines: "(c) 2022 Some Outlet", "© 2015–2024 …". The year bounds the story's.
COPYRIGHT = re.compile(r"^(?:\(c\)|©|copyright)\s*(?:(?:19|20)\d\d\s*[-–]\s*)?(?P<year>(?:19|20)\d\d)?\b.{0,100}$",
                       re.IGNORECASE)
# A line addressed to the reader about the site itself is a banner, however
# grammatical: it speaks to "you" (or of "us") and about a channel, a
# subscription or the site. Story lines speak of third parties.
_READER = re.compile(r"(?<![\w-])(?:you|your|us|our|нас|наш\w*|вы|ваш\w*|подписывайтесь|"
                     r"подпишитесь|читайте|следите)(?![\w-])", re.IGNORECASE)
_MEDIUM = re.compile(r"(?<![\w-])(?:subscrib\w*|unsubscrib\w*|follow|newsletter|digest|channel|"
                     r"telegram|facebook|twitter|instagram|youtube|whatsapp|website|site|app|"
                     r"notifications?|social (?:networks?|media)|канал\w*|сайт\w*|соцсет\w*|"
                     r"социальных сет\w*|рассылк\w*|подпис\w*)(?![\w-])", re.IGNORECASE)
_QUOTE_MARKS = re.compile("[\"«»“”„]")
READER_MAX_WORDS = 30
# Wire credits read like a sentence but never are one: trusted before the guard.
CREDITS = re.compile(r"^(additional )?reporting by\b.{0,120};\s*(editing|writing) by\b.{0,80}$",
                     re.IGNORECASE)
# A line this short, with no closing punctuation, at the head or tail of a
# capture (before the first or after the last story line) is a section label,
# a tag or a menu item.
LABEL_MAX_WORDS = 3


def chrome_reason(text: str, profile: Profile) -> str | None:
    """Why a line is chrome ("<outlet> chrome", "chrome"), or None for a story line.

    An outlet's own chrome is what a curator wrote down for that site, so it is
    trusted even when it reads like a sentence; the generic rules never drop one.
    """
    folded = text.casefold()
    if folded in profile.chrome or any(p.search(text) for p in profile.chrome_patterns):
        return f"{profile.name} chrome"
    if CREDITS.search(text):
        return "chrome"
    if LABELLED.search(text) and word_count(text) <= LABELLED_MAX_WORDS:
        return "chrome"
    if RIGHTS.search(text) and word_count(text) <= RIGHTS_MAX_WORDS:
        return "chrome"
    if addresses_reader(text):
        return "banner"
    if looks_like_sentence(text):
        return None
    if folded in GENERIC_LINES or any(p.search(text) for p in GENERIC_PATTERNS):
        return "chrome"
    return None


def addresses_reader(text: str) -> bool:
    """"Subscribe to our channel…", "Подписывайтесь на нас…": the site talking about itself."""
    if len(text) > READER_MAX_WORDS * 12 or word_count(text) > READER_MAX_WORDS \
            or _QUOTE_MARKS.search(text):
        return False
    if not (_READER.search(text) and _MEDIUM.search(text)):
        return False
    return not any(True for _ in verbs_in(text))


def is_edge_label(text: str) -> bool:
    return word_count(text) <= LABEL_MAX_WORDS and not text.endswith((".", "?", "!", "»", '"', "”"))
