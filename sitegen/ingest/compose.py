"""Writing the normalised item as an article file: YAML front-matter + Markdown.

The body keeps every story paragraph word for word. Markdown syntax in the
source text is escaped, so it renders as the words it was; a paragraph that
opens with a direct quote becomes a blockquote (the quote marks stay, so the
quote reads exactly as published, attribution included).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

# Outside YAML's printable set, or a line break to YAML (NEL, LS, PS): written as escapes.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
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
    lines = ["---", f"title: {_quote(record.title)}", f"date: {_date(record.date)}",
             f"date_confidence: {record.date_confidence}"]
    if record.speakers:
        lines.append("speakers:")
        for speech in record.speakers:
            lines.append(f"  - id: {speech.id}")
            if speech.role:
                lines.append(f"    role: {_quote(speech.role)}")
    else:
        lines.append("speakers: []")
    lines.append(f"venue: {_quote(record.venue) if record.venue else 'null'}")
    for key in ("topics", "places", "people"):
        lines.append(f"{key}: [{', '.join(getattr(record, key))}]")
    lines.append(f"language: {record.language}")
    lines.append(f"translations: [{', '.join(record.translations)}]")
    lines += ["source:", f"  outlet: {record.outlet or 'null'}",
              f"  url: {_quote(record.url) if record.url else 'null'}",
              f"  file: {_quote(record.file)}", f"  sha256: {record.sha256}"]
    if record.review:
        lines.append("review:")
        lines += [f"  - {_quote(note)}" for note in record.review]
    else:
        lines.append("review: []")
    lines.append(f"draft: {'true' if record.draft else 'false'}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it).

    Characters YAML does not allow in a file are written as escapes.
    """
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
