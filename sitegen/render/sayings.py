"""Who said what, as listings and item pages show it: speakers with roles, quotes in short.

A role is shown in the site's language: an item in another language states
its speakers' roles in that language, so the line shows the registry's role
on the day, with the role as stated beside it. Listings show an item's first
quote, shortened, with the archive's translation of it where there is one.
"""

from __future__ import annotations

from typing import NamedTuple

from sitegen.core.records import Article, Person, SpeakerRef
from sitegen.markdown.quotes import shorten

EXCERPT_LENGTH = 160  # characters of a quote a listing shows


class SpeakerLine(NamedTuple):
    person: Person
    role: str | None
    role_language: str | None  # the role's own language, when it is not the site's
    stated: str | None  # the role as the item states it, in the item's language, beside the registry's


class Excerpt(NamedTuple):
    text: str  # the first quote, shortened, its paragraphs run together
    language: str  # the quote's language: the item's
    english: str  # the archive's translation of it, shortened; "" without one


def speaker_line(person: Person, article: Article, speaker: SpeakerRef, site_language: str) -> SpeakerLine:
    if not speaker.role:
        return SpeakerLine(person, person.role_on(article.day), None, None)
    if article.language == site_language:
        return SpeakerLine(person, speaker.role, None, None)
    registry = person.role_on(article.day)
    if registry:
        return SpeakerLine(person, registry, None, speaker.role)
    return SpeakerLine(person, speaker.role, article.language, None)


def excerpt(article: Article, quotes: tuple[str, ...]) -> Excerpt | None:
    """The item's first quote in short, or None for an item that quotes nobody."""
    if not quotes:
        return None
    english = article.quote_translations[0] if article.quote_translations else ""
    return Excerpt(_short(quotes[0]), article.language, _short(english))


def _short(text: str) -> str:
    return shorten(" ".join(text.split()), EXCERPT_LENGTH)
