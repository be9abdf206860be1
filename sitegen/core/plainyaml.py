"""Front-matter in YAML's everyday block style, read without a YAML parser.

Nearly every article's front-matter is a mapping of ``key: value`` lines,
``[a, b]`` lists, a nested mapping or two and a list of speakers: the shape
ingest writes and curators copy. libyaml composes a node per scalar and calls
back into Python for each one, which made it half the cost of reading an
article. This reads that shape line by
line and gives the same values; for anything else (multi-line or block
scalars, anchors, tags, flow mappings, numbers, comments after a value,
unusual indentation, duplicate keys, characters YAML treats specially…)
``plain_yaml`` returns None and yamldoc.py parses the text with libyaml as
before, errors and all. A property test holds the two to the same result.

Scalars resolve with the loader's own implicit resolvers (yamldoc.py narrows
them), so "no" stays a string and "null" is None exactly as libyaml would
have it.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml.reader

# Characters libyaml rejects (outside YAML's printable set: the reader's own pattern,
# already compiled, which costs milliseconds to compile again) or reads its own
# way (tabs, carriage returns, the line breaks YAML 1.1 knows beyond "\n", byte-order
# marks): text holding any is left to libyaml.
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_SPECIAL_CHARACTERS = re.compile("[\t\r\x85\u2028\u2029\ufeff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# A plain scalar may not start with an indicator; "-", "?" and ":" may in YAML
# when a non-space follows, but values like that are rare enough to leave.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_IN_FLOW_ITEMS = re.compile(r"[\[\]{}#:\"']")  # nested collections, comments, pairs, quotes
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|.)")
_ESCAPED = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}
_STR, _NULL, _BOOL = (f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool"))


# Lists and mappings inside each other: front-matter needs three levels; deeper than
# this, yamlsource refuses the text (pickling the record, among others, would fail).
MAX_DEPTH = 64


class _NotPlain(Exception):
    """The text leaves the plain shape: libyaml reads it instead."""


def plain_yaml(text: str, scalar: Callable[[str], Any]) -> dict | None:
    """The mapping ``text`` holds, or None if it is not in the plain shape.

    ``scalar`` turns a plain scalar's text into its value (``scalar_reader``).
    """
    if _NON_PRINTABLE.search(text) or _SPECIAL_CHARACTERS.search(text):
        return None
    lines = []
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content and content[0] != "#":  # blank lines and whole-line comments say nothing
            lines.append((len(line) - len(content), content.rstrip(" ")))
    if not lines or lines[0][0] != 0:
        return None
    reader = _Reader(lines, scalar)
    try:
        data = reader.mapping(0)
    except _NotPlain:
        return None
    return data if reader.at == len(lines) else None


class _Reader:
    """Recursive descent over (indent, content) lines; ``at`` is the next line."""

    def __init__(self, lines: list[tuple[int, str]], scalar: Callable[[str], Any]):
        self.lines = lines
        self.scalar = scalar
        self.at = 0
        self.depth = 0  # lists and mappings being read, one inside the other

    def mapping(self, indent: int) -> dict:
        """``key: value`` lines at ``indent``, up to a line indented less."""
        lines, result = self.lines, {}
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _NotPlain  # libyaml's path refuses it, naming the line
        while self.at < len(lines):
            depth, content = lines[self.at]
            if depth < indent:
                break
            match = _KEY.match(content)
            if depth > indent or match is None:
                raise _NotPlain  # a continued scalar, a stray item, a key YAML reads its own way
            key = self.scalar(match.group(1))
            if not isinstance(key, str) or key in result:
                raise _NotPlain  # true:, null:, or a duplicate (libyaml names its line)
            value = content[match.end():]
            self.at += 1
            result[key] = self.inline(value) if value else self.nested(indent)
        self.depth -= 1
        return result

    def nested(self, indent: int) -> Any:
        """The value of a key written alone on its line (at ``indent``)."""
        if self.at == len(self.lines):
            return None
        depth, content = self.lines[self.at]
        is_item = content == "-" or content.startswith("- ")
        if depth > indent:
            return self.sequence(depth) if is_item else self.mapping(depth)
        if depth == indent and is_item:  # YAML lets a key's list start at the key's own indent
            return self.sequence(depth)
        return None

    def sequence(self, indent: int) -> list:
        """``- item`` lines at ``indent``; an item may open a mapping (``- id: x``)."""
        lines, items = self.lines, []
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _NotPlain
        while self.at < len(lines):
            depth, content = lines[self.at]
            if depth < indent or (depth == indent and not content.startswith("-")):
                break
            if depth > indent or not content.startswith("- "):
                raise _NotPlain  # "-" alone, "-x", or a line indented into nothing
            rest = content[2:].lstrip(" ")
            if _KEY.match(rest):
                # The item's first key sits on the dash's line; its mapping's
                # column is that key's, and reading goes on from there.
                lines[self.at] = (len(content) - len(rest) + depth, rest)
                items.append(self.mapping(lines[self.at][0]))
            else:
                items.append(self.inline(rest))
                self.at += 1
        self.depth -= 1
        return items

    def inline(self, value: str) -> Any:
        """A value on the line of its key or dash: a scalar or a one-line ``[…]`` list."""
        first = value[0]
        if first == '"':
            match = _DOUBLE_QUOTED.fullmatch(value)
            if match is None:
                raise _NotPlain  # continued on the next line, or followed by a comment
            return _unescape(match.group(1))
        if first == "'":
            match = _SINGLE_QUOTED.fullmatch(value)
            if match is None:
                raise _NotPlain
            return match.group(1).replace("''", "'")
        if first == "[":
            return self.flow_list(value)
        if first in _INDICATORS or ": " in value or value.endswith(":") or " #" in value:
            raise _NotPlain
        return self.scalar(value)

    def flow_list(self, value: str) -> list:
        """``[a, b]`` of plain scalars, on one line."""
        inner = value[1:-1]
        if value[-1] != "]" or _NOT_IN_FLOW_ITEMS.search(inner):
            raise _NotPlain
        if not inner.strip(" "):
            return []
        items = []
        for part in inner.split(","):
            item = part.strip(" ")
            if not item or item[0] in _INDICATORS:
                raise _NotPlain  # [a,,b], [a, b,], [-x]
            items.append(self.scalar(item))
        return items


def _unescape(text: str) -> str:
    """A double-quoted scalar's escapes: the ones JSON writes (ingest quotes with it)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    code = match.group(1)
    if code[0] == "u" and len(code) == 5:
        point = int(code[1:], 16)
        if 0xD800 <= point <= 0xDFFF:  # half a surrogate pair: libyaml's to judge
            raise _NotPlain
        return chr(point)
    if code not in _ESCAPED:
        raise _NotPlain  # YAML's other escapes (\x, \U, \N, \_ …)
    return _ESCAPED[code]


def scalar_reader(resolvers: dict) -> Callable[[str], Any]:
    """Plain scalar → value, typed by a YAML loader's ``yaml_implicit_resolvers``:
    strings, None and booleans (numbers and other types leave the plain shape).
    Remembers short texts, which repeat across files (ids, language codes)."""
    wildcard = resolvers.get(None, [])
    known: dict[str, Any] = {}

    def scalar(text: str) -> Any:
        try:
            return known[text]
        except KeyError:
            pass
        tag = _STR
        for candidate, pattern in resolvers.get(text[:1], []) + wildcard:
            if pattern.match(text):
                tag = candidate
                break
        if tag == _STR:
            value: Any = text
        elif tag == _NULL:
            value = None
        elif tag == _BOOL:
            value = text.lower() == "true"
        else:
            raise _NotPlain
        if len(text) <= 64 and len(known) < 16_384:
            known[text] = value
        return value

    return scalar
