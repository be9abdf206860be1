"""The one place that reaches into markdown-it's insides: faster ways to the same HTML.

Markdown is the largest part of a full build, and most of it goes on plain
prose. ``install`` changes one MarkdownIt instance so that it gives the same
tokens and HTML sooner:

* two core rules replaced by faster ones with the same result (``_normalize``,
  ``_inline``, which also reads plain starred emphasis and links itself:
  ``simple_events`` (plain_inline.py));
* a block rule put first that takes the one-line paragraphs news prose is
  made of (``_one_line_paragraph``), and a shorter text-rule stop list;
* ``normalizeLink`` skipped for links it would give back unchanged;
* a renderer that writes plain tags directly (``Renderer``);
* bodies made only of one-line paragraphs, quotes and list items skip the
  block parser altogether (``PlainBodies``, with plainbody.py).

Each holds only while markdown-it runs the rules counted on here, in a
release this was written for; otherwise Markup takes markdown-it's own way.
tests/test_markup.py and tests/test_adapters.py compare tokens and HTML with
markdown-it's own, on text full of Markdown syntax.
"""

from __future__ import annotations

import re

import markdown_it
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock, paragraph
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import text_join
from markdown_it.token import Token

from sitegen.core import fast_paths
from sitegen.core.records import Body
from sitegen.markdown.plain_inline import EMPHASIS, LINK, OPEN, TEXT, simple_events
from sitegen.markdown.plainbody import LIST, QUOTE, Block, plain_blocks
from sitegen.markdown.quotes import SUMMARY_LENGTH, bare_quote, inline_text, shorten
from sitegen.markdown.rebase import rebase_links

WRITTEN_FOR = ("3.0", "4.0", "4.1", "4.2", "4.3")  # markdown-it-py releases this was written for


def usable() -> bool:
    return fast_paths.enabled() and fast_paths.release_is(getattr(markdown_it, "__version__", ""), *WRITTEN_FOR)


def install(md: MarkdownIt, base_path: str) -> "PlainBodies | None":
    """Put the faster rules into ``md``; the reader of plain bodies, if they may skip the parser."""
    md.normalizeLink = _normalize_link_with(md.normalizeLink)
    md.core.ruler.at("normalize", _normalize)
    standard_blocks = md.block.ruler.get_active_rules() == BLOCK_RULES
    if standard_blocks:
        md.block.ruler.before("table", "one_line_paragraph", _one_line_paragraph)
    standard_inline = (md.inline.ruler.get_active_rules() == INLINE_RULES
                       and md.inline.ruler2.get_active_rules() == INLINE_POST_RULES)
    if standard_inline:
        md.core.ruler.at("inline", _inline)
        md.inline.terminator_re = TEXT_STOPS
    # Plain bodies skip the block parser (plainbody.py), as long as markdown-it would
    # read them with the rules counted on there.
    if standard_blocks and standard_inline and md.core.ruler.get_active_rules() == CORE_RULES:
        return PlainBodies(md, base_path)
    return None


