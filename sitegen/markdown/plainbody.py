"""The block structure of plain bodies, read without markdown-it's block parser.

Most bodies ingest writes, and most a curator types, are nothing but
one-line paragraphs, one-line quotes (``> …``) and short lists of one-line
items (``- …``), each separated from the next by a blank line. For such a
body CommonMark's block structure is plain to see, and markdown-it's block
parser (a state object, every block rule tried on every block, three tokens
per paragraph, a renderer walking them) is most of what rendering it costs.

``plain_blocks`` says what the blocks of such a body are, and None for any
body with anything else in it: a heading, a fence, an indented line, a
paragraph of two lines, a nested or loose list, a reference definition…
Those go to markdown-it whole. Only the block structure is read here; the
text of each block is still parsed by markdown-it's inline rules
(markdown_it_adapter.py), so it says nothing about emphasis, links or escapes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

PARAGRAPH, QUOTE, LIST = "paragraph", "quote", "list"


class Block(NamedTuple):
    kind: str  # PARAGRAPH, QUOTE (a blockquote of one paragraph) or LIST (a tight bullet list)
    texts: tuple[str, ...]  # the inline text of its paragraph, or of each list item


# What may open a block other than a paragraph when it starts a line: a heading (#),
# a blockquote (>), a bullet list or thematic break (* + - _), a fence (` ~), a link
# reference definition ([), an ordered list (digits then . or ), as markdown-it reads
# only ASCII digits). Raw HTML blocks (<) are off in sitegen's configuration. A table
# or a setext heading needs a second line, which a one-line paragraph does not have.
NOT_PARAGRAPH = re.compile(r"[#>*+\-_`~\[]|[0-9]{1,9}[.)](?:[ \t]|$)")
BULLET, QUOTE_MARK = "- ", "> "


def plain_blocks(source: str) -> list[Block] | None:
    """The blocks of a body made only of one-line paragraphs, quotes and list items, or None.

    ``source`` has LF line endings (markdown-it's normalize step has run).
    """
    lines = source.split("\n")
    count = len(lines)
    blocks: list[Block] = []
    at = 0
    while at < count:
        line = lines[at]
        if _blank(line):
            at += 1
            continue
        if line.startswith(BULLET):
            items = []
            while at < count and lines[at].startswith(BULLET):
                text = lines[at][2:]
                if not _plain_text(text):
                    return None
                items.append(text)
                at += 1
            # A line right after the list would continue its last item; another item
            # after a blank line would continue the list, making it loose.
            if at < count and not _blank(lines[at]):
                return None
            following = _next_filled(lines, at)
            if following is not None and following.lstrip(" ").startswith(("-", "*", "+")):
                return None
            blocks.append(Block(LIST, tuple(items)))
            continue
        if line.startswith(QUOTE_MARK):
            kind, text = QUOTE, line[2:]
        else:
            kind, text = PARAGRAPH, line
        if not _plain_text(text):
            return None
        # A line right after would continue the paragraph (lazily, after a quote).
        if at + 1 < count and not _blank(lines[at + 1]):
            return None
        blocks.append(Block(kind, (text,)))
        at += 1
    return blocks


def _plain_text(text: str) -> bool:
    """Whether a line's text is a paragraph's whole inline content: no space to strip around
    it (markdown-it strips, with Python's notion of space), nothing that opens another block."""
    return bool(text) and text == text.strip() and NOT_PARAGRAPH.match(text) is None


def _blank(line: str) -> bool:
    """markdown-it's empty line: nothing but spaces and tabs."""
    return not line.strip(" \t")


def _next_filled(lines: list[str], at: int) -> str | None:
    for line in lines[at:]:
        if not _blank(line):
            return line
    return None
