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
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date

from sitegen.ingest.names import Mention, NameMatcher, to_latin, words
from sitegen.ingest.persons import NewPeople, is_new
from sitegen.ingest.roles import (ROLE_REACH, ROLE_WORDS, canonical_words, resolve_role, role_phrase,
                                  trailing_organisation, trailing_role)
from sitegen.ingest.verbs import ACCORDING, PRONOUN, verbs_in
from sitegen.records import Person
from sitegen.schema import slugify

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
    quoted: int = 0     # characters of quoted words credited to them


@dataclass
class _Cast:
    """The speakers found so far, in order of first appearance."""
    order: list[str] = field(default_factory=list)
    found: dict[str, Speaker] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    relays: dict[str, Speaker] = field(default_factory=dict)  # organisation id → whose words it relays

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
    cast = _Cast()
    mentioned: list[str] = []
    first_named: str | None = None  # the story's protagonist, as a last resort for "he"
    for index, text in enumerate(narration):
        mentions = _mentions(text, people_matcher, new_people)
        for mention in mentions:
            if mention.target not in mentioned:
                mentioned.append(mention.target)
        speaker_here = _transcript_turn(text, mentions, people)
        if speaker_here:
            cast.add(speaker_here)
        offset = 0
        starts = [m.start for m in mentions]
        for sentence in _SENTENCE.split(text):
            start = text.find(sentence, offset)
            offset = start + len(sentence)
            local = [_shift(m, -start)
                     for m in mentions[bisect_left(starts, start):bisect_left(starts, offset)]]
            found = _sentence_speaker(sentence, local, people, day, cast, first_named)
            if found is not None:
                speaker_here = found
                cast.add(found)
            if local and first_named is None:
                first_named = local[0].target
        if quote_counts[index] and (speaker_here or cast.last):
            speaker_id = cast.add(speaker_here) if speaker_here else cast.last
            cast.credit(speaker_id, quote_counts[index], sizes[index])
    if not cast.found and first_named and (_is_interview(narration) or
                                           (any(quote_counts) and _introduces_statement(narration))):
        _give_the_floor(cast, people[first_named], quote_counts, sizes)
    _roles_from_earlier_mentions(cast, narration, people_matcher)
    _note_new_people(cast)
    named = {m.target for m in _mentions(headline, people_matcher, new_people)} if headline else set()
    ordered = sorted(cast.found.values(),
                     key=lambda s: (s.id not in named and _target(s) not in named,
                                    -(s.quoted if quote_sizes else s.quotes),
                                    cast.order.index(s.id)))
    speaking = {s.id for s in ordered}
    return Cast(tuple(ordered), tuple(m for m in mentioned
                                      if m not in speaking and not is_new(m)),
                tuple(cast.notes))


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


def _give_the_floor(cast: _Cast, person, quote_counts: list[int], sizes: list[int]) -> None:
    """Quotes or interview answers with nobody named beside them: the person the story
    introduced speaks them (a ministry's statement given in full, an interviewee)."""
    speaker_id = cast.add(_registry_person(person, None))
    cast.credit(speaker_id, sum(quote_counts), sum(sizes))


def _note_new_people(cast: _Cast) -> None:
    for speaker in cast.found.values():
        if not speaker.known and not speaker.organisation:
            note = (f'speaker "{speaker.name}" is not in people.yaml (kept as "{speaker.id}"): '
                    f'add the person or fix the id')
            if note not in cast.notes:
                cast.notes.append(note)


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
    """Who speaks in a sentence: the first verb of saying with somebody beside it.

    A later verb whose subject is an organisation ("…, the Kremlin press
    service said") only relays the words of the person found first: that
    organisation's later quotes are credited to the person.
    """
    found = None
    for verb in verbs_in(sentence):
        here = (_named_before(sentence, verb.start(), mentions, people, day)
                or _named_after(sentence, verb.end(), mentions, people, day)
                or _pronoun(sentence, verb, people, cast, first_named)
                or _role_only(sentence, verb.start(), people, day, cast)
                or _organisation_before(sentence, verb.start(), cast))
        if here is None:
            continue
        if found is None:
            found = here
        elif here.organisation and not found.organisation:
            cast.relays[here.id] = found
            break
    return found or _according_to(sentence, mentions, people, day)


def _according_to(sentence, mentions, people, day) -> Speaker | None:
    """"according to X", "по словам X": the head of the noun phrase, a person before an
    organisation ("по словам официального представителя МИД России Марии Захаровой")."""
    according = ACCORDING.search(sentence)
    if not according:
        return None
    phrase_end = according.end() + (re.search(r"[,;:.]|$", sentence[according.end():]).start())
    inside = [m for m in mentions if according.end() <= m.start < min(phrase_end, according.end() + 120)]
    if not inside:
        return None
    persons = [m for m in inside if getattr(people[m.target], "kind", "person") != "organisation"]
    return _registry_speaker((persons or inside)[-1], sentence, people, day)


# Words after which a name is an object, not the subject: "с премьер-министром …
# Николом Пашиняном", "told … Nikol Pashinyan".
_GOVERNING = {"с", "со", "к", "ко", "у", "от", "для", "при", "о", "об", "без", "между", "перед",
              "with", "to", "from", "by", "for", "about", "told", "met", "called", "urged"}


