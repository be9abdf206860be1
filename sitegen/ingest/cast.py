"""The cast of a story as it is found: who speaks, in what role, with how many quotes.

``CastSoFar`` is the one mutable record of the speaker search, filled
paragraph by paragraph; ``Cast`` is what the search returns. The functions
at the end make a ``Speaker`` from a registry person, a mention or a name the
registry does not know (with the note that says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sitegen.ingest.names import Mention, to_latin
from sitegen.ingest.roles import role_phrase
from sitegen.core.ids import slugify


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    role: str | None
    known: bool
    quotes: int = 0
    organisation: bool = False
    quoted: int = 0     # characters of quoted words credited to them


@dataclass
class CastSoFar:
    """The speakers found so far, in order of first appearance."""
    order: list[str] = field(default_factory=list)
    found: dict[str, Speaker] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    relays: dict[str, Speaker] = field(default_factory=dict)  # organisation id → whose words it relays
    first_named: str | None = None  # the first person or body the story names

    def add(self, speaker: Speaker) -> str:
        speaker = self.relays.get(speaker.id, speaker)
        known = self.found.get(speaker.id)
        if known is None:
            self.found[speaker.id] = speaker
            self.order.append(speaker.id)
        elif known.role is None and speaker.role:
            self.found[speaker.id] = replace(known, role=speaker.role)
        return speaker.id

    def credit(self, speaker_id: str, quotes: int, size: int) -> None:
        s = self.found[speaker_id]
        self.found[speaker_id] = replace(s, quotes=s.quotes + quotes, quoted=s.quoted + size)

    @property
    def last(self) -> str | None:
        return self.order[-1] if self.order else None


@dataclass(frozen=True)
class Cast:
    speakers: tuple[Speaker, ...]   # main speaker first
    mentioned: tuple[str, ...]      # registry ids of people named but not speaking
    notes: tuple[str, ...]


def unknown_speaker(name: str, role: str | None, cast, kind: str) -> Speaker:
    slug = slugify(to_latin(name)) or "unknown-speaker"
    note = f'speaker "{name}" is not in people.yaml (kept as "{slug}"): add the {kind} or fix the id'
    if note not in cast.notes:
        cast.notes.append(note)
    return Speaker(slug, name, role, False, organisation=kind == "organisation")


def person_speaker(person, role: str | None) -> Speaker:
    return Speaker(person.id, person.name, role, person.known,
                   organisation=person.kind == "organisation")


def mention_speaker(mention: Mention, sentence: str, people, day, role: str | None = None):
    person = people[mention.target]
    stated = role or role_phrase(sentence[:mention.start]) or people.written_role(mention.target)
    return person_speaker(person, stated)
