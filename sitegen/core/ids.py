"""Ids: lowercase ASCII slugs of an English name, and the nearest known id to a typo."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """A lowercase ASCII slug; used in hints, not to rewrite user ids."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def closest(word: str, choices: Iterable[str]) -> str | None:
    import difflib  # (here: only a message with a suggestion needs it, not every build)

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = closest(word, choices)
    return f'did you mean "{close}"?' if close else ""
