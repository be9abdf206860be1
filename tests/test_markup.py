"""markup: safe HTML from Markdown, links under the base path, quotes and summary."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sitegen.markdown import markdown_it_adapter as markup
from sitegen.markdown.markup import Markup
from sitegen.markdown.quotes import shorten


def html(source: str, base: str = "/") -> str:
    return Markup(base).render(source).html


def test_paragraphs_and_emphasis():
    assert html("Hello *world*.") == "<p>Hello <em>world</em>.</p>\n"


def test_raw_html_is_shown_as_text():
    out = html('<script>alert(1)</script>\n\nA <b onclick="x()">bold</b> <img src=x onerror=alert(1)>')
    assert "<script" not in out and "<b" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


@pytest.mark.parametrize("target", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)",
                                    "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
                                    " javascript:alert(1)"])
def test_dangerous_links_are_not_links(target):
    out = html(f"[click]({target}) and ![img]({target})")
    assert "href" not in out and "src" not in out


def test_dangerous_autolink_is_not_a_link():
    assert "href" not in html("<javascript:alert(1)>")


def test_dangerous_reference_link_is_not_a_link():
    assert "href" not in html("[click][x]\n\n[x]: javascript:alert(1)")


def test_safe_links_are_kept():
    out = html("[a](https://example.org/) [b](mailto:x@example.org) [c](#top) [d](../up/)")
    assert 'href="https://example.org/"' in out and 'href="mailto:x@example.org"' in out
    assert 'href="#top"' in out and 'href="../up/"' in out


def test_root_relative_links_are_rebased_under_a_sub_path():
    out = html("[a](/2024/02/10/x/) ![i](/img/a.png) [r][ref]\n\n[ref]: /topics/", base="/archive/")
    assert 'href="/archive/2024/02/10/x/"' in out
    assert 'src="/archive/img/a.png"' in out
    assert 'href="/archive/topics/"' in out


def test_other_links_are_not_rebased():
    out = html("[a](//cdn.example/x) [b](https://x.org/) [c](rel/) [d](#f)", base="/archive/")
    assert 'href="//cdn.example/x"' in out and 'href="https://x.org/"' in out
    assert 'href="rel/"' in out and 'href="#f"' in out


def test_links_inside_quotes_and_tables_are_rebased():
    out = html("> see [x](/a/)\n\n| h |\n|---|\n| [y](/b/) |\n", base="/p/")
    assert 'href="/p/a/"' in out and 'href="/p/b/"' in out


def test_root_base_leaves_links_alone():
    assert 'href="/2024/"' in html("[a](/2024/)")


def test_quotes_are_extracted_paragraphs_joined():
    body = Markup().render('Intro.\n\n> The river made *this* town,\n> and now.\n>\n> Everyone is welcome.\n\n'
                           'Middle.\n\n> Second & last.')
    assert body.quotes == ("The river made this town, and now.\n\nEveryone is welcome.", "Second & last.")


def test_nested_blockquote_is_part_of_its_outer_quote():
    assert Markup().render("> outer\n>\n> > inner").quotes == ("outer\n\ninner",)


def test_summary_is_first_paragraph_not_a_quote():
    body = Markup().render("> A quote first.\n\nThen the *story* [link](/x/).\n\nMore.")
    assert body.summary == "Then the story link."


def test_summary_of_only_quotes_uses_the_first():
    assert Markup().render("> Only a quote.").summary == "Only a quote."


def test_summary_is_shortened_at_a_word():
    summary = Markup().render("word " * 100).summary
    assert len(summary) <= 241 and summary.endswith("word…")


def test_plain_text_has_no_markup():
    assert Markup().plain_text("# Head\n\nA *b* `c`.") == "Head\n\nA b c."


def test_shorten():
    assert shorten("short", 10) == "short"
    assert shorten("one two, three", 9) == "one two…"


def stock_markdown_it():
    """markdown-it as Markup configures it, with none of Markup's faster stand-in rules."""
    stock = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return stock.enable(["table", "strikethrough"])


def tokens_of(md, source):
    return [(t.as_dict(), [c.as_dict() for c in t.children or ()]) for t in md.parse(source)]


def test_the_faster_rules_are_in_place():
    md = Markup().md
    assert md.core.ruler.getRules("")[2].__module__ == "sitegen.markdown.markdown_it_adapter"
    assert md.block.ruler.getRules("")[0].__name__ == "_one_line_paragraph"
    assert md.inline.terminator_re.pattern == markup.TEXT_STOPS.pattern


# Text built from the characters inline and block syntax turn on, and plain words.
MARKDOWNISH = st.lists(st.sampled_from(
    ["word", "two words", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\0", "-", ":", "%", "#", "!", "[", "]", "(",
     ")", "*", "**", "_", "~~", "`", "<", ">", "&", "&amp;", "\\", "1.", "- ", "> ", "|", "---", "http://x.y",
     "<http://a.b>", "[a](/b)", "![i](/j.png)", "«", "»", "\u00a0", "é", "Ж",
     # block syntax too: code indents and tabs, fences, headings, setext underlines, list
     # markers, references, rules
     "    ", "\t", "```", "~~~", "# ", "===", "1) ", "2024. ", "+ ", "* ", "[r]: /s", "[r]", "***", "___",
     "\n    ", "\n> ", "\n- ", "\n\n  "]), max_size=40).map("".join)


