"""Plain starred emphasis and plain links, read from a paragraph's text without the inline parser.

The usual markup of news prose is a word or a few starred (``*em*``,
``**strong**``) and links written ``[text](url)``. For text whose only syntax
is that, and only in its unambiguous forms, ``simple_events`` says what
markdown-it's inline parser would find, as small tuples the fast path writes
straight to HTML or tokens (markdown_it_adapter.py). Anything else: None, and
markdown-it parses the text. tests/test_markup.py holds the two equal.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

SIMPLE_BREAKERS = "\n\\`~_<&"  # inline syntax simple_events leaves to markdown-it
EMPHASIS = {1: ("em", "*"), 2: ("strong", "**")}
UNSAFE_IN_LINK = frozenset(" \t\"'()<")  # in a link destination: spaces, titles, parentheses


# What simple_events finds, in order: (TEXT, text, "", level), (LINK, href, text, level),
# (OPEN or CLOSE, "", run length, 0). Tuples, not tokens: a plain body's paragraph is
# written straight to HTML from them (markdown_it_adapter.PlainBodies), and a Token costs ten times more.
TEXT, LINK, OPEN, CLOSE = "text", "link", "_open", "_close"


def simple_events(content: str, md: MarkdownIt) -> list[tuple] | None:
    """What markdown-it reads in text whose only syntax is plain emphasis and plain links.

    The usual markup of prose, a word or a few starred (``*em*``,
    ``**strong**``) and links written ``[text](url)``, costs markdown-it's
    delimiter machinery a whole inline parse. Here only the unambiguous cases
    are read: every run of stars is one or two long and either only opens or
    only closes (CommonMark's flanking rules, with markdown-it's own character
    classes), openers and closers alternate, each closer as long as its
    opener, so that each pairs with the one just before it, as markdown-it
    pairs them; a link's text has no markup, its destination no space,
    parenthesis or quote, and markdown-it normalises and accepts it. Anything
    else: None, and markdown-it parses the text.
    """
    for mark in SIMPLE_BREAKERS:  # "in" scans far faster than a regular expression
        if mark in content:
            return None
    if "![" in content:
        return None
    events: list[tuple] = []
    done = 0  # where the text not yet made into events starts
    open_run = 0  # length of the emphasis run opened and not yet closed
    # markdown-it turns a strong run's outer stars into empty text tokens; one joins the
    # text beside it, if there is any
    empty_after = False
    size = len(content)
    at = _next_mark(content, 0)
    while at >= 0:
        level = 1 if open_run else 0
        if content[at] == "[":
            link = _simple_link(content, at, md)
            if link is None:
                return None
            href, label, end = link
            if at > done or empty_after:
                events.append((TEXT, content[done:at], "", level))
            events.append((LINK, href, label, level))
            empty_after = False
            done = end
            at = _next_mark(content, end)
            continue
        end = at + 1
        while end < size and content[end] == "*":
            end += 1
        length = end - at
        if length > 2:
            return None
        can_open, can_close = _flanking(content[at - 1] if at else " ", content[end] if end < size else " ")
        if can_open == can_close:
            return None
        if can_open:
            if open_run:
                return None
            if at > done or length == 2 or empty_after:
                events.append((TEXT, content[done:at], "", 0))
            events.append((OPEN, "", length, 0))
            open_run = length
        else:
            if open_run != length:
                return None
            if at > done:
                events.append((TEXT, content[done:at], "", 1))
            events.append((CLOSE, "", length, 0))
            open_run = 0
        empty_after = length == 2 and not can_open
        done = end
        at = _next_mark(content, end)
    if open_run:
        return None
    if done < size or empty_after:
        events.append((TEXT, content[done:], "", 0))
    return events


def _next_mark(content: str, start: int) -> int:
    """Where the next * or [ is, or -1."""
    star, bracket = content.find("*", start), content.find("[", start)
    return star if bracket < 0 or 0 <= star < bracket else bracket


def _simple_link(content: str, at: int, md: MarkdownIt) -> tuple[str, str, int] | None:
    """The href, text and end of a plain ``[text](destination)`` link at ``at``, or None."""
    close = content.find("]", at + 1)
    if close < 0 or not content.startswith("(", close + 1):
        return None
    label = content[at + 1:close]
    if not label or "[" in label or "*" in label:
        return None
    end = content.find(")", close + 2)
    destination = content[close + 2:end]
    if end < 0 or not destination or not destination.isprintable() \
            or not UNSAFE_IN_LINK.isdisjoint(destination):
        return None
    href = md.normalizeLink(destination)
    if not md.validateLink(href):
        return None
    return href, label, end + 1


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """Whether a run of * between these characters can open and can close emphasis
    (markdown-it's StateInline.scanDelims; for * a run may split a word)."""
    known = _FLANKS.get(before + after)
    if known is None:
        known = _flanks(before, after)
        if len(_FLANKS) < 4096:
            _FLANKS[before + after] = known
    return known


_FLANKS: dict[str, tuple[bool, bool]] = {}  # the same few pairs of characters come back


def _flanks(before: str, after: str) -> tuple[bool, bool]:
    before_punct = isMdAsciiPunct(ord(before)) or isPunctChar(before)
    after_punct = isMdAsciiPunct(ord(after)) or isPunctChar(after)
    before_space, after_space = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
    left = not (after_space or (after_punct and not (before_space or before_punct)))
    right = not (before_space or (before_punct and not (after_space or after_punct)))
    return left, right
