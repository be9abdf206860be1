"""Who speaks in a story, in what role, and who is only mentioned.

Works sentence by sentence on the narration (quoted words are blanked out, so
a name inside a quote is never taken for its speaker). A speaker is found
next to a verb of saying: a name before it ("… Dmitry Polyanskiy stated"),
after it ("said Mirzoyan", "заявил глава МИД России Сергей Лавров"), a
pronoun or a role noun that points back at the last speaker ("he said", "the
envoy added", "заявил он"), a role alone that the registry resolves on the
story's date ("Armenia PM said"), or a transcript turn ("Name: …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from sitegen.ingest.names import Mention, NameMatcher, to_latin, words
from sitegen.ingest.roles import (ROLE_WORDS, resolve_role, role_phrase, trailing_organisation,
                                  trailing_role)
from sitegen.ingest.verbs import ACCORDING, PRONOUN, verbs_in
from sitegen.core.ids import slugify

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”»]?\s+(?=[\"“«„A-ZА-ЯЁ])")
_TRANSCRIPT = re.compile(r"^(?P<name>[A-ZА-ЯЁ][\w.'’-]*(?: [A-ZА-ЯЁ][\w.'’-]*){0,3})\s*(?::|\s[-–—])\s+\S")


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    role: str | None
    known: bool
    quotes: int = 0
    organisation: bool = False


@dataclass
class _Cast:
    """The speakers found so far, in order of first appearance."""
    order: list[str] = field(default_factory=list)
    found: dict[str, Speaker] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, speaker: Speaker) -> str:
        known = self.found.get(speaker.id)
        if known is None:
            self.found[speaker.id] = speaker
            self.order.append(speaker.id)
        elif known.role is None and speaker.role:
            self.found[speaker.id] = replace(known, role=speaker.role)
        return speaker.id

    def credit(self, speaker_id: str) -> None:
        s = self.found[speaker_id]
        self.found[speaker_id] = replace(s, quotes=s.quotes + 1)

    @property
    def last(self) -> str | None:
        return self.order[-1] if self.order else None


@dataclass(frozen=True)
class Cast:
    speakers: tuple[Speaker, ...]   # main speaker first
    mentioned: tuple[str, ...]      # registry ids of people named but not speaking
    notes: tuple[str, ...]


def find_cast(narration: list[str], quote_counts: list[int], people_matcher: NameMatcher,
              people, day: date | None, last_speaker_for: dict[int, str] | None = None) -> Cast:
    """Speakers and mentioned people of a story.

    ``narration`` holds each paragraph with its quoted words blanked out;
    ``quote_counts`` how many quotes each paragraph holds (or closes).
    """
    cast = _Cast()
    mentioned: list[str] = []
    first_named: str | None = None  # the story's protagonist, as a last resort for "he"
    for index, text in enumerate(narration):
        mentions = people_matcher.find(text)
        for mention in mentions:
            if mention.target not in mentioned:
                mentioned.append(mention.target)
        turn = _transcript_turn(text, mentions, people)
        speaker_here = turn
        if turn:
            cast.add(turn)
        offset = 0
        for sentence in _SENTENCE.split(text):
            start = text.find(sentence, offset)
            offset = start + len(sentence)
            local = [_shift(m, -start) for m in mentions if start <= m.start < offset]
            found = _sentence_speaker(sentence, local, people, day, cast, first_named)
            if found is not None:
                speaker_here = found
                cast.add(found)
            if local and first_named is None:
                first_named = local[0].target
        if quote_counts[index] and (speaker_here or cast.last):
            speaker_id = speaker_here.id if speaker_here else cast.last
            for _ in range(quote_counts[index]):
                cast.credit(speaker_id)
    _roles_from_earlier_mentions(cast, narration, people_matcher)
    ordered = sorted(cast.found.values(),
                     key=lambda s: (-s.quotes, cast.order.index(s.id)))
    speaking = {s.id for s in ordered}
    return Cast(tuple(ordered), tuple(m for m in mentioned if m not in speaking),
                tuple(cast.notes))


def _roles_from_earlier_mentions(cast: _Cast, narration: list[str], matcher: NameMatcher) -> None:
    """A speaker quoted as "Blinken said" takes the role written at another mention of them."""
    missing = {sid for sid, s in cast.found.items() if s.role is None and s.known}
    for text in narration:
        if not missing:
            return
        for mention in matcher.find(text):
            if mention.target in missing:
                role = role_phrase(text[:mention.start])
                if role:
                    s = cast.found[mention.target]
                    cast.found[mention.target] = replace(s, role=role)
                    missing.discard(mention.target)


def _shift(mention: Mention, by: int) -> Mention:
    return Mention(mention.target, mention.start + by, mention.end + by, mention.text)


def _sentence_speaker(sentence, mentions, people, day, cast, first_named) -> Speaker | None:
    for verb in verbs_in(sentence):
        found = (_named_before(sentence, verb.start(), mentions, people, day)
                 or _named_after(sentence, verb.end(), mentions, people, day)
                 or _pronoun(sentence, verb, people, cast, first_named)
                 or _role_only(sentence, verb.start(), people, day, cast)
                 or _unknown_name(sentence, verb.start(), cast)
                 or _unknown_after(sentence, verb.end(), mentions, cast))
        if found:
            return found
    according = ACCORDING.search(sentence)
    if according:
        after = [m for m in mentions if according.end() <= m.start <= according.end() + 40]
        if after:
            return _registry_speaker(after[0], sentence, people, day)
    return None


def _named_before(sentence, verb_start, mentions, people, day) -> Speaker | None:
    for mention in reversed(mentions):
        if mention.end > verb_start:
            continue
        gap = sentence[mention.end:verb_start]
        appositive = re.fullmatch(r"\s*,\s*(?P<role>[^,]{3,120}),\s*(?:has\s+|had\s+|also\s+|then\s+)?", gap)
        if appositive and ROLE_WORDS.search(appositive.group("role")):
            return _registry_speaker(mention, sentence, people, day,
                                     role=appositive.group("role").strip())
        if re.fullmatch(r"[\s,]*(?:(?:has|had|also|then|later|further|again|in turn|"
                        r"в свою очередь|также|тоже|ранее|уже)[\s,]*){0,3}", gap, re.IGNORECASE):
            return _registry_speaker(mention, sentence, people, day)
        return None
    return None


def _named_after(sentence, verb_end, mentions, people, day) -> Speaker | None:
    for mention in mentions:
        if mention.start < verb_end:
            continue
        between = sentence[verb_end:mention.start]
        if len(words(between)) <= 12 and not re.search(r"[.;:!?«\"“]|\b(that|что)\b", between):
            role = between.strip(" ,–—-") or None
            if role and not ROLE_WORDS.search(role):
                role = None
            return _registry_speaker(mention, sentence, people, day, role=role)
        return None
    return None


def _pronoun(sentence, verb, people, cast, first_named) -> Speaker | None:
    """"he said", "the envoy added", "отметил министр": the last speaker, or else the
    story's first-named person; "the ministry said" only ever an organisation speaking."""
    near = sentence[max(0, verb.start() - 40):verb.end() + 20]
    before = sentence[max(0, verb.start() - 50):verb.start()]
    if _BODY_BEFORE.search(before):
        last = cast.found.get(cast.last) if cast.last else None
        return last if last and last.organisation else None
    if not (PRONOUN.search(near) or _PERSON_BEFORE.search(before)
            or _PERSON_AFTER.match(sentence[verb.end():])):
        return None
    if cast.last:
        return cast.found[cast.last]
    if first_named:
        return _registry_person(people[first_named], None)
    return None


