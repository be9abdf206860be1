"""An article page's schema.org NewsArticle, as the JSON text its <script> holds.

The text is what Jinja's ``tojson`` filter writes for the equivalent mapping
(``json.dumps`` with sorted keys and ASCII escapes, then ``<``, ``>``, ``&``
and ``'`` escaped so the text cannot end the script element): a test holds
the two to the same bytes. It is written here from parts instead, because
every article page has one, and encoding a whole mapping for each is
slow. Most parts repeat from page to page (the publisher, a
topic's or a place's or a person's entry) and are encoded once; the rest are
strings, escaped with the json module's own C escaper.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii as _string
from typing import Callable

import markupsafe

from sitegen.core.records import Article, Person

CONTEXT = "https://schema.org"


class NewsArticles:
    """Writes the NewsArticle text of each article; remembers the parts that repeat."""

    def __init__(self, site_title: str, site_url: str, topic_name: Callable[[str], str],
                 place_name: Callable[[str], str], person: Callable[[str], Person], site_language: str = "en"):
        self._site_language = _string(site_language)
        self._publisher = _encoded({"@type": "Organization", "name": site_title, "url": site_url})
        self._topic_name = topic_name
        self._place_name = place_name
        self._person = person
        self._things: dict[str, str] = {}  # topic id → its "about" entry
        self._places: dict[str, str] = {}  # place id → its "contentLocation" entry
        self._agents: dict[str, str] = {}  # person id → their entry as a creator or mention

    def text(self, article: Article, url: str, summary: str, quotes: tuple[str, ...],
             main_speaker: str | None) -> markupsafe.Markup:
        """The JSON for ``article`` at ``url``; ``main_speaker`` (a person id) is the creator
        of its ``quotes``. Keys in sorted order, empty lists left out, as before."""
        parts = ['{"@context": ', _string(CONTEXT), ', "@type": "NewsArticle"']
        if article.topics:
            parts += (', "about": [', ", ".join([self._thing(t) for t in article.topics]), "]")
        if article.places:
            parts += (', "contentLocation": [', ", ".join([self._place(p) for p in article.places]), "]")
        parts += (', "datePublished": ', _string(article.date.isoformat()),
                  ', "description": ', _string(summary))
        if main_speaker is not None and quotes:
            creator = self._agent(main_speaker)
            english = article.quote_translations
            parts += (', "hasPart": [', ", ".join(
                ['{"@type": "Quotation", "creator": ' + creator + ', "text": ' + _string(q)
                 + (self._translation(english[i]) if i < len(english) and english[i] else "") + "}"
                 for i, q in enumerate(quotes)]), "]")
        parts += (', "headline": ', _string(article.title), ', "inLanguage": ', _string(article.language))
        if article.source.archived:  # the original, and where a copy of it is kept
            parts += (', "isBasedOn": {"@type": "CreativeWork", "archivedAt": ', _string(article.source.archived),
                      *((', "url": ', _string(article.source.url)) if article.source.url else ()), "}")
        elif article.source.url:
            parts += (', "isBasedOn": ', _string(article.source.url))
        parts += (', "mainEntityOfPage": ', _string(url))
        if article.people:
            parts += (', "mentions": [', ", ".join([self._agent(p) for p in article.people]), "]")
        parts += (', "publisher": ', self._publisher, ', "url": ', _string(url), "}")
        return markupsafe.Markup(_script_safe("".join(parts)))

    def _translation(self, text: str) -> str:
        """A quote's rendering by the archive, as the Quotation's ``workTranslation``."""
        return (', "workTranslation": {"@type": "Quotation", "inLanguage": ' + self._site_language
                + ', "text": ' + _string(text) + "}")

    def _thing(self, topic_id: str) -> str:
        known = self._things.get(topic_id)
        if known is None:
            known = self._things[topic_id] = _encoded({"@type": "Thing", "name": self._topic_name(topic_id)})
        return known

    def _place(self, place_id: str) -> str:
        known = self._places.get(place_id)
        if known is None:
            known = self._places[place_id] = _encoded({"@type": "Place", "name": self._place_name(place_id)})
        return known

    def _agent(self, person_id: str) -> str:
        known = self._agents.get(person_id)
        if known is None:
            known = self._agents[person_id] = _encoded(agent(self._person(person_id)))
        return known


def agent(person: Person) -> dict:
    return {"@type": "Organization" if person.kind == "organisation" else "Person", "name": person.name}


def _encoded(value: dict) -> str:
    return json.dumps(value, sort_keys=True)


def _script_safe(text: str) -> str:
    """What Jinja's ``htmlsafe_json_dumps`` does to the JSON text."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))
