"""Direct quotes in story paragraphs.

Recognises " ", “ ”, „ “, « » (nested too), ‘ ’ and ‘ closed by '' , and
news-style quotes that run over several paragraphs: opened on the first and
closed on the last, with or without the opening mark repeated on each
paragraph in between; a statement quoted whole, each paragraph opening with
the mark to the story's end and no closing mark at all, is one quote. Unbalanced marks are reported, never fatal: a quote
that never closes is taken to end with its own paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = {"«": "»", "“": "”", "„": "“”", '"': '"', "‘": "’"}
_LETTER_OR_DIGIT = str.isalnum


@dataclass(frozen=True)
class Quote:
    first: int        # index of the paragraph the quote opens in
    last: int         # index of the paragraph it closes in
    start: int        # offset of the opening mark in the first paragraph
    end: int          # offset just past the closing mark in the last paragraph
    closed: bool
    text: str         # the words inside the marks, paragraphs joined by blank lines

    @property
    def opens_paragraph(self) -> bool:
        return self.start == 0


def find_quotes(texts: list[str]) -> tuple[list[Quote], list[int]]:
    """The quotes in a story's paragraphs, and the paragraphs with an unclosed mark."""
    quotes: list[Quote] = []
    unbalanced: list[int] = []
    index, position = 0, 0
    while index < len(texts):
        found = _next_quote(texts, index, position)
        if found is None:
            index, position = index + 1, 0
            continue
        quote, unclosed_here = found
        if unclosed_here:
            unbalanced.append(index)
        quotes.append(quote)
        index, position = quote.last, quote.end  # always past the quote's opening mark
    return quotes, sorted(set(unbalanced))


def _next_quote(texts: list[str], index: int, position: int):
    text = texts[index]
    start = _find_opener(text, position)
    if start is None:
        return None
    mark = text[start]
    close = _find_closer(text, start + 1, mark)
    if close is not None:
        return Quote(index, index, start, _past(text, close), True,
                     text[start + 1:close].strip()), False
    return _spanning_quote(texts, index, start, mark)


def _spanning_quote(texts: list[str], index: int, start: int, mark: str):
    """A quote left open at the end of its paragraph: find the paragraph that closes it."""
    parts = [texts[index][start + 1:].strip()]
    every_one_opens = start == 0
    for later in range(index + 1, len(texts)):
        text = texts[later]
        offset = 1 if text.startswith(mark) else 0  # the mark repeated on each paragraph
        every_one_opens = every_one_opens and offset == 1
        close = _find_closer(text, offset, mark)
        if close is not None:
            parts.append(text[offset:close].strip())
            return Quote(index, later, start, _past(text, close), True, "\n\n".join(parts)), False
        if _find_opener(text, offset) is not None and not offset:
            break  # a new quote opens before this one closed: it was never closed
        parts.append(text[offset:].strip())
    else:
        if every_one_opens and index + 1 < len(texts):
            # A statement given in full: every paragraph to the story's end opens
            # with the mark, and the closing one was lost with the page's end.
            last = len(texts) - 1
            return Quote(index, last, start, len(texts[last]), True, "\n\n".join(parts)), False
    # Never closed: keep it to its own paragraph and say so.
    text = texts[index]
    return Quote(index, index, start, len(text), False, text[start + 1:].strip()), True


def _past(text: str, close: int) -> int:
    """The offset just after a closing mark: two characters for '' (two apostrophes)."""
    return close + 2 if text.startswith("''", close) else close + 1


def _find_opener(text: str, position: int) -> int | None:
    for offset in range(position, len(text)):
        ch = text[offset]
        if ch not in OPENERS:
            continue
        before = text[offset - 1] if offset else " "
        if ch in "\"‘" and _LETTER_OR_DIGIT(before):
            continue  # a closing mark or an apostrophe, not an opening one
        if offset + 1 < len(text) and not text[offset + 1].isspace():
            return offset
    return None


def _find_closer(text: str, position: int, mark: str) -> int | None:
    closers = OPENERS[mark]
    depth = 0
    offset = position
    while offset < len(text):
        ch = text[offset]
        if mark == "«" and ch == "«":
            depth += 1
        elif mark == "‘" and text.startswith("''", offset):
            return offset
        elif ch in closers:
            after = text[offset + 1] if offset + 1 < len(text) else " "
            if mark == "‘" and _LETTER_OR_DIGIT(after):
                offset += 1
                continue  # don’t, Kyiv’s: an apostrophe
            if depth == 0:
                return offset
            depth -= 1
        offset += 1
    return None