_PERSON_BEFORE = re.compile(
    r"(?<![\w-])the (?:[A-Za-z-]+ ){0,2}(?:minister|envoy|diplomat|ambassador|president|"
    r"prime minister|spokes\w+|official|representative|secretary|premier|chairman)\b", re.IGNORECASE)
_BODY_BEFORE = re.compile(r"(?<![\w-])the (?:[A-Za-z-]+ )?(?:ministry|office|department|agency|"
                          r"service|government)\s*$", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"^\s*(?:министр|глава|премьер|президент|дипломат|посол|представитель|"
                           r"пресс-секретарь|спикер|вице-премьер)(?![\w-])", re.IGNORECASE)


def _role_only(sentence, verb_start, people, day, cast) -> Speaker | None:
    before = sentence[:verb_start].rstrip(" ,")
    phrase = trailing_role(before)
    if not phrase:
        return None
    matches = resolve_role(phrase, people, day)
    if len(matches) == 1:
        person = matches[0]
        return _registry_person(person, phrase)
    if len(matches) > 1:
        names = ", ".join(sorted(person.id for person in matches))
        note = (f'speaker: "{phrase}" could be any of {names} (the date does not settle it): '
                f'add the speaker')
        if note not in cast.notes:
            cast.notes.append(note)
    organisation = trailing_organisation(before)
    if organisation:
        return _unknown(organisation, None, cast, "organisation")
    return None


