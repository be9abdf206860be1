"""One raw capture → one article record and body, and what ingest noticed.

The stages run in order: lay out the lines, read the dateline and the date,
find quotes, speakers, subjects, the headline; then compose the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sitegen.ingest.addresses import split_address
from sitegen.ingest.compose import Record, Speech, body_markdown, front_matter
from sitegen.ingest.datelines import find_dateline
from sitegen.ingest.dating import Dating, date_story
from sitegen.ingest.headline import sentence_case, write_headline
from sitegen.ingest.layout import Layout, lay_out
from sitegen.ingest.names import NameMatcher, is_cyrillic
from sitegen.ingest.profiles import Profile, recognise
from sitegen.ingest.persons import NewPeople, find_new_people, is_new
from sitegen.ingest.quotes import Quote, find_quotes
from sitegen.ingest.roles import may_precede_surname
from sitegen.ingest.speakers import Cast, find_cast
from sitegen.ingest.subjects import (find_terms, find_venue, read_translations,
                                     story_language)
from sitegen.ingest.text import RawItem, joined, mend, paragraphs, without_end_code
from sitegen.core.records import Registries


class Knowledge:
    """What every item is read against: registries, outlet profiles, name matchers."""

    def __init__(self, registries: Registries, profiles: tuple[Profile, ...]):
        self.registries = registries
        self.profiles = profiles
        self.people = NameMatcher(_names(registries.people), capitalised_only=True,
                                  may_precede_surname=may_precede_surname)
        self.places = NameMatcher(_names(registries.places), capitalised_only=True)
        self.topics = NameMatcher(_names(registries.topics), capitalised_only=False)

    def is_name(self, word: str) -> bool:
        """A word the people or place registries know as (part of) a name."""
        return bool(self.people.find(word.title()) or self.places.find(word.title()))


def _names(registry):
    for entry in registry.values():
        yield entry.id, entry.name
        for alias in entry.aliases:
            yield entry.id, alias


@dataclass(frozen=True)
class Normalised:
    record: Record
    text: str                    # the whole article file
    body: str                    # its Markdown body alone
    profile: Profile
    layout: Layout
    dating: Dating
    cast: Cast
    quotes: tuple[Quote, ...]
    unbalanced_lines: tuple[int, ...]
    headline_written: bool


def normalise(item: RawItem, knowledge: Knowledge, year_hint: int | None,
              source_name: str) -> Normalised:
    full_text = "\n".join(line.text for line in item.lines)
    profile = recognise(knowledge.profiles, full_text)
    layout = lay_out(item, profile)
    texts = _story_texts(layout, item)
    dateline = find_dateline(texts[0], profile) if texts else None
    language = story_language(full_text)
    dating = date_story(layout, dateline, "\n".join(texts), year_hint, _file_time(item.path),
                        full_text, language)
    quotes, unbalanced = find_quotes(texts)
    narration = _narration(texts, quotes)
    closing = [sum(1 for q in quotes if q.last == i) for i in range(len(texts))]
    sizes = [sum(len(q.text) for q in quotes if q.last == i) for i in range(len(texts))]
    day = dating.value.date() if isinstance(dating.value, datetime) else dating.value
    new_people = find_new_people(narration, knowledge.people, knowledge.places)
    cast = find_cast(narration, closing, knowledge.people, knowledge.registries.people,
                     day if dating.settled else None, new_people, sizes,
                     layout.headline.text if layout.headline else "")
    searchable = ([layout.headline.text] if layout.headline else []) + texts
    places = find_terms(knowledge.places, [_COMPOUND.sub(" ", text) for text in searchable])
    if dateline:
        places = _with_dateline_place(places, dateline.place, knowledge)
    topics = find_terms(knowledge.topics, searchable)
    title, written = _title(layout, cast, texts, dateline, language, knowledge)
    review = _review(dating, cast, written, unbalanced)
    original, archived = split_address(layout.url)
    record = Record(
        title=title, date=dating.value, date_confidence=dating.confidence,
        speakers=tuple(Speech(s.id, s.role) for s in cast.speakers),
        venue=find_venue(narration), topics=tuple(topics), places=tuple(places),
        people=_mentioned(knowledge, searchable, cast, new_people),
        language=language,
        translations=read_translations(layout.translations.text if layout.translations else None,
                                       profile, language),
        outlet=profile.outlet_id, url=original, archived=archived, file=source_name, sha256=item.sha256,
        review=tuple(review), draft=not dating.settled)
    quoted, joins = _blockquotes(quotes)
    body = body_markdown(texts, quoted, joins)
    return Normalised(record, front_matter(record) + body, body, profile, layout, dating, cast,
                      tuple(quotes), tuple(unbalanced), written)


def _story_texts(layout: Layout, item: RawItem) -> list[str]:
    """The story's paragraphs as text, mended (a lost space, a glued end code)."""
    texts = [mend(joined(group)) for group in paragraphs(list(layout.story), item.breaks, item.wrap)]
    if texts:
        texts[-1] = without_end_code(texts[-1])
    return texts


