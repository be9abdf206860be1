"""Roles as written ("Armenia PM", "глава МИД России") → registry role titles.

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

from sitegen.records import Person

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