class PlainBodies:
    """Bodies of plain blocks, written to HTML without markdown-it's block parser."""

    def __init__(self, md: MarkdownIt, base_path: str):
        self.md = md
        self.base_path = base_path

    def render(self, source: str) -> Body | None:
        """The Body markdown-it would give, or None when the body is not plain."""
        blocks = plain_blocks(_normalized(source))
        return None if blocks is None else self._render_plain(blocks)

    def _render_plain(self, blocks: list[Block]) -> Body:
        """The HTML, quotes and summary markdown-it gives a body of plain blocks (the same
        text, byte for byte: a property test compares them), its tags written here."""
        html: list[str] = []
        quotes: list[str] = []
        summary = first = None
        for block in blocks:
            if block.kind == LIST:
                html.append("<ul>\n")
                for text in block.texts:
                    inline, plain = self._inline(text)
                    html += ("<li>", inline, "</li>\n")
                    first = plain if first is None else first
                html.append("</ul>\n")
                continue
            inline, plain = self._inline(block.texts[0])
            first = plain if first is None else first
            if block.kind == QUOTE:
                html += ("<blockquote>\n<p>", inline, "</p>\n</blockquote>\n")
                if plain:
                    quotes.append(bare_quote(plain))
            else:
                html += ("<p>", inline, "</p>\n")
                summary = plain if summary is None else summary
        if summary is None:  # a body made only of quotes and lists: its first text
            summary = first or ""
        return Body(html="".join(html), quotes=tuple(quotes), summary=shorten(summary, SUMMARY_LENGTH))

    def _inline(self, content: str) -> tuple[str, str]:
        """One paragraph's inline content as HTML, and as the text a reader sees: what the
        core rule ``_inline``, markdown-it's text_join and the renderer give, done here for
        one paragraph, without a StateCore around it."""
        if INLINE_SYNTAX.search(content) is None:
            return escapeHtml(content), content
        md = self.md
        events = simple_events(content, md)
        if events is not None:
            return self._events_html(events)
        paragraph_inline = Token("inline", "", 0, content=content, children=[])
        md.inline.parse(content, md, {}, paragraph_inline.children)
        # text_join only changes what the full inline parser gives (escapes, entities)
        state = StateCore("", md, {})
        state.tokens = [paragraph_inline]
        text_join(state)
        rebase_links([paragraph_inline], self.base_path)
        return (md.renderer.renderInline(paragraph_inline.children, md.options, {}),
                inline_text(paragraph_inline))

    def _events_html(self, events: list[tuple]) -> tuple[str, str]:
        """``simple_events`` (plain_inline.py) as the HTML markdown-it's renderer writes for their tokens
        (after ``rebase_links``), and the text ``inline_text`` gives."""
        html: list[str] = []
        text: list[str] = []
        for kind, first, second, _level in events:
            if kind is TEXT:
                html.append(escapeHtml(first))
                text.append(first)
            elif kind is LINK:
                if self.base_path != "/" and first.startswith("/") and not first.startswith("//"):
                    first = self.base_path + first[1:]
                html += ('<a href="', escapeHtml(first), '">', escapeHtml(second), "</a>")
                text.append(second)
            else:
                html.append(("<" if kind is OPEN else "</") + EMPHASIS[second][0] + ">")
        return "".join(html), "".join(text).strip()


# The inline rules this configuration runs, and the characters any of them acts on:
# a line break, a backslash escape, code (`), strikethrough (~), emphasis (* _), a
# link or image ([, and ! only before [), an autolink or raw HTML shown as text (<), an
# entity (&).
# Every other character, even those that stop markdown-it's text rule (- : # % …),
# ends up as plain text.
INLINE_RULES = ["text", "newline", "escape", "backticks", "strikethrough", "emphasis", "link",
                "image", "autolink", "entity"]
INLINE_POST_RULES = ["balance_pairs", "strikethrough", "emphasis", "fragments_join"]
INLINE_SYNTAX = re.compile(r"[\n\\`~*_\[<&]")
# Where markdown-it's text rule must stop so that another rule may act: the characters
# above, ! (an image), and ] (the end of a link's text, which the link rule looks for
# token by token). Its own list also stops at - : # % $ = and others, for rules this
# configuration does not run; after each of those, every rule is tried and fails.
TEXT_STOPS = re.compile(r"[\n\\`~*_\[\]!<&]")


def _inline(state: StateCore) -> None:
    """markdown-it's inline step, the same tokens: text without inline syntax is one text token.

    Most paragraphs of news prose hold no inline syntax at all, and for them
    markdown-it's inline parser, tried rule after rule at every hyphen, colon
    or percent sign, ends with exactly that token; most others only star a
    word or two, or link one (``_simple_inline``). Anything else goes to markdown-it.
    """
    md = state.md
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            content = token.content
            if INLINE_SYNTAX.search(content) is None:
                if content:
                    token.children.append(_text(content, 0))
            else:
                simple = _simple_inline(content, md)
                if simple is not None:
                    token.children += simple
                else:
                    md.inline.parse(content, md, state.env, token.children)


def _simple_inline(content: str, md: MarkdownIt) -> list[Token] | None:
    """markdown-it's tokens for text whose only syntax is plain emphasis and plain links
    (``simple_events`` (plain_inline.py)), or None."""
    events = simple_events(content, md)
    if events is None:
        return None
    tokens: list[Token] = []
    for kind, first, second, level in events:
        if kind is TEXT:
            tokens.append(_text(first, level))
        elif kind is LINK:
            tokens += (Token("link_open", "a", 1, attrs={"href": first}, level=level),
                       _text(second, level + 1), Token("link_close", "a", -1, level=level))
        else:
            tag, markup = EMPHASIS[second]
            tokens.append(Token(f"{tag}{kind}", tag, 1 if kind is OPEN else -1, markup=markup))
    return tokens