def _title(layout: Layout, cast: Cast, texts: list[str], dateline, language: str,
           knowledge: Knowledge) -> tuple[str, bool]:
    """The outlet's headline, or one written from the lead; and whether it was written."""
    if layout.headline:
        return sentence_case(layout.headline.text, knowledge.is_name), False
    main = cast.speakers[0] if cast.speakers else None
    return write_headline(_name_in_script(main, language, knowledge), texts[0] if texts else "",
                          dateline.text if dateline else None,
                          is_organisation=_is_organisation(main, knowledge)), True


def _review(dating: Dating, cast: Cast, written: bool, unbalanced: list[int]) -> list[str]:
    review = list(dating.notes) + list(cast.notes)
    if written:
        review.append("title: written by ingest from the story's lead (the source has no "
                      "headline): check it")
    if not cast.speakers:
        review.append("speakers: nobody is quoted or reported speaking: add the speaker")
    for line_index in unbalanced:
        review.append(f"quotes: a quote mark in paragraph {line_index + 1} is never closed")
    return review


# "Yerevan-based", "Moscow-backed": a place named inside a compound adjective.
_COMPOUND = re.compile(r"(?<=[^\W\d_])-(?=[a-zа-яё])")


def _mentioned(knowledge: Knowledge, texts: list[str], cast: Cast,
               new_people: NewPeople) -> tuple[str, ...]:
    """People named anywhere, quotes included, who do not speak; organisations aside.

    A surname alone that is also a new person's ("Саркисян" after "Тигран
    Саркисян") is that person, not the registry's namesake.
    """
    speaking = {speaker.id for speaker in cast.speakers}
    people = knowledge.registries.people
    found: list[str] = []
    for text in texts:
        theirs = new_people.find(text)
        spans = {(m.start, m.end) for m in theirs if is_new(m.target)}
        ours = knowledge.people.find(text)
        for mention in ours + [m for m in theirs if not is_new(m.target)]:
            if (mention.start, mention.end) in spans and " " not in mention.text:
                continue
            if mention.target not in found:
                found.append(mention.target)
    return tuple(i for i in found if i not in speaking and people[i].kind != "organisation")


def _is_organisation(speaker, knowledge: Knowledge) -> bool:
    if speaker is None:
        return False
    person = knowledge.registries.people.get(speaker.id)
    return person.kind == "organisation" if person else " " in speaker.name and not speaker.name.istitle()


def _name_in_script(speaker, language: str, knowledge: Knowledge) -> str | None:
    """The speaker's name as the story's language writes it (Полянский in Russian)."""
    if speaker is None:
        return None
    if not speaker.known:
        return speaker.name
    person = knowledge.registries.people[speaker.id]
    if language == "ru":
        cyrillic = [alias for alias in person.aliases if is_cyrillic(alias)]
        if cyrillic:
            return max(cyrillic, key=lambda alias: len(alias.split()))
    return person.name


def _narration(texts: list[str], quotes: list[Quote]) -> list[str]:
    """Each paragraph with its quoted words blanked, offsets kept."""
    out = list(texts)
    for quote in quotes:
        for index in range(quote.first, quote.last + 1):
            text = out[index]
            start = quote.start if index == quote.first else 0
            end = quote.end if index == quote.last else len(text)
            out[index] = text[:start] + " " * (end - start) + text[end:]
    return out


def _blockquotes(quotes: list[Quote]) -> tuple[set[int], set[int]]:
    quoted: set[int] = set()
    joins: set[int] = set()
    for quote in quotes:
        if quote.opens_paragraph and quote.closed:
            quoted.update(range(quote.first, quote.last + 1))
            joins.update(range(quote.first + 1, quote.last + 1))
    return quoted, joins


def _with_dateline_place(places: list[str], place: str, knowledge: Knowledge) -> list[str]:
    found = knowledge.places.find(place.title()) or knowledge.places.find(place)
    if found and found[0].target not in places:
        return [found[0].target, *places]
    return places


def _file_time(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    except OSError:
        return datetime.now(tz=timezone.utc)
