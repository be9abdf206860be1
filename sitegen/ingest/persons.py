"""People the registry does not know, found by the shape and place of their names.

A person's name is a run of two to four capitalised words, in Latin or
Cyrillic script, that stands where names stand: after a role ("Opposition MP
Nodar Gelashvili", "политолога Андрея Суздальцева"), or beside a verb of
saying ("Olzhas Bektenov said", "said analyst Jane Roe"). Words the
registries know as places, role words and organisation words are not part
of a name ("Brazil's Ambassador to Armenia Carlos Alberto Mendes" is Carlos
Alberto Mendes), so "the two South Caucasus states said" names nobody.

Each person found is then recognised by full name or surname alone, in any
grammatical case, through a matcher of its own (``NewPeople.matcher``); the
Russian name is given in the nominative when the text shows it there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.ingest.names import NameMatcher, is_cyrillic, to_latin, words
from sitegen.ingest.roles import ORGANISATION_WORDS, ROLE_WORDS, may_precede_surname, role_phrase
from sitegen.ingest.russian_names import nominative
from sitegen.ingest.verbs import ACCORDING, verbs_in
from sitegen.core.ids import slugify

UNKNOWN = "?"  # prefix of the ids of people found here, in mentions: never a registry id
_CAP = r"(?:[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)?|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
_RUN = re.compile(rf"(?<![\w'’-]){_CAP}(?: {_CAP}){{1,5}}(?![\w-])")
# Capitalised words that open sentences or stand before names but are none.
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
    "in", "on", "at", "as", "but", "and", "or", "if", "when", "while", "after", "before", "for",
    "according", "speaking", "earlier", "later", "meanwhile", "however", "also", "then", "mr",
    "mrs", "ms", "dr", "sir", "madam", "his", "her", "their", "our", "its", "both", "all", "new",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "об", "по", "в", "на", "как", "он", "она", "они", "это", "ранее",
    "также", "однако", "господин", "госпожа", "глава", "генсек",
}
NAME_MIN, NAME_MAX = 2, 4
VERB_REACH = 40  # characters between a name and the verb of saying it stands beside


@dataclass(frozen=True)
class NewPerson:
    id: str            # slug of the name in Latin letters
    name: str          # as the text writes it, in the nominative where that can be told
    role: str | None   # as written before the name at its first mention
    aliases: tuple[str, ...] = ()  # other forms seen (oblique cases, the surname alone)


@dataclass(frozen=True)
class NewPeople:
    people: dict[str, NewPerson]       # by UNKNOWN + id
    matcher: NameMatcher | None        # their names, and the surnames of registry people named in full

    def find(self, text: str):
        return self.matcher.find(text) if self.matcher else []


def find_new_people(texts: list[str], known: NameMatcher, places: NameMatcher) -> NewPeople:
    """Every person named in the narration whom the registries do not know."""
    found: dict[str, NewPerson] = {}
    surnames: dict[str, set[str]] = {}  # surname as written → registry ids named in full with it
    whole = "\n".join(texts)
    for text in texts:
        mentions = known.find(text)
        taken = [(m.start, m.end) for m in mentions]
        for mention in mentions:
            if " " in mention.text and not is_cyrillic(mention.text):
                surnames.setdefault(mention.text.split()[-1], set()).add(mention.target)
        for match in _RUN.finditer(text):
            if any(a <= match.start() and match.end() <= b for a, b in taken):
                continue  # a registry name: the common case, settled cheaply
            tokens = _name_tokens(text, match, places)
            if tokens is None:
                continue
            start, end = tokens
            if any(a < end and start < b for a, b in taken):
                continue
            role = role_phrase(text[:start])
            if not (role or _beside_speech(text, start, end)):
                continue
            name = nominative(text[start:end], whole)
            slug = slugify(to_latin(name))
            if slug and UNKNOWN + slug not in found:
                found[UNKNOWN + slug] = NewPerson(slug, name, role, _aliases(text[start:end], name))
    # "Ned Price … Price told reporters": a registry person named in full is
    # then known by surname alone, in this story, even where people.yaml
    # keeps no such alias (the surname is a common word, or shared).
    named = [(next(iter(ids)), surname) for surname, ids in surnames.items()
             if len(ids) == 1 and len(surname) > 2
             and [m.target for m in known.find(surname)] != list(ids)]  # else an alias already
    return NewPeople(found, _matcher(found, named) if found or named else None)


def _name_tokens(text: str, match: re.Match, places: NameMatcher) -> tuple[int, int] | None:
    """The span of the run that is a name: the words after its last role, place or title word."""
    tokens = words(match.group())
    keep = 0
    for index, (_, _, word) in enumerate(tokens):
        lowered = word.lower()
        if (lowered in _NOT_NAMES or ROLE_WORDS.fullmatch(word) or ORGANISATION_WORDS.fullmatch(word)
                or places.find(word) or word.endswith(("'s", "’s"))):
            keep = index + 1
    name = tokens[keep:]
    if not NAME_MIN <= len(name) <= NAME_MAX:
        return None
    if places.find(" ".join(w for _, _, w in name)):
        return None
    base = match.start()
    return base + name[0][0], base + name[-1][1]


def _beside_speech(text: str, start: int, end: int) -> bool:
    """A verb of saying just after the name, or just before it ("said analyst Jane Roe")."""
    after = text[end:end + VERB_REACH]
    before = text[max(0, start - VERB_REACH):start]
    if any(verb.start() <= 12 for verb in verbs_in(after)):
        return True
    if ACCORDING.search(before):
        return True
    return any(verb.end() >= len(before) - 25 for verb in verbs_in(before))


def _aliases(written: str, name: str) -> tuple[str, ...]:
    surname = name.split()[-1]
    forms = [written] if written != name else []
    return tuple(forms + [surname])


def _matcher(found: dict[str, NewPerson], named: list[tuple[str, str]]) -> NameMatcher:
    names = list(named)
    for target, person in found.items():
        names.append((target, person.name))
        surname = person.name.split()[-1]
        if len(surname) > 2:
            names.append((target, surname))
    return NameMatcher(names, capitalised_only=True, may_precede_surname=may_precede_surname)


def is_new(target: str) -> bool:
    return target.startswith(UNKNOWN)


def script_of(name: str) -> str:
    return "ru" if is_cyrillic(name) else "en"
