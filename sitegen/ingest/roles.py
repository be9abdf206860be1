"""Roles: as written before a name, and resolved through the registry.

``role_phrase`` reads the role written just before a name ("First Deputy
Permanent Representative of the Russian Federation to the UN Dmitry
Polyanskiy", "European Union's foreign policy chief Josep Borrell").

A role phrase and a registry title are both reduced to a bag of canonical
words (English, countries by name, abbreviations spelled out, stop words
dropped). A phrase names a title when the two bags are equal, so "the
Russian President" is "President of Russia" but never "Press Secretary of
the President of Russia".
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from sitegen.ingest.names import words
from sitegen.ingest.verbs import VERB_WORDS
from sitegen.core.records import Person

# Longest first: phrases are replaced before their words.
_PHRASES = (
    ("minister of foreign affairs", "minister foreign affairs"),
    ("foreign affairs minister", "minister foreign affairs"),
    ("foreign minister", "minister foreign affairs"),
    ("министр иностранных дел", "minister foreign affairs"),
    ("глава мид", "minister foreign affairs"), ("главы мид", "minister foreign affairs"),
    ("глава внешнеполитического ведомства", "minister foreign affairs"),
    ("defence minister", "minister defence"), ("defense minister", "minister defence"),
    ("minister of defense", "minister defence"), ("министр обороны", "minister defence"),
    ("prime minister", "prime minister"), ("премьер-министр", "prime minister"),
    ("премьер", "prime minister"), ("pm", "prime minister"), ("fm", "minister foreign affairs"),
    ("state department", "state department"), ("госдеп", "state department"),
    ("secretary of state", "secretary state"), ("госсекретарь", "secretary state"),
    ("secretary-general", "secretary general"), ("генсек", "secretary general"),
    ("генеральный секретарь", "secretary general"),
    ("постпред", "permanent representative"), ("постоянный представитель", "permanent representative"),
    ("президент", "president"), ("спикер парламента", "president national assembly"),
)
_COUNTRIES = (
    (r"armenia\w*|армени\w*|армянск\w*|yerevan|ереван\w*", "armenia"),
    (r"azerbaijan\w*|azeri|азербайджан\w*|baku|баку", "azerbaijan"),
    (r"russia\w*|росси\w*|российск\w*|рф|moscow|москв\w*|kremlin|кремл\w*", "russia"),
    (r"u\.?s\.?|usa|american|сша|америк\w*|washington|вашингтон\w*|united states", "united states"),
    (r"u\.?n\.?|united nations|оон", "united nations"),
    (r"turkey|turkish|türkiye|турци\w*|турецк\w*", "turkey"),
    (r"georgia\w*|грузи\w*|грузинск\w*", "georgia"),
    (r"iran\w*|иран\w*", "iran"),
    (r"france|french|франци\w*|французск\w*", "france"),
    (r"eu|european union|евросоюз\w*|ес", "european union"),
    (r"ukrain\w*|украин\w*|kyiv|kiev|киев\w*", "ukraine"),
    (r"german\w*|герман\w*|немецк\w*|фрг|berlin|берлин\w*", "germany"),
    (r"u\.?k\.?|united kingdom|britain|british|великобритани\w*|британск\w*|london|лондон\w*",
     "united kingdom"),
    (r"nato|нато", "nato"),
)
_STOP = {"of", "the", "to", "for", "and", "in", "on", "a", "an", "s", "its", "country", "country's"}


@lru_cache(maxsize=4096)
def canonical_words(phrase: str) -> frozenset[str]:
    text = " " + re.sub(r"[’']s\b", " ", phrase.lower()) + " "
    text = re.sub(r"[^\w\s.-]", " ", text)
    for pattern, name in _COUNTRIES:
        text = re.sub(rf"(?<![\w.])(?:{pattern})(?![\w])", " " + name.replace(" ", "_") + " ", text)
    for before, after in _PHRASES:
        text = re.sub(rf"(?<![\w-]){re.escape(before)}(?![\w-])", " " + after + " ", text)
    words = {word.replace("_", " ") for word in re.split(r"[\s.]+", text) if word}
    return frozenset(words - _STOP)


def resolve_role(phrase: str, people, day: date | None) -> list[Person]:
    """The people whose registry role on ``day`` the phrase names (any day if None)."""
    wanted = canonical_words(phrase)
    if not wanted:
        return []
    found = []
    for person in people.values():
        for role in person.roles:
            if day is not None and not role.holds_on(day):
                continue
            if canonical_words(role.title) == wanted:
                found.append(person)
                break
    return found


# --- roles as written -----------------------------------------------------

ROLE_WORDS = re.compile(
    r"(?<![\w-])(?:minister|president|premier|pm|fm|representative|ambassador|envoy|"
    r"spokes(?:person|man|woman)|secretary|chair(?:man|woman|person)?|speaker|head|director|"
    r"deputy|governor|mayor|commissioner|chief|leader|advis[eo]r|aide|official|diplomat|"
    r"commander|ombudsman|senator|chancellor|coordinator|co-chair|rapporteur|defender|"
    r"activist|expert|analyst|lawyer|professor|mp|"
    r"премьер-министр\w*|вице-премьер\w*|министр\w*|президент\w*|премьер\w*|представител\w*|посол|посла|глав[аы]|председател\w*|"
    r"спикер\w*|пресс-секретар\w*|заместител\w*|руководител\w*|директор\w*|генсек\w*|"
    r"секретар\w*|депутат\w*|помощник\w*|советник\w*|лидер\w*|вице-премьер\w*|постпред\w*|"
    r"замминистра|замглавы|активист\w*|эксперт\w*|политолог\w*|омбудсмен\w*|"
    r"правозащитни\w*|юрист\w*|профессор\w*|губернатор\w*|мэр\w*|аналитик\w*|сенатор\w*|"
    r"дипломат\w*|послом|послу|посланник\w*)(?![\w-])", re.IGNORECASE)
# Sentence adverbs that are capitalised only because they open the sentence.
_OPENERS = {"earlier", "later", "meanwhile", "however", "also", "yesterday", "today", "then",
            "separately", "previously", "now", "ранее", "также", "однако", "затем", "вчера",
            "сегодня", "позже", "тем", "кроме", "между"}
# Words that end a role phrase when reading back from a name.
_ROLE_STOP = {"a", "an", "by", "from", "with", "and", "that", "at", "as", "after", "before",
              "while", "when", "where", "who", "which", "was", "is", "has", "had", "were", "are",
              "be", "been", "will", "would", "his", "her", "its", "their", "our", "this", "these",
              "those", "under", "about", "against", "between", "among", "during", "met", "meet",
              "что", "как", "с", "со", "и", "а", "но", "от", "для", "между", "которые",
              "который", "которая", "его", "её", "их", "был", "была", "были", "встретился",
              "встреча", "словам", "мнению", "данным", "сообщению", "according"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "madam", "господин", "госпожа"}
ORGANISATION_WORDS = re.compile(
    r"(?<![\w-])(?:ministry|office|service|committee|council|cent(?:re|er)|department|agency|"
    r"government|parliament|embassy|mission|administration|headquarters|министерств\w*|мид|"
    r"пресс-служб\w*|ведомств\w*|правительств\w*|посольств\w*|штаб\w*|центр\w*)(?![\w-])",
    re.IGNORECASE)
_ROLE_GLUE = {"of", "the", "to", "for", "and", "on", "in", "at", "de", "du", "von", "'s", "’s",
              "в", "во", "при"}

def may_precede_surname(word: str) -> bool:
    """A title or honorific may stand right before a surname; a given name may not."""
    lowered = word.lower().rstrip(".")
    return bool(ROLE_WORDS.fullmatch(word)) or lowered in _HONORIFICS or lowered in _ROLE_GLUE


ROLE_REACH = 250  # characters before a name that can hold its role (16 words and more)


def role_phrase(before: str) -> str | None:
    """The role written just before a name: "… First Deputy … to the UN <Name>"."""
    before = before[-ROLE_REACH:]  # a role is near its name; reading more is only slower
    tokens = words(before.rstrip())
    if not tokens or tokens[-1][1] < len(before.rstrip()):
        return None
    kept = []
    for start, end, word in reversed(tokens[-16:]):
        gap = before[end:kept[0][0]] if kept else ""
        if kept and gap.strip(" "):
            break  # punctuation between words ends the role
        lowered = word.lower()
        if lowered in _ROLE_STOP or lowered in VERB_WORDS:
            break
        # a lowercase describer attaches to a lowercase role noun next to it
        has_role = bool(kept) and kept[0][2][0].islower() and any(ROLE_WORDS.fullmatch(w) for _, _, w in kept)
        # a lowercase word of a role's complement ("governor of Syunik province"),
        # taken on trust until the role noun turns up before it
        complement = word.isalpha() and not any(ROLE_WORDS.fullmatch(w) for _, _, w in kept) \
            and sum(1 for _, _, w in kept if w[0].islower()) < COMPLEMENT_WORDS
        if not (word[0].isupper() or lowered in _ROLE_GLUE or ROLE_WORDS.fullmatch(word)
                or _is_cyrillic_role_word(word) or (has_role and word.isalpha()) or complement):
            break  # a lowercase word counts only as a describer of a role noun ("foreign policy chief")
        kept.insert(0, (start, end, word))
    kept = _from_role_noun(kept)
    while kept and (kept[0][2].lower() in _ROLE_GLUE or kept[0][2].lower() in _OPENERS):
        kept.pop(0)
    if not kept:
        return None
    phrase = before[kept[0][0]:kept[-1][1]]
    return phrase if ROLE_WORDS.search(phrase) else None


COMPLEMENT_WORDS = 3


def _from_role_noun(kept: list) -> list:
    """Lowercase words before the leftmost role noun or capitalised word are not the role's."""
    for index, (_, _, word) in enumerate(kept):
        if word[0].isupper() or ROLE_WORDS.fullmatch(word) or word.lower() in _ROLE_GLUE \
                or _is_cyrillic_role_word(word):
            return kept[index:]
        following = []
        for _, _, later in kept[index + 1:]:
            if not later[0].islower():
                break
            following.append(later)
        if any(ROLE_WORDS.fullmatch(later) for later in following):
            return kept[index:]  # a describer of the role noun after it ("political analyst")
    return []


def _is_cyrillic_role_word(word: str) -> bool:
    return bool(re.fullmatch(r"[а-яё-]+", word)) and len(word) > 2


def trailing_role(before: str) -> str | None:
    before = before[-ROLE_REACH:]
    tokens = words(before)
    phrase = role_phrase(before)
    if phrase and before.endswith(phrase):
        return phrase
    tail = " ".join(word for _, _, word in tokens[-5:])
    return tail if ROLE_WORDS.search(tail) else None


def trailing_organisation(before: str) -> str | None:
    before = before[-ROLE_REACH:]
    match = re.search(r"(?:[Tt]he\s+)?((?:[A-ZА-ЯЁ][\w'’-]*|of|the|for|and|on|по|и|при)"
                      r"(?:\s+(?:[A-ZА-ЯЁ][\w'’-]*|of|the|for|and|on|по|и|при)){0,8})$", before)
    if not match:
        return None
    phrase = match.group(1).strip()
    first = phrase.split()[0] if phrase else ""
    if not ORGANISATION_WORDS.search(phrase) or not first[:1].isupper():
        return None
    if len(phrase.split()) < 2:
        return None  # "the Ministry said": a reference back, not a name
    return phrase
