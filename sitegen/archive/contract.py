"""The front-matter contract: the keys an article file may have, in the order files show them.

The one statement of it. The reader checks files against it (article.py),
the writer puts keys in its order (front_matter_text.py, which ``sitegen
ingest`` and ``sitegen new`` write with), and tests hold the Article record
(core/records.py) and the web editor's form (admin/config.yml) to it.
``title`` and ``date`` are required; every other key is optional; keys not
named here are errors unless they sit under ``extra:``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # how its value is written and read: see KINDS
    meaning: str
    required: bool = False
    choices: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # the keys of each item (speakers) or of the mapping (source)


KINDS = {
    "text": "one line of text",
    "date": "YYYY-MM-DD, or a date and time with its UTC offset",
    "choice": "one of the choices",
    "translated quotes": "a list of texts: the archive's rendering of each blockquote, in the body's order",
    "speakers": "a list of person ids, or of mappings of id and role",
    "ids": "a list of ids from a registry",
    "language": "an ISO 639-1 language code",
    "languages": "a list of language codes, each alone or with the address of that edition",
    "article id": "another article's file name without .md",
    "source": "a mapping of where the item came from",
    "notes": "a list of lines of text",
    "boolean": "true or false",
    "mapping": "anything, under keys of your own",
}

CONFIDENCE = ("high", "medium", "low")

# How the words reached the public: the value written in files, and what pages show.
# Ids rather than phrases, so a choice is written one way only.
MEDIA = {
    "interview": "interview",
    "press-conference": "press conference",
    "briefing": "briefing",
    "statement": "statement",
    "speech": "speech",
    "debate": "debate",
    "social-media-post": "social-media post",
    "article": "article by the speaker",
    "letter": "letter",
}

KEYS = (
    Key("title", "text", "the headline", required=True),
    Key("date", "date", "when the words were said or published", required=True),
    Key("date_confidence", "choice", "how sure ingest was of the date", choices=CONFIDENCE),
    Key("speakers", "speakers", "who speaks, main speaker first, with the role as stated",
        parts=("id", "role")),
    Key("venue", "text", "where it was said"),
    Key("medium", "choice", "how the words were given", choices=tuple(MEDIA)),
    Key("topics", "ids", "ids from topics.yaml"),
    Key("places", "ids", "ids from places.yaml"),
    Key("people", "ids", "ids from people.yaml of people mentioned, not speaking"),
    Key("language", "language", "the item's language (default: the site's)"),
    Key("translations", "languages", "languages the source says the item also exists in",
        parts=("language", "url")),
    Key("translation_of", "article id", "the article this one translates"),
    Key("quote_translations", "translated quotes",
        "the archive's rendering of each quote in the site's language, in the body's order"),
    Key("source", "source", "where the item came from", parts=("outlet", "url", "archived", "file", "sha256")),
    Key("review", "notes", "open questions for a curator"),
    Key("draft", "boolean", "true: not published"),
    Key("extra", "mapping", "keys of your own"),
)

# What a value must look like, where a pattern says it all: the reader checks these,
# and the web editor's form (admin/config.yml) asks for the same (tests/test_cms.py).
PATTERNS = {
    "language": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "translations": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "translation_of": r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*$",
    "translations.url": r"^https?://\S+$",
    "source.url": r"^https?://\S+$",
    "source.archived": r"^https?://\S+$",
    "source.sha256": r"^[0-9a-f]{64}$",
}

NAMES = tuple(key.name for key in KEYS)
BY_NAME = {key.name: key for key in KEYS}
SPEAKER_KEYS = BY_NAME["speakers"].parts
SOURCE_KEYS = BY_NAME["source"].parts
EDITION_KEYS = BY_NAME["translations"].parts
