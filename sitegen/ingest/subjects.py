"""Topics, places, the venue and the translations line of a story."""

from __future__ import annotations

import re

from sitegen.ingest.names import NameMatcher, words
from sitegen.ingest.profiles import Profile
from sitegen.core.languages import known_languages

# How outlets name languages in "This text available in …" lines, any profile.
# Each known language's English and own name (languages.py), and the forms
# Russian pages use ("доступен на русском") or that stand alone ("Azərbaycan").
LANGUAGE_NAMES = {
    **{name.casefold(): lang.code for lang in known_languages() for name in (lang.english, lang.native)},
    "армянский": "hy", "русском": "ru", "английский": "en", "английском": "en",
    "azərbaycan": "az",
}
_VENUE_EN = re.compile(
    r"\b(?:during|at|in|on the sidelines of|while addressing|addressing)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<venue>(?:(?:[A-Z][\w'’.-]*|UN|OSCE|EU|of|the|on|for|and|in)\s+){0,8}"
    r"(?:meeting|session|summit|conference|forum|briefing|press conference|hearing|debate|"
    r"interview|sitting|plenary|talks|assembly|congress|council)s?)\b")
_VENUE_RU = re.compile(
    r"(?:в ходе|на|во время)\s+(?P<venue>(?:заседани\w+|брифинг\w*|пресс-конференци\w+|"
    r"саммит\w*|форум\w*|сесси\w+|встреч\w+|переговор\w+|совещани\w+|интервью)"
    r"(?:\s+(?:[А-ЯЁA-Z][\w-]*|по|и|в|с|на)){0,6})")


def find_terms(matcher: NameMatcher, texts: list[str]) -> list[str]:
    """Registry ids named in the texts, in order of first appearance."""
    found: list[str] = []
    for text in texts:
        for mention in matcher.find(text):
            if mention.target not in found:
                found.append(mention.target)
    return found


def find_venue(texts: list[str]) -> str | None:
    for text in texts:
        for pattern in (_VENUE_EN, _VENUE_RU):
            match = pattern.search(text)
            if match:
                venue = match.group("venue").strip()
                if len(words(venue)) >= 2:
                    return venue
    return None


def read_translations(line: str | None, profile: Profile, own_language: str) -> tuple[str, ...]:
    if line is None:
        return ()
    listed = line
    if profile.translations_line:
        match = profile.translations_line.search(line)
        if match and "langs" in match.groupdict():
            listed = match.group("langs")
    languages = {**LANGUAGE_NAMES, **profile.languages}
    found: list[str] = []
    for _, _, word in words(listed):
        code = languages.get(word.casefold())
        if code and code != own_language and code not in found:
            found.append(code)
    return tuple(found)


def story_language(text: str) -> str:
    """"ru" for mostly Cyrillic text, "hy" for Armenian, else "en"."""
    counts = {code: len(script.findall(text)) for code, script in _SCRIPTS.items()}
    return max(counts, key=lambda code: (counts[code], code == "en"))


_SCRIPTS = {"ru": re.compile("[\u0400-\u04ff]"), "hy": re.compile("[\u0530-\u058f]"),
            "en": re.compile("[A-Za-z]")}