# A link destination markdown-it's normalizeLink gives back unchanged: an http(s) URL with a
# lowercase ASCII host, or a path from the root, whose path, query and fragment hold only
# characters URL encoding leaves alone (no %, no spaces, nothing beyond ASCII). Host labels
# are short and few, so the host never reaches the length at which the URL parser drops it,
# and a path never starts with // (which would read as a host).
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?"
UNCHANGED_LINK = re.compile(
    rf"(?:https?://{_LABEL}(?:\.{_LABEL}){{0,5}})?"
    r"(?:/(?!/)[A-Za-z0-9._~/-]*)?"
    r"(?:\?[A-Za-z0-9._~/=&+-]*)?"
    r"(?:#[A-Za-z0-9._~/-]*)?")


def _normalize_link_with(normalize):
    """markdown-it's normalizeLink, skipped for the links it would not change.

    It parses, punycodes, formats and percent-encodes every destination; most
    links in news prose are plain http(s) URLs it gives back as they came. A
    property test holds the two equal on every link ``UNCHANGED_LINK`` takes.
    """
    def normalize_link(url: str) -> str:
        return url if UNCHANGED_LINK.fullmatch(url) else normalize(url)

    return normalize_link


def _text(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)


# The block rules this configuration runs. A line can open a block other than a paragraph
# only if its first character (after at most three spaces) is one of BLOCK_STARTS:
# heading, blockquote, list or thematic break, fence, reference, raw HTML, an ordered
# list's number. A table and a setext heading need a second line.
BLOCK_RULES = ["table", "code", "fence", "blockquote", "hr", "list", "reference", "heading",
               "lheading", "paragraph"]
BLOCK_STARTS = frozenset("#>*+-_`~[<0123456789")
CORE_RULES = ["normalize", "block", "inline", "text_join"]


def _one_line_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's paragraph rule, tried first, for a paragraph of one line.

    markdown-it tries every block rule in turn on each block, logging a debug
    message in most; a news paragraph (one long line, then a blank one)
    answers no to all of them but the last. This rule takes only lines that
    cannot start anything else and are not followed by a line of the same
    paragraph, and hands them straight to markdown-it's paragraph rule; all
    others go on to markdown-it's rules in their order.
    """
    first = state.bMarks[start] + state.tShift[start]
    if first >= state.eMarks[start] or state.src[first] in BLOCK_STARTS \
            or state.sCount[start] - state.blkIndent >= 4:
        return False
    following = start + 1
    if following < state.lineMax and not state.isEmpty(following):
        return False
    return paragraph(state, start, end, silent)


class Renderer(RendererHTML):
    """markdown-it's HTML renderer, the same HTML, with shorter paths for the common tokens.

    Its generic tag writer runs a dozen steps for every ``<p>``, ``</p>`` and
    ``<em>``; tags without attributes (all but links, images and aligned
    table cells) are written here directly, and text tokens are escaped
    without a call through the rule table. Everything else goes to markdown-it.
    """

    def renderInline(self, tokens, options, env) -> str:
        if len(tokens) == 1 and tokens[0].type == "text":  # a paragraph without inline syntax
            return escapeHtml(tokens[0].content)
        rules = self.rules
        out = []
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "text":
                out.append(escapeHtml(token.content))
            elif kind in rules:
                out.append(rules[kind](tokens, index, options, env))
            else:
                out.append(self.renderToken(tokens, index, options, env))
        return "".join(out)

    def renderToken(self, tokens, idx, options, env) -> str:
        token = tokens[idx]
        if token.hidden:  # a tight list's paragraph
            return ""
        nesting = token.nesting
        if token.attrs or (nesting == 0 and options["xhtmlOut"]):
            return super().renderToken(tokens, idx, options, env)
        if not token.block:
            return ("</" if nesting == -1 else "<") + token.tag + ">"
        # after a hidden paragraph, a block that opens starts on a new line
        lead = "\n" if nesting != -1 and idx and tokens[idx - 1].hidden else ""
        if nesting == 1 and idx + 1 < len(tokens):
            following = tokens[idx + 1]
            # no line break inside a block holding inline content, nor in an empty one
            if following.type == "inline" or following.hidden \
                    or (following.nesting == -1 and following.tag == token.tag):
                return lead + "<" + token.tag + ">"
        return lead + ("</" if nesting == -1 else "<") + token.tag + ">\n"


def _normalized(source: str) -> str:
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in source:
        source = source.replace("\0", "\ufffd")
    return source


def _normalize(state: StateCore) -> None:
    """markdown-it's first step, the same result: CR LF and CR become LF, NUL becomes U+FFFD.

    Its own rule runs two regular-expression substitutions over every body,
    matching each line ending only to put it back. Bodies read from files
    have no CR (universal newlines), so this usually only looks.
    """
    state.src = _normalized(state.src)
