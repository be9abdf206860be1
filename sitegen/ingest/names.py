"""Matching registry names in text, in Latin or Cyrillic script, inflected or not.

A word is compared through a *key*: Cyrillic transliterated to Latin, then
spelled loosely so the usual romanisations meet (Polyanskiy, Polyansky and
Полянский; Aliyev, Aliev and Алиев; Sergei, Sergey and Сергей). Russian nouns
decline, so a Cyrillic word also matches through its stems (Полянского,
Пашиняном, Алиеву). English text words are not stemmed: "Lavrova" is not
"Lavrov".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
}
# Russian case endings, longest first; a stem keeps at least three letters.
_ENDINGS = ("ого", "его", "ому", "ему", "ыми", "ими", "ым", "им", "ом", "ем", "ой", "ей",
            "ую", "юю", "ая", "яя", "ий", "ый", "ах", "ях", "ам", "ям", "а", "я", "у", "ю",
            "е", "ы", "и", "й", "о")
_LOOSE = (("dzh", "j"), ("kh", "h"), ("shch", "sh"), ("ck", "k"), ("x", "ks"), ("w", "v"),
          ("y", "i"), ("j", "i"), ("ii", "i"), ("ie", "e"), ("ye", "e"), ("ou", "u"))


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for each word; hyphenated and apostrophe'd words stay whole."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def to_latin(text: str) -> str:
    """Cyrillic letters spelled in Latin (lower case); everything else as it was."""
    return "".join(CYRILLIC_TO_LATIN.get(ch.lower(), ch) for ch in text)


@lru_cache(maxsize=65536)
def loose(word: str) -> str:
    """One word's loose Latin spelling, the common ground of its romanisations."""
    lowered = word.lower().replace("’", "'")
    if lowered.endswith(("'s", "'")):
        lowered = lowered.rsplit("'", 1)[0]
    if is_cyrillic(lowered):
        lowered = "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in lowered)
    lowered = unicodedata.normalize("NFKD", lowered)
    lowered = "".join(ch for ch in lowered if not unicodedata.combining(ch))
    for before, after in _LOOSE:
        lowered = lowered.replace(before, after)
    return re.sub(r"(.)\1+", r"\1", lowered)


def _acronym(word: str) -> bool:
    """"UN", "СВО", "ՀՀ": short capitals that must match as written, never stemmed."""
    return word.isupper() and len(word) <= 5


DECLINED = "~"  # marks keys that only a declined (Cyrillic) word of the text may match


@lru_cache(maxsize=65536)
def text_keys(word: str) -> frozenset[str]:
    """Keys of a word as found in running text."""
    exact = {"=" + word} if _acronym(word) else set()
    if not is_cyrillic(word):
        return frozenset({loose(word), *exact})
    stems = {loose(stem) for stem in _stems(word.lower())}
    return frozenset({*stems, *(DECLINED + stem for stem in stems), *exact})


@lru_cache(maxsize=65536)
def name_keys(word: str) -> frozenset[str]:
    """Keys of a word of a registry name: every stem, in either script."""
    if _acronym(word):
        return frozenset(("=" + word,))
    lowered = word.lower()
    if is_cyrillic(lowered):
        return frozenset(loose(stem) for stem in _stems(lowered))
    spelled = loose(lowered)
    latin_stems = {spelled}
    for ending in ("a", "i", "e", "u", "o"):  # a Latin name declined in Russian text
        if spelled.endswith(ending) and len(spelled) > 4:
            # Only a Cyrillic word may meet this stem: "Германии" is Germany,
            # "German" in English text is not.
            latin_stems.add(DECLINED + spelled[: -len(ending)])
    return frozenset(latin_stems)


def _stems(word: str) -> list[str]:
    stems = [word]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems.append(word[: -len(ending)])
    return stems


@lru_cache(maxsize=1024)
def _keyed_words(text: str) -> tuple[list, list]:
    """Words and their keys, shared by the people, place and topic matchers of one text."""
    tokens = words(text)
    return tokens, [text_keys(word) for _, _, word in tokens]


RECENT_TEXTS = 4096  # paragraphs whose mentions a matcher remembers


@dataclass(frozen=True)
class Mention:
    target: str   # registry id
    start: int    # character offsets in the text searched
    end: int
    text: str     # as written


class NameMatcher:
    """Finds registry entries named in a text, longest name first."""

    def __init__(self, names: Iterable[tuple[str, str]], capitalised_only: bool,
                 may_precede_surname=None):
        # For people: a surname alone ("Sargsyan") preceded by a capitalised word that is
        # not a title ("Anahit Sargsyan") is somebody else with the same surname.
        self._may_precede_surname = may_precede_surname
        self._by_first_key: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
        self._capitalised_only = capitalised_only
        self._recent: dict[str, tuple[Mention, ...]] = {}
        # The small words inside a name ("Ministry of Foreign Affairs of Armenia"):
        # lowercase in the registry, so lowercase in the text too.
        self._small: dict[tuple, tuple[bool, ...]] = {}
        for target, name in names:
            tokens = [w for _, _, w in words(name)]
            if not tokens:
                continue
            keyed = tuple(name_keys(token) for token in tokens)
            self._small[keyed] = tuple(token[0].islower() for token in tokens)
            for key in keyed[0]:
                self._by_first_key.setdefault(key, []).append((keyed, target))
        self._first_keys = frozenset(self._by_first_key)  # a set: isdisjoint then costs a word's keys
        for entries in self._by_first_key.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def find(self, text: str) -> list[Mention]:
        """Registry entries named in ``text``, left to right (a new list each call)."""
        return list(self._find_cached(text))

    def _find_cached(self, text: str) -> tuple[Mention, ...]:
        # Stages ask again about the same paragraph (speakers, new people,
        # people mentioned): the answer is kept per matcher, for recent texts.
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            found = self._recent[text] = tuple(self._find(text))
        return found

    def _find(self, text: str) -> list[Mention]:
        tokens, keys = _keyed_words(text)
        found: list[Mention] = []
        first_keys = self._first_keys
        index = 0
        while index < len(tokens):
            if keys[index].isdisjoint(first_keys):
                index += 1  # no name starts with this word: the common case, settled in C
                continue
            match = self._match_at(tokens, keys, index)
            if match is None:
                index += 1
                continue
            length, target = match
            start, end = tokens[index][0], tokens[index + length - 1][1]
            if length == 1 and self._another_given_name(text, tokens, index):
                index += 1
                continue
            found.append(Mention(target, start, end, text[start:end]))
            index += length
        return found

    def _another_given_name(self, text, tokens, index) -> bool:
        if self._may_precede_surname is None or index == 0:
            return False
        start, end, word = tokens[index - 1]
        adjacent = text[end:tokens[index][0]] == " "
        return (adjacent and word[0].isupper() and len(word) > 1 and not word.isupper()
                and not self._may_precede_surname(word))

    def _match_at(self, tokens, keys, index):
        word = tokens[index][2]
        if self._capitalised_only and not word[0].isupper():
            return None
        candidates = []
        for key in keys[index]:
            candidates.extend(self._by_first_key.get(key, ()))
        for keyed, target in sorted(candidates, key=lambda entry: -len(entry[0])):
            length = len(keyed)
            if index + length > len(tokens):
                continue
            if all(keys[index + offset] & keyed[offset] for offset in range(1, length)):
                small = self._small.get(keyed, ())
                if self._capitalised_only and not all(
                        tokens[index + o][2][0].isupper() or (small and small[o])
                        for o in range(length)):
                    continue
                return length, target
        return None
