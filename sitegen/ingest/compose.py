"""Writing the normalised item as an article file: YAML front-matter + Markdown.

The body keeps every story paragraph word for word. Markdown syntax in the
source text is escaped, so it renders as the words it was; a paragraph that
opens with a direct quote becomes a blockquote (the quote marks stay, so the
quote reads exactly as published, attribution included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sitegen.archive.front_matter_text import front_matter_text

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=](?=[\s=-]|$)|(\d{1,9})([.)])(?=\s|$))")


@dataclass(frozen=True)
class Speech:
    id: str
    role: str | None


@dataclass(frozen=True)
class Record:
    title: str
    date: date | datetime
    date_confidence: str
    speakers: tuple[Speech, ...]
    venue: str | None
    topics: tuple[str, ...]
    places: tuple[str, ...]
    people: tuple[str, ...]
    language: str
    translations: tuple[str, ...]
    outlet: str | None
    url: str | None
    archived: str | None  # a web archive's copy, when the capture came from one (addresses.py)
    file: str
    sha256: str
    review: tuple[str, ...]
    draft: bool


def escape_markdown(text: str) -> str:
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    match = _LINE_START.match(escaped)
    if match:
        if match.group(2):
            escaped = match.group(2) + "\\" + escaped[len(match.group(2)):]
        else:
            escaped = "\\" + escaped
    return escaped


def body_markdown(paragraphs: list[str], quoted: set[int], joins: set[int]) -> str:
    """Paragraphs in order; those in ``quoted`` as blockquote lines.

    ``joins`` holds the indexes of quoted paragraphs that continue the
    blockquote of the paragraph before (one quote over several paragraphs).
    """
    blocks: list[str] = []
    for index, text in enumerate(paragraphs):
        line = escape_markdown(text)
        if index in quoted:
            line = "> " + line
            if index in joins and blocks:
                blocks[-1] += "\n>\n" + line
                continue
        blocks.append(line)
    return "\n\n".join(blocks) + "\n"


def front_matter(record: Record) -> str:
    """The record's front-matter, every key of the contract ingest knows, in the contract's order."""
    return front_matter_text({
        "title": record.title,
        "date": record.date,
        "date_confidence": record.date_confidence,
        "speakers": [(speech.id, speech.role) for speech in record.speakers],
        "venue": record.venue or None,
        "topics": record.topics,
        "places": record.places,
        "people": record.people,
        "language": record.language,
        "translations": record.translations,
        "source": {"outlet": record.outlet or None, "url": record.url or None,
                   **({"archived": record.archived} if record.archived else {}),
                   "file": record.file, "sha256": record.sha256},
        "review": record.review,
        "draft": record.draft,
    })
