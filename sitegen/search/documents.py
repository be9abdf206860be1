"""Each published article as a search document: what a result shows, what it is found by.

A document is found by its title, its text and the archive's translations
of its quotes, and by the names and aliases of whoever and whatever it
names: its speakers (and their roles as stated), topics, places, people
mentioned, outlet and venue. So "disinformation" finds the items tagged
with that topic, "Путин" the items where Putin speaks though the text is
in English, and an English word a Russian quote's translation. Documents are
numbered oldest first (inverted.py says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from sitegen.core.fingerprints import digest
from sitegen.core.records import Article, Person, Registries, Term

FACETS = ("speaker", "topic", "place", "outlet")


@dataclass(frozen=True)
class Shown:
    """What a search result shows of a document."""

    url: str  # site path
    title: str
    date: str  # as pages print it
    speakers: str
    summary: str


@dataclass(frozen=True)
class Document:
    shown: Shown
    year: int
    facets: Mapping[str, tuple[str, ...]]  # facet → ids of this document
    key: str  # fingerprint of everything its terms are made from
    source: Callable[[], str]  # its searchable text, worked out only when its terms are not known


def documents(articles: Iterable[Article], registries: Registries, people: Mapping[str, Person],
              terms_of: Mapping[str, Mapping[str, Term]], body_text: Callable[[Article], str],
              summary: Callable[[str], str], long_date: Callable, names_digest: str) -> list[Document]:
    """The search documents of ``articles``, in their order, as pages show and name them."""
    found = []
    for article in articles:
        speakers = [people[s.id] for s in article.speakers]
        shown = Shown(article.url, article.title, long_date(article.date),
                      ", ".join(p.name for p in speakers), summary(article.id))
        facets = {"speaker": tuple(s.id for s in article.speakers), "topic": article.topics,
                  "place": article.places, "outlet": (article.source.outlet,) if article.source.outlet else ()}
        found.append(Document(shown, article.day.year, facets, document_key(article, names_digest),
                              _text_of(article, registries, people, terms_of, body_text)))
    return found


def document_key(article: Article, names_digest: str) -> str:
    """A digest of everything the article's document is made of (its record, its text, and
    the registries' names, ``names_fingerprint``): the same key, the same document."""
    return digest(article.meta_digest, article.body_digest, names_digest)


def _text_of(article: Article, registries: Registries, people: Mapping[str, Person],
             terms_of: Mapping[str, Mapping[str, Term]], body_text: Callable[[Article], str]):
    def text() -> str:
        named: list[str] = [article.title, article.venue or ""]
        for speaker in article.speakers:
            person = people[speaker.id]
            named += [person.name, *person.aliases, speaker.role or ""]
        for person_id in article.people:
            named += [people[person_id].name, *people[person_id].aliases]
        for kind, ids in (("topics", article.topics), ("places", article.places)):
            for term_id in ids:
                term = terms_of[kind][term_id]
                named += [term.name, *term.aliases]
        outlet = registries.outlets.get(article.source.outlet or "")
        if outlet is not None:
            named.append(outlet.name)
        return "\n".join([*named, *article.quote_translations, body_text(article)])

    return text


def names_fingerprint(registries: Registries) -> str:
    """What every document's terms depend on besides its own file: the registries' names."""
    parts = []
    for registry in (registries.people, registries.topics, registries.places, registries.outlets):
        for key, entry in sorted(registry.items()):
            parts += [key, entry.name, *getattr(entry, "aliases", ())]
    return digest(*parts)
