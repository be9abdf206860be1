"""The plain-shape reader gives libyaml's values, or steps aside."""

import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from sitegen.archive.frontmatter import split_front_matter
from sitegen.core.plainyaml import plain_yaml
from sitegen.core.yamldoc import ArchiveLoader, _PLAIN_SCALAR, parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def plain(text):
    return plain_yaml(text, _PLAIN_SCALAR)


def through_libyaml(text):
    return yaml.load(text, Loader=ArchiveLoader)


def test_everyday_front_matter_is_read_the_plain_way():
    text = "\n".join([
        "# written by hand",
        'title: "Minister: \\"we will\\" \\u00e9 \\\\ done"',
        "date: 2023-09-21",
        "speakers:",
        "  - id: jane-smyth",
        '    role: "Minister of Finance"',
        "  - id: no-role",
        "topics: [budget, tax-reform]",
        "review: []",
        "places:",
        "- riverton",
        "-   east-bank",
        "source:",
        "  url: null",
        "  file: 'it''s here'",
        "",
        "draft: false",
        "language: no",
        "venue: Parliament, main hall [east]",
    ])
    data = plain(text)
    assert data == {
        "title": 'Minister: "we will" é \\ done',
        "date": "2023-09-21",
        "speakers": [{"id": "jane-smyth", "role": "Minister of Finance"}, {"id": "no-role"}],
        "topics": ["budget", "tax-reform"],
        "review": [],
        "places": ["riverton", "east-bank"],
        "source": {"url": None, "file": "it's here"},
        "draft": False,
        "language": "no",
        "venue": "Parliament, main hall [east]",
    }
    assert data == through_libyaml(text)


@pytest.mark.parametrize("text", [
    "title: a\n  continued",  # a plain scalar over two lines
    'title: "a\n  b"',  # a quoted one
    "title: |\n  block",
    "title: &a x\nother: *a",
    "title: !!str x",
    "count: 12",  # numbers go to libyaml's constructor
    "ratio: 1.5",
    "title: x # a comment",
    "topics: {a: b}",
    "topics: [a, [b]]",
    "topics: [a: b]",
    "title: x\ntitle: y",  # duplicate keys: libyaml's path names the line
    "true: x",
    "  title: indented",
    "title: x\n\ttab: y",
    "title: x\r\n",
    "title: a\x85b",
    'title: "\\x41"',
    'title: "\\ud83d"',
    "title: a: b",
    "- a\n- b",
    "plain scalar",
    "",
    "speakers:\n  - id: a\n   role: b",
    "speakers:\n  -\n    id: a",
])
def test_what_is_not_plain_is_left_to_libyaml(text):
    assert plain(text) is None


def test_a_plain_document_still_knows_its_lines():
    doc = parse_yaml("title: x\nspeakers:\n  - id: a\n    role: b\nreview:\n  - check\n", first_line=2)
    assert doc.composed is not None and doc.data["speakers"] == [{"id": "a", "role": "b"}]
    assert doc.line_of("speakers", 0, "role") == 5
    assert doc.line_of("review", 0) == 7
    assert doc.key_line("review") == 6


