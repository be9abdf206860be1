"""The frozen records passed between stages.

Each stage takes records and returns new ones; nothing gains fields on the
way through. Collections inside records are tuples or read-only mappings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from types import MappingProxyType
from typing import Any, Mapping

EMPTY: Mapping[str, Any] = MappingProxyType({})


class computed_once:
    """A value worked out from a record's fields on first use, then kept in the record's
    ``__dict__`` (frozen dataclasses still have one): ``functools.cached_property``
    without its lock. Python 3.11's takes a lock on every first use, and every
    article's day, URL and sort key are first used in the serial part of a full
    build. Two threads racing only work a value out twice.
    """

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


# --- registries -------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    title: str
    start: date
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    kind: str = "person"
    known: bool = True  # False for an id the registry does not hold

    def role_on(self, day: date) -> str | None:
        """The role held on ``day``; the most recently started one wins."""
        current = [role for role in self.roles if role.holds_on(day)]
        if not current:
            return None
        return max(current, key=lambda role: role.start).title


@dataclass(frozen=True)
class Term:
    """A topic or a place: an id with a name and the words that mean it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    country: str | None = None
    kind: str = ""
    known: bool = True


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    url: str | None = None
    language: str | None = None
    ingest: Mapping[str, Any] = field(default_factory=lambda: EMPTY)


@dataclass(frozen=True)
class Registries:
    people: Mapping[str, Person]
    topics: Mapping[str, Term]
    places: Mapping[str, Term]
    outlets: Mapping[str, Outlet]


# --- articles ---------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerRef:
    id: str
    role: str | None = None


@dataclass(frozen=True)
class Source:
    outlet: str | None = None
    url: str | None = None  # the item's own address at the outlet
    archived: str | None = None  # a copy kept by a web archive, should the original change or go
    file: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Article:
    """One curated item as read from content/articles/, validated."""

    id: str  # file stem, YYYY-MM-DD-<slug>
    path: str  # repository-relative, posix
    slug: str
    title: str
    date: date | datetime
    date_confidence: str | None
    speakers: tuple[SpeakerRef, ...]
    venue: str | None
    topics: tuple[str, ...]
    places: tuple[str, ...]
    people: tuple[str, ...]
    language: str
    translations: tuple[str, ...]
    source: Source
    review: tuple[str, ...]
    draft: bool
    extra: Mapping[str, Any]
    body_line: int  # line of the file where the Markdown body starts
    # Fingerprints of the two halves of the file: listing pages depend on the
    # front-matter only, the item's own page on both (see build/page_digests.py).
    meta_digest: str = ""
    body_digest: str = ""
    review_lines: tuple[int, ...] = ()  # file line of each ``review`` note, for the review queue
    translation_of: str | None = None  # id of the article this one translates (archive/translations.py)
    medium: str | None = None  # how the words were given: a key of archive/contract.py's MEDIA
    # The archive's rendering of the body's blockquotes in the site's language, in their
    # order; "" for a quote left as it is. Pairs with the quotes by position (render/contexts.py).
    quote_translations: tuple[str, ...] = ()
    # Addresses of the editions ``translations`` names, where the file gives them: (code, url).
    translation_urls: tuple[tuple[str, str], ...] = ()

    @computed_once
    def day(self) -> date:
        return self.date.date() if isinstance(self.date, datetime) else self.date

    @computed_once
    def url(self) -> str:
        """Site-relative URL path, without the base path: YYYY/MM/DD/<slug>/."""
        return f"{self.day.isoformat().replace('-', '/')}/{self.slug}/"  # YYYY-MM-DD, zero-padded

    @computed_once
    def sort_key(self) -> tuple:
        """Total order, oldest first: the instant (a bare date is midnight UTC), then id."""
        value = self.date
        if isinstance(value, datetime):
            try:
                value = value.astimezone(timezone.utc)
            except OverflowError:  # the first hours of year 1: keep the local time
                pass
            seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
            return (value.toordinal(), seconds, self.id)
        return (value.toordinal(), 0, self.id)


@dataclass(frozen=True)
class ArticleText:
    """An article as read from disk: the record, and its Markdown body apart."""

    article: Article
    body: str


@dataclass(frozen=True)
class Body:
    """An article body rendered to HTML, with what pages quote from it."""

    html: str
    quotes: tuple[str, ...] = ()
    summary: str = ""


# --- pages ------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One file of the output and what it shows.

    ``url`` is site-relative ("speakers/x/"); ``output`` is the file path inside
    build/. ``kind`` selects the context builder and ``key`` the subject (a
    speaker id, a year, an article id).
    """

    kind: str
    url: str
    output: str
    template: str
    key: Any = None
    origin: str = ""  # what planned the page, for clash messages
    part: Any = None  # pagination.Part: which slice of a long listing, None for the whole