def _is_object(sentence: str, mention: Mention) -> bool:
    before = sentence[max(0, mention.start - ROLE_REACH):mention.start].rstrip()
    role = role_phrase(before) or ""
    before = before[:len(before) - len(role)] if role and before.endswith(role) else before
    previous = words(before)[-1:] if before else []
    return bool(previous) and previous[0][2].lower() in _GOVERNING


def _named_before(sentence, verb_start, mentions, people, day) -> Speaker | None:
    before_verb = bisect_left(mentions, verb_start, key=lambda m: m.start)
    for mention in reversed(mentions[:before_verb]):
        if mention.end > verb_start:
            continue
        if _is_object(sentence, mention):
            continue
        gap = sentence[mention.end:verb_start]
        appositive = re.fullmatch(r"\s*,\s*(?P<role>[^,]{3,120}),\s*(?:has\s+|had\s+|also\s+|then\s+)?", gap)
        if appositive and ROLE_WORDS.search(appositive.group("role")):
            return _registry_speaker(mention, sentence, people, day,
                                     role=appositive.group("role").strip())
        if re.fullmatch(r"[\s,]*(?:(?:has|had|also|then|later|further|again|in turn|"
                        r"press service|press office|в свою очередь|также|тоже|ранее|уже)[\s,]*){0,3}",
                        gap, re.IGNORECASE):
            return _registry_speaker(mention, sentence, people, day)
        if _opens_sentence(sentence, mention) and not re.search(r"[,;:()«»\"“”]", gap) \
                and len(words(gap)) <= SUBJECT_REACH:
            return _registry_speaker(mention, sentence, people, day)
        return None
    return None


SUBJECT_REACH = 15  # words between a sentence's subject and its verb ("Путин в телефонном разговоре … заявил")


def _opens_sentence(sentence: str, mention: Mention) -> bool:
    """The name is the sentence's subject: nothing but its role stands before it."""
    before = sentence[:mention.start].strip()
    return not before or role_phrase(sentence[:mention.start]) == before


def _named_after(sentence, verb_end, mentions, people, day) -> Speaker | None:
    for mention in mentions:
        if mention.start < verb_end:
            continue
        between = sentence[verb_end:mention.start]
        if len(words(between)) <= 12 and not re.search(r"[.;:!?«\"“]|\b(that|что)\b", between):
            role = _LEADING_CIRCUMSTANCE.sub("", between.strip(" ,–—-")) or None
            if role and not ROLE_WORDS.search(role):
                role = None
            return _registry_speaker(mention, sentence, people, day, role=role)
        return None
    return None


# "сказала на встрече активистка …": a circumstance between the verb and the role.
_LEADING_CIRCUMSTANCE = re.compile(r"^(?:(?:на|в|во|после|при|at|in|during|after)\s+[^\W\d_]+\s+)+",
                                   re.IGNORECASE)


def _pronoun(sentence, verb, people, cast, first_named) -> Speaker | None:
    """"he said", "the envoy added", "отметил министр": the last speaker, or else the
    story's first-named person; "the ministry said" only ever an organisation speaking."""
    near = sentence[max(0, verb.start() - 40):verb.end() + 20]
    before = sentence[max(0, verb.start() - 50):verb.start()]
    if _BODY_BEFORE.search(before):
        last = cast.found.get(cast.last) if cast.last else None
        return last if last and last.organisation else None
    noun = _PERSON_BEFORE.search(before)
    if not (PRONOUN.search(near) or noun or _PERSON_AFTER.match(sentence[verb.end():])):
        return None
    if noun and (holder := _holder_of(noun.group("noun"), cast)):
        return holder
    if cast.last:
        return cast.found[cast.last]
    if first_named:
        return _registry_person(people[first_named], None)
    return None


_PERSON_BEFORE = re.compile(
    r"(?<![\w-])the (?:[A-Za-z-]+ ){0,2}(?P<noun>minister|envoy|diplomat|ambassador|president|"
    r"prime minister|spokes\w+|official|representative|secretary|premier|chairman|pm|mp|"
    r"governor|mayor|analyst|expert|leader|chief|head)\b", re.IGNORECASE)


def _holder_of(noun: str, cast: _Cast) -> Speaker | None:
    """"the PM": the latest speaker whose role, as written, names that office."""
    wanted = canonical_words(noun)
    for speaker_id in reversed(cast.order):
        speaker = cast.found[speaker_id]
        if speaker.role and wanted and wanted <= canonical_words(speaker.role):
            return speaker
    return None
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


def _organisation_before(sentence, verb_start, cast) -> Speaker | None:
    """"…, the Ministry of Health of Armenia said": an organisation by its name's shape."""
    organisation = trailing_organisation(sentence[:verb_start].rstrip(" ,"))
    return _unknown(organisation, None, cast, "organisation") if organisation else None


def _unknown(name: str, role: str | None, cast, kind: str) -> Speaker:
    slug = slugify(to_latin(name)) or "unknown-speaker"
    note = f'speaker "{name}" is not in people.yaml (kept as "{slug}"): add the {kind} or fix the id'
    if note not in cast.notes:
        cast.notes.append(note)
    return Speaker(slug, name, role, False, organisation=kind == "organisation")


def _registry_person(person, role: str | None) -> Speaker:
    return Speaker(person.id, person.name, role, person.known,
                   organisation=person.kind == "organisation")


def _registry_speaker(mention: Mention, sentence: str, people, day, role: str | None = None):
    person = people[mention.target]
    stated = role or role_phrase(sentence[:mention.start]) or people.written_role(mention.target)
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