@settings(max_examples=int(os.environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")) * 5, deadline=None)
@given(MARKDOWNISH)
def test_faster_rules_give_markdown_it_s_own_tokens_and_html(source):
    """markup._normalize, _inline, _one_line_paragraph and TEXT_STOPS stand in for markdown-it's rules: same
    tokens, same HTML."""
    stock, ours = stock_markdown_it(), Markup().md
    assert tokens_of(ours, source) == tokens_of(stock, source)
    assert ours.render(source) == stock.render(source)


# URL-ish text: schemes in either case, host labels short and overlong, many or few, every
# character URL encoding treats specially, escapes, Unicode, and paths that read as hosts.
URLISH = st.lists(st.sampled_from(
    ["https://", "http://", "HTTP://", "mailto:", "//", "/", "", "example", "org", "EXAMPLE", ".", "..", "-",
     "a" * 39, "b" * 40, "c" * 64, "9", "_", "~", ":", ":8080", "@", "?", "#", "=", "&", "+", "%", "%20",
     "%zz", "(", ")", "'", "!", "*", ",", ";", "$", "[", "]", " ", "\t", "\\", '"', "é", "Ж", "bücher",
     "\u2028", "\x7f", "\ud800"]), max_size=16).map("".join)


@settings(max_examples=int(os.environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")) * 10, deadline=None)
@given(URLISH)
def test_links_taken_as_unchanged_are_what_markdown_it_gives(url):
    """markup.UNCHANGED_LINK only takes destinations markdown-it's normalizeLink leaves as they are."""
    if markup.UNCHANGED_LINK.fullmatch(url):
        assert stock_markdown_it().normalizeLink(url) == url
    assert Markup().md.normalizeLink(url) == stock_markdown_it().normalizeLink(url)


@pytest.mark.parametrize("url", [
    "https://example.org/news/8666", "http://www.news.example.co.uk/a/b-c_d.e~f/?id=12&x=y+z#top",
    "/2024/05/01/item/", "#notes", "?page=2", "https://" + ".".join(["a" * 40] * 6) + "/"])
def test_plain_links_are_taken_as_unchanged(url):
    assert markup.UNCHANGED_LINK.fullmatch(url)
    assert stock_markdown_it().normalizeLink(url) == url


@pytest.mark.parametrize("url", [
    "//example.org/x", "HTTPS://example.org/", "https://Example.org/", "https://bücher.example/",
    "https://example.org/%20", "https://example.org/a b", "https://example.org:8080/", "https://u@example.org/",
    "https://" + "c" * 64 + ".org/", "https://" + ".".join(["a"] * 7) + "/", "https://a..b/", "mailto:x@y.z"])
def test_other_links_go_to_markdown_it(url):
    assert not markup.UNCHANGED_LINK.fullmatch(url)


# Stars and links among the characters that decide whether a run of stars opens or closes
# emphasis: letters and digits, spaces (Unicode ones too), ASCII and Unicode punctuation and
# symbols; link destinations plain, odd, dangerous and unicode.
STARRED_AND_LINKED = st.lists(st.sampled_from(
    ["*", "**", "***", "a", "word", "two words", "9", "é", "Ж", "中", " ", "\u00a0", "\u2003", ".", ",", "(", ")",
     "'", '"', "-", "«", "»", "“", "”", "€", "—", "!", "]", "\u0301", "[", "](", "[a](/b)", "[two words](/c/d/)",
     "(https://example.org/a?b=1%20c)", "(javascript:alert)", "(/ü)", "(http://bücher.example/)", "(/x\x7f)", "![i](j)"]),
    max_size=30).map("".join)


@settings(max_examples=int(os.environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")) * 5, deadline=None)
@given(STARRED_AND_LINKED)
def test_simple_inline_gives_markdown_it_s_own_tokens_and_html(source):
    """markup._simple_inline stands in for markdown-it's inline parser on starred and linked text."""
    stock, ours = stock_markdown_it(), Markup().md
    assert tokens_of(ours, source) == tokens_of(stock, source)
    assert ours.render(source) == stock.render(source)


def test_simple_inline_takes_prose_and_leaves_the_ambiguous_to_markdown_it():
    md = Markup().md
    taken = ["a *word* here.", "**Two words**, then *one*", "(*x*) «*y*»", "*é* **Ж**", "see [the text](/a/b/).",
             "*[a](/b)* and **[c](https://example.org/d?e=f)**"]
    left = ["a*b*c", "***x***", "*a **b** c*", "*open", "close*", "**a*", "*a* b*", "_u_ *s*", "[a] b", "[a](b c)",
            "[*a*](/b)", "[a](javascript:x)", "![a](/b.png)", "[a]", "[](/b)", "[a](/b \"t\")"]
    assert all(markup._simple_inline(text, md) is not None for text in taken)
    assert all(markup._simple_inline(text, md) is None for text in left)


def test_line_endings_and_nul_are_normalised_as_markdown_it_does():
    """markup._normalize stands in for markdown-it's own first rule: same HTML, any line ending."""
    stock = stock_markdown_it()
    ours = Markup()
    for source in ["a\r\nb\r\n\r\n> q\rr\n", "x\0y\n\n\0", "| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n",
                   "line one  \r\nline two\r", "\r\r\n\n\r", "plain\n\ntext\n", "```\r\ncode\0\r\n```\r\n"]:
        assert ours.render(source).html == stock.render(source)


@pytest.mark.parametrize("source", [
    "- a\n  > b\n",  # a block opening after a tight list's hidden paragraph
    "- a\n-\n- c\n",  # an empty item: <li></li>
    "1. one\n2. two\n\n   para\n",  # a loose list
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n",  # aligned cells carry attributes
    "a  \nb\\\nc\n\n---\n\n![alt *x*](/i.png \"t\")\n",  # breaks, a rule, an image (xhtml)
    "    code\n\n```py\nfenced\n```\n\n# h1\n\nSetext\n===\n",
    "> > nested\n> quote\n\n*em* **strong** ~~del~~ `code` [link](/x \"t\") <http://a.b>\n",
])
def test_faster_renderer_writes_markdown_it_s_own_html(source):
    assert Markup().render(source).html == stock_markdown_it().render(source)


# Bodies of one-line blocks, the shape plainbody.py reads, among the lines that look like
# them and are not: other list markers, indents, headings, numbers that are or are not an
# ordered list, references, rules, nested blocks; blank lines with spaces; text with
# inline syntax and Unicode space at either end.
LINE_STARTS = ["* ", "+ ", "-", ">", " ", "  ", "    ", "\t", "1. ", "1) ", "2024 ", "12.5 ", "١. ", "# ",
               "#hashtag ", "[r]: /s ", "[a](/b) ", "---", "- > ", "> - ", "- - ", "> > ", "``` ", "~~~ ", "_",
               "|", "=== "]
WORDS = st.lists(st.sampled_from(
    ["word", "two words", "“Quoted,” he said.", "*em*", "**strong**", "[a](/b)", "[c](https://example.org/d)",
     "&", "&amp;", "\\*", "`code`", "~~del~~", "<http://a.b>", "![i](/j.png)", "[r]", "*", "_x_", "é", "Ж",
     "<script>", "\"", "'", "|", "-", "1."]), min_size=1, max_size=8).map(" ".join)
EDGES = st.sampled_from(["", "", "", "", " ", "\u00a0", "\u2003", "  "])
PLAIN_LINE = st.tuples(st.sampled_from(["", "", "> "]), WORDS).map("".join)
PLAIN_LIST = st.lists(WORDS.map("- ".__add__), min_size=1, max_size=4).map("\n".join)
OTHER_LINE = st.tuples(st.sampled_from(["", "- ", "> "] + LINE_STARTS), WORDS, EDGES).map("".join)
BLOCKS = st.one_of(PLAIN_LINE, PLAIN_LINE, PLAIN_LINE, PLAIN_LINE, PLAIN_LIST, OTHER_LINE)  # each alike
BREAKS = st.sampled_from(["\n\n"] * 6 + ["\n", "\n \n", "\n\t\n", "\n\n\n", "\r\n\r\n"])
PLAIN_BODIES = st.lists(st.tuples(BLOCKS, BREAKS), max_size=6).map(
    lambda blocks: "".join(block + brk for block, brk in blocks))


@settings(max_examples=int(os.environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")) * 10, deadline=None)
@given(PLAIN_BODIES, st.sampled_from(["/", "/sub/"]))
def test_plain_bodies_render_as_through_markdown_it(source, base):
    """A body plainbody.py reads renders to markdown-it's HTML, with the same quotes and summary
    as markdown-it's tokens give; any other body goes to markdown-it."""
    fast, tokens_only = Markup(base), Markup(base)
    tokens_only.plain = None
    assert fast.render(source) == tokens_only.render(source)
    if base == "/":
        assert fast.render(source).html == stock_markdown_it().render(source)


def test_plain_bodies_skip_the_block_parser_and_others_do_not():
    plain = ["", "One paragraph.", "A *starred* word.\n\n> “A quote,” she said.\n\n- one\n- two\n\nEnd.\n",
             "2024 was a year.\n\n12.5 million\n", "a\n\n\n- b\n \n> c"]
    other = ["Two\nlines.", "# Heading", "- a\n\n- b (a loose list)", "- a\nlazy", "> a\n> b", "  indented",
             "1. ordered", "[r]: /s\n\n[text][r]", "---", "- > nested", "* star item", "text \u00a0"]
    assert Markup().plain is not None
    assert all(markup.plain_blocks(markup._normalized(s)) is not None for s in plain)
    assert all(markup.plain_blocks(markup._normalized(s)) is None for s in other)