def _unknown_name(sentence, verb_start, cast) -> Speaker | None:
    before = sentence[:verb_start].rstrip(" ,")
    organisation = trailing_organisation(before)
    if organisation:
        return _unknown(organisation, None, cast, "organisation")
    tokens = words(before)
    if len(tokens) < 2:
        return None
    (start, first_end, first), (second_start, end, second) = tokens[-2:]
    # a given name and a surname, side by side, right before the verb
    if end != len(before) or before[first_end:second_start].strip():
        return None
    if not all(w[0].isupper() and not ROLE_WORDS.fullmatch(w) for w in (first, second)):
        return None
    return _unknown(before[start:end], role_phrase(before[:start]), cast, "person")


_NAME_AFTER = re.compile(
    r"^(?P<role>(?:\s+(?!(?:that|что|about|о|with|с)\b)[\w-]+){0,4}?)\s+(?P<name>[A-ZА-ЯЁ][\w'’-]+\s+[A-ZА-ЯЁ][\w'’-]+)\s*(?:[.,;]|$)")


def _unknown_after(sentence, verb_end, mentions, cast) -> Speaker | None:
    """"… — сказала активистка Анна Григорян." / "…," said analyst Jane Roe."""
    match = _NAME_AFTER.match(sentence[verb_end:])
    if not match:
        return None
    name_start, name_end = verb_end + match.start("name"), verb_end + match.end("name")
    if any(m.start < name_end and name_start < m.end for m in mentions):
        return None  # a registry name: not an unknown person
    role = match.group("role").strip() or None
    if role and re.search(r"[A-ZА-ЯЁ]", role[:1]):
        return None
    found_role = ROLE_WORDS.search(role) if role else None
    role = role[found_role.start():] if found_role else None
    return _unknown(match.group("name"), role, cast, "person")


def _unknown(name: str, role: str | None, cast, kind: str) -> Speaker:
    slug = slugify(to_latin(name)) or "unknown-speaker"
    note = f'speaker "{name}" is not in people.yaml (kept as "{slug}"): add the {kind} or fix the id'
    if note not in cast.notes:
        cast.notes.append(note)
    return Speaker(slug, name, role, False, organisation=kind == "organisation")


def _registry_person(person, role: str | None) -> Speaker:
    return Speaker(person.id, person.name, role, True, organisation=person.kind == "organisation")


def _registry_speaker(mention: Mention, sentence: str, people, day, role: str | None = None):
    person = people[mention.target]
    stated = role or role_phrase(sentence[:mention.start])
    return _registry_person(person, stated)


def _transcript_turn(text, mentions, people) -> Speaker | None:
    match = _TRANSCRIPT.match(text)
    if not match:
        return None
    for mention in mentions:
        if mention.start == 0 and mention.end >= match.end("name") - 1:
            person = people[mention.target]
            return _registry_person(person, None)
    return None
