"""What pages take from a rendered body besides its HTML: its quotes and a summary.

A speaker page lists the words quoted in an item's blockquotes; feeds and
the JSON export carry a summary, the first prose paragraph shortened.
"""

from __future__ import annotations

from markdown_it.token import Token

SUMMARY_LENGTH = 240


def inline_text(token: Token) -> str:
    """The reader-visible text of an inline token (markup removed)."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


def quotes_of(tokens: list[Token]) -> list[str]:
    """The text of each top-level blockquote, its paragraphs joined by blank lines."""
    quotes: list[str] = []
    depth = 0
    current: list[str] = []
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0 and current:
                quotes.append(bare_quote("\n\n".join(current)))
                current = []
        elif token.type == "inline" and depth > 0:
            current.append(inline_text(token))
    return quotes


def quote_ends(tokens: list[Token]) -> list[int]:
    """For each quote ``quotes_of`` finds, the index just past its closing token."""
    ends = []
    depth = 0
    words = False
    for index, token in enumerate(tokens):
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0 and words:
                ends.append(index + 1)
                words = False
        elif token.type == "inline" and depth > 0:
            words = True
    return ends


_MARKS = {'"': '"', "“": "”", "«": "»", "„": "“”", "‘": "’'"}
ATTRIBUTION_WORDS = 12


def bare_quote(text: str) -> str:
    """A blockquote's words without the marks and "…," he said tail ingest keeps in the body.

    Ingest copies quotes word for word, marks and attribution included
    (`> "…," he said.`); structured data wants only the words quoted.
    """
    if not text or text[0] not in _MARKS:
        return text
    opener, closers = text[0], _MARKS[text[0]]
    close = max(text.rfind(mark) for mark in closers)
    if close <= 0 or len(text[close + 1:].split()) > ATTRIBUTION_WORDS:
        return text
    paragraphs = text[1:close].rstrip(" ,").split("\n\n")
    return "\n\n".join(p[1:] if p.startswith(opener) else p for p in paragraphs).strip()


def summary_of(tokens: list[Token]) -> str:
    """The first prose paragraph, shortened at a word boundary."""
    for index, token in enumerate(tokens):
        if token.type == "inline" and index and tokens[index - 1].type == "paragraph_open" \
                and tokens[index - 1].level == 0:
            return shorten(inline_text(token), SUMMARY_LENGTH)
    for token in tokens:  # a body made only of quotes: use the first one
        if token.type == "inline":
            return shorten(inline_text(token), SUMMARY_LENGTH)
    return ""


def plain_text_of(tokens: list[Token]) -> str:
    return "\n\n".join(inline_text(t) for t in tokens if t.type == "inline")


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
