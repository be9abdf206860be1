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
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise FrontMatterError(1, "no front-matter found",
                               'start the file with a line "---", then the YAML keys, then "---"')
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return Split(
                yaml_text="\n".join(lines[1:number]),
                yaml_first_line=2,
                body="\n".join(lines[number + 1:]),
                body_line=number + 2,
            )
    raise FrontMatterError(1, "front-matter is not closed",
                           'add a line "---" after the last YAML key')
