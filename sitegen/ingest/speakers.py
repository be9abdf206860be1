"""Who speaks in a story, in what role, and who is only mentioned.

Reads the narration (quoted words blanked out) paragraph by paragraph and
sentence by sentence (``saying.py`` finds the speaker of one sentence),
credits each paragraph's quotes to its speaker, gives a statement or an
interview with nobody named beside it to the person or body the story
introduced, and ranks the cast: the person the headline names first, then by
words quoted. Registry people and the story's new people (persons.py) speak
alike; the new ones keep a slug id and a note.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from sitegen.ingest.cast import Cast, CastSoFar, Speaker, person_speaker
from sitegen.ingest.names import Mention, NameMatcher
from sitegen.ingest.persons import NewPeople, is_new
from sitegen.ingest.roles import role_phrase
from sitegen.ingest.saying import sentence_speaker, transcript_turn
from sitegen.core.records import Person

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”»]?\s+(?=[\"“«„A-ZА-ЯЁ])")


def find_cast(narration: list[str], quote_counts: list[int], people_matcher: NameMatcher,
              people, day: date | None, new_people: NewPeople | None = None,
              quote_sizes: list[int] | None = None, headline: str = "") -> Cast:
    """Speakers and mentioned people of a story.

    ``narration`` holds each paragraph with its quoted words blanked out;
    ``quote_counts`` how many quotes each paragraph holds (or closes), and
    ``quote_sizes`` how many characters they quote; ``new_people`` are the
    people found by the shape of their names (persons.py), who speak like
    anyone else but keep a slug id and a note.
    """
    new_people = new_people or NewPeople({}, None)
    people = _People(people, new_people)
    sizes = quote_sizes or [0] * len(narration)
    cast = CastSoFar()
    mentioned: list[str] = []
    for index, text in enumerate(narration):
        mentions = _mentions(text, people_matcher, new_people)
        mentioned += [m.target for m in mentions if m.target not in mentioned]
        speaker_here = _paragraph_speaker(text, mentions, people, day, cast)
        if quote_counts[index] and (speaker_here or cast.last):
            speaker_id = cast.add(speaker_here) if speaker_here else cast.last
            cast.credit(speaker_id, quote_counts[index], sizes[index])
    if not cast.found and cast.first_named and (
            _is_interview(narration) or (any(quote_counts) and _introduces_statement(narration))):
        _give_the_floor(cast, people[cast.first_named], quote_counts, sizes)
    _roles_from_earlier_mentions(cast, narration, people_matcher)
    _note_new_people(cast)
    named = {m.target for m in _mentions(headline, people_matcher, new_people)} if headline else set()
    ordered = _ranked(cast, named, by_size=quote_sizes is not None)
    speaking = {s.id for s in ordered}
    return Cast(tuple(ordered), tuple(dict.fromkeys(m for m in mentioned
                                                    if m not in speaking and not is_new(m))),
                tuple(cast.notes))


def _paragraph_speaker(text: str, mentions: list[Mention], people, day,
                       cast: CastSoFar) -> Speaker | None:
    """The last speaker found in a paragraph, sentence by sentence (a turn's name first)."""
    speaker_here = transcript_turn(text, mentions, people)
    if speaker_here:
        cast.add(speaker_here)
    offset = 0
    starts = [m.start for m in mentions]
    for sentence in _SENTENCE.split(text):
        start = text.find(sentence, offset)
        offset = start + len(sentence)
        local = [_shift(m, -start) for m in mentions[bisect_left(starts, start):bisect_left(starts, offset)]]
        found = sentence_speaker(sentence, local, people, day, cast, cast.first_named)
        if found is not None:
            speaker_here = found
            cast.add(found)
        if local and cast.first_named is None:
            cast.first_named = local[0].target  # the story's protagonist, a last resort for "he"
    return speaker_here


def _ranked(cast: CastSoFar, named: set[str], by_size: bool) -> list[Speaker]:
    """The person the headline names first, then the most quoted, then the first found."""
    return sorted(cast.found.values(),
                  key=lambda s: (s.id not in named and _target(s) not in named,
                                 -(s.quoted if by_size else s.quotes), cast.order.index(s.id)))


class _People:
    """The registry's people, and the story's new people under their "?" ids."""

    def __init__(self, registry, new_people: NewPeople):
        self.registry, self.new = registry, new_people.people

    def __getitem__(self, target: str):
        if is_new(target):
            person = self.new[target]
            return Person(id=person.id, name=person.name, known=False)
        return self.registry[target]

    def written_role(self, target: str) -> str | None:
        return self.new[target].role if is_new(target) else None

    def values(self):
        return self.registry.values()


def _target(speaker: Speaker) -> str:
    return speaker.id if speaker.known else "?" + speaker.id


def _mentions(text: str, matcher: NameMatcher, new_people: NewPeople) -> list[Mention]:
    """Registry names first; names of new people where no registry name stands.

    A surname alone that the registry and a new person share ("Саркисян"
    after "Тигран Саркисян") is the new person's: the story named them in full.
    """
    found = matcher.find(text)  # left to right, never overlapping one another
    theirs = new_people.find(text)
    if not theirs:
        return found
    starts = [m.start for m in found]
    dropped, added = set(), []
    for mention in theirs:
        near = bisect_left(starts, mention.start)
        clashing = [i for i in range(max(0, near - 1), min(len(found), near + 2))
                    if found[i].start < mention.end and mention.start < found[i].end]
        if clashing and all(found[i].start == mention.start and found[i].end == mention.end
                            and " " not in found[i].text for i in clashing):
            dropped.update(clashing)
            clashing = []
        if not clashing:
            added.append(mention)
    kept = [m for i, m in enumerate(found) if i not in dropped]
    return sorted(kept + added, key=lambda m: m.start)


# An interview printed as turns: "— …" or "Answer: …" paragraphs with no names.
_TURN = re.compile(r"^(?:[—–-]\s|(?:answer|ответ|a|о)\s*:)", re.IGNORECASE)


def _is_interview(narration: list[str]) -> bool:
    return sum(1 for text in narration if _TURN.match(text)) >= 2


# "Below is the full text of the statement:", "Ниже приводится полный текст заявления".
_STATEMENT = re.compile(r"(?<![\w-])(?:statement|full text|declaration|communiqu[eé]|address|"
                        r"заявлени\w*|полный текст|обращени\w*|коммюнике)(?![\w-])", re.IGNORECASE)


def _introduces_statement(narration: list[str]) -> bool:
    return any(_STATEMENT.search(text) for text in narration)


def _give_the_floor(cast: CastSoFar, person, quote_counts: list[int], sizes: list[int]) -> None:
    """Quotes or interview answers with nobody named beside them: the person the story
    introduced speaks them (a ministry's statement given in full, an interviewee)."""
    speaker_id = cast.add(person_speaker(person, None))
    cast.credit(speaker_id, sum(quote_counts), sum(sizes))


def _note_new_people(cast: CastSoFar) -> None:
    for speaker in cast.found.values():
        if not speaker.known and not speaker.organisation:
            note = (f'speaker "{speaker.name}" is not in people.yaml (kept as "{speaker.id}"): '
                    f'add the person or fix the id')
            if note not in cast.notes:
                cast.notes.append(note)


def _roles_from_earlier_mentions(cast: CastSoFar, narration: list[str], matcher: NameMatcher) -> None:
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
