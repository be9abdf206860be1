"""A Russian name found in an oblique case, given in the nominative.

"По мнению политолога Андрея Суздальцева" names Андрей Суздальцев. A
dictionary cannot settle this for people it has never heard of (pymorphy3
reads the nominative "Суздальцев" as a plural of "суздалец"), so the text
is asked instead: the shortest form of the surname it uses elsewhere
("— отметил Суздальцев") is taken for the nominative when the other forms
are that form plus a case ending. The given name then follows the
surname's case and gender by the regular endings. When the text never shows
the nominative, the name is kept as written: a curator fixes one word more
rather than an invented one.
"""

from __future__ import annotations

import re

from sitegen.ingest.names import is_cyrillic

# Case endings a surname takes after its nominative (masculine -ов/-ев/-ин, and
# -ский), longest first.
_SURNAME_ENDINGS = ("ым", "ом", "ой", "а", "у", "е")
# Given names, by the surname's gender: oblique ending → nominative ending.
_MASCULINE = (("ея", "ей"), ("ая", "ай"), ("ия", "ий"), ("ею", "ей"), ("ию", "ий"),
              ("еем", "ей"), ("ием", "ий"), ("ом", ""), ("а", ""), ("у", ""), ("е", ""))
_FEMININE = (("ии", "ия"), ("ией", "ия"), ("ию", "ия"), ("ой", "а"), ("ы", "а"), ("е", "а"),
             ("у", "а"), ("и", "а"))
_WORD = re.compile(r"[А-ЯЁ][а-яё]+")


def nominative(name: str, text: str) -> str:
    """``name`` ("Андрея Суздальцева") in the nominative, judged from the rest of ``text``."""
    parts = name.split()
    if len(parts) < 2 or not all(is_cyrillic(part) for part in parts):
        return name
    surname = parts[-1]
    base = _shortest_form(surname, text)
    if base == surname:
        return name
    feminine = base.endswith(("а", "я"))
    given = [_given(part, feminine) for part in parts[:-1]]
    return " ".join(given + [base])


def _shortest_form(surname: str, text: str) -> str:
    """The shortest capitalised word of the text that ``surname`` is, plus a case ending."""
    best = surname
    for word in set(_WORD.findall(text)):
        if len(word) >= len(best) or len(word) < 3:
            continue
        feminine = word.endswith("а") and surname in (word[:-1] + "ой", word[:-1] + "у")
        if (surname.startswith(word) and surname[len(word):] in _SURNAME_ENDINGS) or feminine or \
                _adjectival(word, surname):
            best = word
    return best


def _adjectival(nominative_form: str, oblique: str) -> bool:
    """Полянский / Полянского: the -ий of the nominative is replaced, not added to."""
    stem = nominative_form[:-2]
    return nominative_form.endswith(("ий", "ой", "ая")) and oblique.startswith(stem) and \
        oblique[len(stem):] in ("ого", "ому", "им", "ом", "ой", "ую")


def _given(word: str, feminine: bool) -> str:
    for ending, replacement in (_FEMININE if feminine else _MASCULINE):
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: len(word) - len(ending)] + replacement
    return word
