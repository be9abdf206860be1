"""Lines that every news page wraps around a story, whatever the outlet.

This is the fallback profile: it applies to every capture, on top of the
outlet's own chrome. Every rule matches a whole line, and none can match a
line that reads as a sentence, so a story line is never dropped here.
"""

from __future__ import annotations

import re

from sitegen.ingest.profiles import Profile
from sitegen.ingest.text import looks_like_sentence, word_count

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
    r"^(views?|просмотров|просмотры)\s*[:\-–]?\s*\d+$",
    r"^[\W_]{1,4}$",
))
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
    if looks_like_sentence(text):
        return None
    if folded in GENERIC_LINES or any(p.search(text) for p in GENERIC_PATTERNS):
        return "chrome"
    return None


def is_edge_label(text: str) -> bool:
    return word_count(text) <= LABEL_MAX_WORDS and not text.endswith((".", "?", "!", "»", '"', "”"))