def test_every_shipped_and_fixture_article_reads_alike_both_ways():
    compared = 0
    for path in [*ROOT.glob("content/**/*.md"), *ROOT.glob("tests/**/*.md")]:
        try:
            split = split_front_matter(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        data = plain(split.yaml_text)
        if data is not None:
            assert repr(data) == repr(through_libyaml(split.yaml_text)), path
            compared += 1
    assert compared >= 20


# -- generated documents: the plain reader and libyaml agree whenever it answers ---------

TRICKY = ["yes", "no", "on", "off", "true", "False", "null", "~", "NULL", "Null", "12", "0o17", "017",
          "0x1f", "1_000", "1:30", "1.5", ".inf", "-.inf", ".nan", "2023-09-21", "2023-09-21T10:00:00Z",
          "=", "<<", "a b", "a  b", "a: b", "a:b", "a #b", "a#b", "-a", "- a", "?a", ":a", "a:", "@a", "%a",
          "`a", "!a", "&a", "*a", "|", ">", "a, b", "a]", "{a", "é", "a\xa0", "\xa0a", "\u3000", "😀",
          "a\\b", "'", '"', "a'b", 'a"b', "---", "...", "#", ""]
CHARS = st.sampled_from(list("abcXYZ019 -_:#,[]{}'\"!&*|>%@`?~.\\/") + ["é", "\xa0", "\u2028", "\x85",
                                                                         "\t", "\r", "😀", "\x07"])
EVERYDAY = st.builds(str.__add__, st.sampled_from(list("abXY09é😀")),
                     st.text(st.sampled_from(list("abcXYZ019 -.,/:'\"()é") + ["\xa0", "😀"]), max_size=12))


def mostly(everyday, *unusual):
    """Mostly everyday values (or every document would leave the plain shape somewhere),
    now and then an unusual one."""
    return st.integers(0, 9).flatmap(lambda n: unusual[n % len(unusual)] if n < 2 else everyday)


SCALAR_TEXT = mostly(EVERYDAY, st.sampled_from(TRICKY), st.text(CHARS, max_size=10))
KEYS = mostly(st.sampled_from(["title", "date", "id", "role", "url", "topics", "x_y", "a-b", "_"]),
              st.sampled_from(TRICKY), st.text(CHARS, min_size=1, max_size=6))


@st.composite
def scalar_value(draw):
    text = draw(SCALAR_TEXT)
    style = draw(st.sampled_from(["plain", "plain", "json", "json-ascii", "double", "single", "single-raw"]))
    if style == "json":
        return json.dumps(text, ensure_ascii=False)
    if style == "json-ascii":
        return json.dumps(text)
    if style == "double":
        return f'"{text}"'
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "single-raw":
        return f"'{text}'"
    return text


@st.composite
def inline_value(draw):
    if draw(st.integers(0, 4)) == 0:
        items = draw(st.lists(mostly(SCALAR_TEXT, scalar_value()), max_size=4))
        separator = draw(st.sampled_from([", ", ",", " , "]))
        return "[" + separator.join(items) + "]" + draw(st.sampled_from(["", "", "", " ", " # c"]))
    return draw(scalar_value()) + draw(st.sampled_from(["", "", "", "", "", " ", " # c"]))


def rarely(usual, *unusual):
    return mostly(st.just(usual), *(st.just(u) for u in unusual))


@st.composite
def block(draw, indent, depth, sequence_allowed=True):
    """Lines of a mapping or a sequence at ``indent``."""
    lines = []
    if sequence_allowed and depth > 0 and draw(st.booleans()):
        for _ in range(draw(st.integers(1, 3))):
            gap = " " * draw(rarely(1, 2, 0))
            if draw(st.booleans()):  # an item that opens a mapping
                first, *rest = draw(block(indent + 1 + len(gap), depth - 1, sequence_allowed=False))
                lines.append(" " * indent + "-" + gap + first.lstrip(" "))
                lines += rest
            else:
                lines.append(" " * indent + "-" + gap + draw(inline_value()))
        return lines
    for key in draw(st.lists(KEYS, min_size=1, max_size=4, unique=True)):
        if depth > 0 and draw(st.integers(0, 2)) == 0:  # a key alone, then its value's block
            lines.append(" " * indent + key + ":" + draw(rarely("", " ")))
            step = draw(st.sampled_from([0, 2, 2, 4, 1]))
            lines += draw(block(indent + step, depth - 1, sequence_allowed=True))
        else:
            lines.append(" " * indent + key + ":" + draw(rarely(" ", "  ", "")) + draw(inline_value()))
        if draw(st.integers(0, 6)) == 0:
            lines.append(draw(st.sampled_from(["", "# note", "   ", "  # note"])))
    return lines


@st.composite
def documents(draw):
    lines = draw(block(0, 2, sequence_allowed=draw(rarely(False, True))))
    if draw(st.integers(0, 9)) == 0:  # break something: a line's indentation
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = " " * draw(st.integers(0, 3)) + lines[at].lstrip(" ")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=int(os.environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")) * 10, deadline=None)
@given(documents())
def test_whenever_the_plain_reader_answers_libyaml_agrees(text):
    data = plain(text)
    if data is None:
        return
    try:
        expected = through_libyaml(text)
    except yaml.YAMLError as exc:
        raise AssertionError(f"read plainly, but libyaml refuses it: {exc}") from None
    assert repr(data) == repr(expected)  # repr: True is not "true", None is not "null"
