"""Splitting an article file into its YAML front-matter and Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

FENCE = "---"


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Split:
    yaml_text: str
    yaml_first_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line where the body starts


def split_front_matter(text: str) -> Split:
    """Split "---\\n<yaml>\\n---\\n<body>"; raise FrontMatterError if malformed."""
    if not text.strip():
        raise FrontMatterError(1, "empty file",
                               "an article needs front-matter with at least title and date, "
                               "or delete the file")
    # Line by line with find, not text.split("\n"): the body can be long, and
    # splitting it into lines only to join them again costs more than the rest.
    end = text.find("\n")
    if (text if end < 0 else text[:end]).rstrip() != FENCE:
        raise FrontMatterError(1, "no front-matter found",
                               'start the file with a line "---", then the YAML keys, then "---"')
    number, start = 1, end + 1
    while end >= 0:
        line_start = end + 1
        end = text.find("\n", line_start)
        line = text[line_start:] if end < 0 else text[line_start:end]
        if line.rstrip() in (FENCE, "..."):
            return Split(
                yaml_text=text[start:line_start - 1] if line_start > start else "",
                yaml_first_line=2,
                body="" if end < 0 else text[end + 1:],
                body_line=number + 2,
            )
        number += 1
    raise FrontMatterError(1, "front-matter is not closed",
                           'add a line "---" after the last YAML key')
