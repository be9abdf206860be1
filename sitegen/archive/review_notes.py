"""The review queue: every open ``review`` note of the archive, oldest item first.

A note is a question ingest (or a curator) left in an item's front-matter
("date: no year in the source…"). ``sitegen review`` lists them, ``sitegen
check`` warns about them, and a ``--drafts`` preview shows them on /review/.
All three read the same list from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sitegen.core.records import Article


@dataclass(frozen=True)
class ReviewNote:
    path: str  # archive-relative, posix
    line: int  # of the note in the file
    question: str
    article: Article


def open_notes(articles: Iterable[Article]) -> list[ReviewNote]:
    """Oldest item first (by its date), then file and line: the longest-standing questions lead."""
    notes = [ReviewNote(a.path, line, question, a)
             for a in articles for question, line in zip(a.review, a.review_lines)]
    return sorted(notes, key=lambda n: (n.article.sort_key, n.path, n.line))


def as_json(note: ReviewNote) -> dict:
    article = note.article
    return {
        "path": note.path,
        "line": note.line,
        "question": note.question,
        "id": article.id,
        "title": article.title,
        "date": article.date.isoformat(),
        "draft": article.draft,
    }
