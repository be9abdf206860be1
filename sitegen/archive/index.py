"""The archive indexed: articles in time order and grouped by what they are about.

Groups hold article ids, not articles (as Zola's taxonomies do), newest first.
Names for ids the registries do not know are made up from the slug so that
pages can still be built for them; the load stage has already warned.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Mapping

from sitegen.archive.calendar import Calendar
from sitegen.archive.load import Archive
from sitegen.core.records import Article, Person, Registries, Term
from sitegen.archive.related import Related
from sitegen.archive.translations import translation_groups


@dataclass(frozen=True)
class Index:
    articles: tuple[Article, ...]  # newest first
    by_id: Mapping[str, Article]
    position: Mapping[str, int]  # article id → index in ``articles``
    speakers: Mapping[str, tuple[str, ...]]  # person id → ids of articles they speak in
    topics: Mapping[str, tuple[str, ...]]
    places: Mapping[str, tuple[str, ...]]
    mentioned: Mapping[str, tuple[str, ...]]  # person id → ids of articles mentioning them
    months: Mapping[tuple[int, int], tuple[str, ...]]  # (year, month) → ids
    people: Mapping[str, Person]  # every person referred to, registry or made up
    terms: Mapping[str, Mapping[str, Term]]  # "topics"/"places" → id → Term

    def newer(self, article: Article) -> Article | None:
        i = self.position[article.id]
        return self.articles[i - 1] if i > 0 else None

    def older(self, article: Article) -> Article | None:
        i = self.position[article.id]
        return self.articles[i + 1] if i + 1 < len(self.articles) else None

    def listed(self, ids: tuple[str, ...]) -> list[Article]:
        return [self.by_id[i] for i in ids]

    # Worked out on first use (a frozen dataclass still has a __dict__ to keep them in).
    @cached_property
    def related(self) -> Related:
        """Related items per article (related.py)."""
        return Related(self)

    @cached_property
    def calendar(self) -> Calendar:
        """Days with items, and the nearest day, month or year with items either side (calendar.py)."""
        return Calendar(self.articles)

    @cached_property
    def translations(self) -> Mapping[str, tuple[str, ...]]:
        """Article id → ids of the translations group it belongs to (translations.py)."""
        return MappingProxyType(translation_groups(self.articles))

    @cached_property
    def first_speaker(self) -> Mapping[str, str]:
        """Article id → the id of the person who speaks first in it (a speaker page quotes
        only these items), for the articles with a speaker."""
        return MappingProxyType({a.id: a.speakers[0].id for a in self.articles if a.speakers})

    @property
    def years(self) -> dict[int, list[int]]:
        """Year → its months that have items, both ascending."""
        years: dict[int, list[int]] = defaultdict(list)
        for year, month in sorted(self.months):
            years[year].append(month)
        return dict(years)


def build_index(archive: Archive) -> Index:
    articles = tuple(sorted(archive.articles, key=lambda a: a.sort_key, reverse=True))
    groups: dict[str, dict] = {name: defaultdict(list) for name in GROUPS}
    for article in articles:
        for speaker in article.speakers:
            groups["speakers"][speaker.id].append(article.id)
        for topic in article.topics:
            groups["topics"][topic].append(article.id)
        for place in article.places:
            groups["places"][place].append(article.id)
        for person in article.people:
            groups["mentioned"][person].append(article.id)
        groups["months"][(article.day.year, article.day.month)].append(article.id)
    frozen = {name: _freeze(group) for name, group in groups.items()}
    return Index(
        articles=articles,
        by_id=MappingProxyType({a.id: a for a in articles}),
        position=MappingProxyType({a.id: i for i, a in enumerate(articles)}),
        people=_people(archive.registries, frozen["speakers"], frozen["mentioned"]),
        terms=MappingProxyType({
            "topics": _terms(archive.registries.topics, frozen["topics"]),
            "places": _terms(archive.registries.places, frozen["places"]),
        }),
        **frozen,
    )


GROUPS = ("speakers", "topics", "places", "mentioned", "months")
KEPT = ("calendar", "translations", "first_speaker")  # worked out from every item on first use: kept once they were


@dataclass(frozen=True)
class Shape:
    """An index without its records: the order of ids, the groups, and what was worked out from
    every item (``KEPT``). It is the index of any archive whose items have the same
    front-matter, with the same registries and config: a build that follows body edits
    alone makes its index from the last build's shape (build/engine.py) instead of sorting
    and grouping every record, which it then need not read (build/kept_records.py)."""

    position: Mapping[str, int]  # id → place in the order, newest first
    groups: Mapping[str, Mapping]  # GROUPS: name → key → ids
    kept: Mapping[str, object]  # KEPT: name → value, for those worked out by then


def shape_of(index: Index) -> Shape:
    """The shape of ``index``, with what was worked out of it so far."""
    return Shape(index.position, {name: getattr(index, name) for name in GROUPS},
                 {name: index.__dict__[name] for name in KEPT if name in index.__dict__})


def index_from_shape(shape: Shape, archive: Archive) -> Index | None:
    """The index of ``archive``, whose items have the front-matter they had when ``shape`` was
    taken; None if its items are not the ones the shape orders."""
    files = {a.id: a for a in archive.articles}
    if len(files) != len(shape.position) or len(archive.articles) != len(files):
        return None
    try:
        by_id = {i: files[i] for i in shape.position}
    except KeyError:
        return None
    groups = shape.groups
    index = Index(
        articles=tuple(by_id.values()),
        by_id=MappingProxyType(by_id),
        position=shape.position,
        people=_people(archive.registries, groups["speakers"], groups["mentioned"]),
        terms=MappingProxyType({
            "topics": _terms(archive.registries.topics, groups["topics"]),
            "places": _terms(archive.registries.places, groups["places"]),
        }),
        **groups,
    )
    index.__dict__.update(shape.kept)  # where functools.cached_property keeps what it works out
    return index


def _freeze(group: dict) -> Mapping:
    return MappingProxyType({key: tuple(ids) for key, ids in sorted(group.items())})


def name_from_id(slug: str) -> str:
    return " ".join(word.capitalize() for word in slug.split("-"))


def _people(registries: Registries, *groups: Mapping[str, tuple]) -> Mapping[str, Person]:
    people = dict(registries.people)
    for group in groups:
        for person_id in group:
            if person_id not in people:
                people[person_id] = Person(person_id, name_from_id(person_id), known=False)
    return MappingProxyType(people)


def _terms(registry: Mapping[str, Term], group: Mapping[str, tuple]) -> Mapping[str, Term]:
    terms = dict(registry)
    for term_id in group:
        if term_id not in terms:
            terms[term_id] = Term(term_id, name_from_id(term_id), known=False)
    return MappingProxyType(terms)


def feed_items(index: Index, limit: int) -> set[str]:
    """Ids of the items a feed carries in full: the site feed's (render/contexts.py)."""
    return {a.id for a in index.articles[:limit]}
