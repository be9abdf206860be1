"""YAML reading shared by config, registries and front-matter.

Two deliberate departures from PyYAML's defaults:

* dates stay strings, so sitegen parses them itself and can name the line of
  an impossible one ("2023-02-30") instead of failing inside the loader;
* only ``true``/``false`` are booleans. YAML 1.1 also reads ``no``, ``yes``,
  ``on`` and ``off`` as booleans, which turns the language code ``no``
  (Norwegian) into ``False``.

The composed node tree is kept so that errors found later can point at the
line of the offending key or list item. Front-matter in the everyday plain
shape is read without libyaml (plainyaml.py); its node tree is composed only
if a line is asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from sitegen.core.plainyaml import MAX_DEPTH, plain_yaml, scalar_reader
from sitegen.core.yamlwording import GENERIC_HINT, in_own_words

try:  # the C parser is several times faster; fall back when libyaml is absent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader


class ArchiveLoader(_BaseLoader):
    """SafeLoader with the implicit types narrowed (see module docstring)."""


ArchiveLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
ArchiveLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)




class YamlSyntaxError(ValueError):
    def __init__(self, line: int | None, message: str, hint: str = GENERIC_HINT):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


_NOT_YET = object()


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    text: str
    first_line: int  # file line of the YAML text's first line
    composed: Any = field(default=_NOT_YET, repr=False, compare=False)  # the node, if parsed

    @cached_property
    def node(self) -> yaml.Node | None:
        """The node tree, for lines: composed now if the text was read the plain way."""
        if self.composed is not _NOT_YET:
            return self.composed
        loader = ArchiveLoader(self.text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    def line_of(self, *path: str | int) -> int | None:
        """File line of the value at ``path`` (keys and list indexes).

        Falls back to the nearest enclosing node that exists, so a message
        about a missing key points at its parent.
        """
        node = self.node
        line = node.start_mark.line if node is not None else None
        for step in path:
            node = _child(node, step)
            if node is None:
                break
            line = node.start_mark.line
        return None if line is None else line + self.first_line

    def top_level_lines(self) -> dict[str, int]:
        """Where to point a reader: "key", "key.sub", "key/i" and "key=value" → line.

        "key=value" is the first list item (or speaker id) with that value.
        """
        lines: dict[str, int] = {}
        if not isinstance(self.node, yaml.MappingNode):
            return lines
        for key_node, value_node in self.node.value:
            key = str(key_node.value)
            lines[key] = key_node.start_mark.line + self.first_line
            if isinstance(value_node, yaml.MappingNode):
                for sub_key, sub_value in value_node.value:
                    lines[f"{key}.{sub_key.value}"] = sub_value.start_mark.line + self.first_line
            if isinstance(value_node, yaml.SequenceNode):
                for i, item in enumerate(value_node.value):
                    line = item.start_mark.line + self.first_line
                    lines[f"{key}/{i}"] = line
                    value = _item_value(item)
                    if value is not None:
                        lines.setdefault(f"{key}={value}", line)
        return lines

    def key_line(self, *path: str | int) -> int | None:
        """File line of the key at the end of ``path`` itself (not of its value)."""
        *parents, key = path
        node = self.node
        for step in parents:
            node = _child(node, step)
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key or key_node.value == key_text(key):
                    return key_node.start_mark.line + self.first_line
        return self.line_of(*parents)


def key_text(key: object) -> str:
    """A parsed key as YAML spells it: true, false, null, 2024."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _item_value(item: yaml.Node) -> str | None:
    """A list item's scalar, or the "id" of a mapping item (speakers)."""
    if isinstance(item, yaml.ScalarNode):
        return str(item.value)
    if isinstance(item, yaml.MappingNode):
        for key_node, value_node in item.value:
            if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return None


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return node.value[step]
    return None


def _reject_duplicate_keys(node: yaml.Node | None, first_line: int) -> None:
    """YAML says keys are unique; PyYAML silently keeps the last. Say so instead."""
    pending = [node]
    visited: set[int] = set()  # aliases share nodes: visit each once ("billion laughs")
    while pending:
        current = pending.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, yaml.MappingNode):
            seen: dict = {}
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise YamlSyntaxError(
                            key_node.start_mark.line + first_line,
                            f'key "{key_node.value}" appears twice (first on line '
                            f'{seen[key_node.value] + first_line})', "keep one of the two")
                    seen[key_node.value] = key_node.start_mark.line
                pending.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)


_UNUSUAL = object()
TOO_LONG = "invalid YAML: a number too long to read"
TOO_LONG_HINT = "put it in quotes if it is text, or write a shorter number"
_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))


class _Plain:
    """Nodes → Python values for the plain YAML that front-matter is made of.

    A faster stand-in for PyYAML's constructor, which also rejects
    duplicate keys on the way. Anything else
    (explicit tags, merge keys, non-scalar keys) yields ``_UNUSUAL`` and is left
    to PyYAML. Shared (aliased) nodes are converted once.
    """

    def __init__(self, loader, first_line: int):
        self.loader = loader
        self.first_line = first_line
        self.done: dict[int, object] = {}

    def _number(self, node):
        construct = self.loader.construct_yaml_int if node.tag == _INT else self.loader.construct_yaml_float
        try:
            return construct(node)
        except ValueError:  # Python reads integers of at most 4,300 digits
            raise YamlSyntaxError(node.start_mark.line + self.first_line, TOO_LONG, TOO_LONG_HINT) from None

    def value(self, node):
        known = self.done.get(id(node))
        if known is not None:
            return known
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return node.value.lower() == "true"
            if tag in (_INT, _FLOAT):
                return self._number(node)
            return _UNUSUAL
        if isinstance(node, yaml.SequenceNode):
            if tag != "tag:yaml.org,2002:seq":
                return _UNUSUAL
            items = self.done[id(node)] = []
            for child in node.value:
                item = self.value(child)
                if item is _UNUSUAL:
                    return _UNUSUAL
                items.append(item)
            return items
        if tag != "tag:yaml.org,2002:map":
            return _UNUSUAL
        mapping = self.done[id(node)] = {}
        lines: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                return _UNUSUAL
            key = self.value(key_node)
            if key is _UNUSUAL:
                return _UNUSUAL
            if key in lines:
                raise YamlSyntaxError(
                    key_node.start_mark.line + self.first_line,
                    f'key "{key_node.value}" appears twice (first on line {lines[key]})',
                    "keep one of the two")
            lines[key] = key_node.start_mark.line + self.first_line
            value = self.value(value_node)
            if value is _UNUSUAL:
                return _UNUSUAL
            mapping[key] = value
        return mapping


def _explain(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlSyntaxError:
    """PyYAML's error, pointed at a line that exists, in sitegen's words (yamlwording.py)."""
    mark = exc.problem_mark or exc.context_mark
    last_line = max(text.count("\n") - (1 if text.endswith("\n") else 0), 0)
    if mark is not None and mark.line > last_line and exc.context_mark is not None:
        mark = exc.context_mark  # the end of the text is no place to look
    line = min(mark.line, last_line) + first_line if mark is not None else None
    wording = in_own_words(exc.problem or "", exc.context or "", _character_at(text, exc.problem_mark))
    message = f"invalid YAML: {wording.message}"
    if wording.opened and exc.context_mark is not None and line is not None:
        start = min(exc.context_mark.line, last_line) + first_line
        if start != line:
            message += f"; {wording.opened} starts on line {start}"
    return YamlSyntaxError(line, message, wording.hint)


def _character_at(text: str, mark) -> str:
    index = getattr(mark, "index", None)
    if index is None or not 0 <= index < len(text):
        return ""
    return text[index]


_PLAIN_SCALAR = scalar_reader(ArchiveLoader.yaml_implicit_resolvers)


def _too_deep(line: int) -> YamlSyntaxError:
    return YamlSyntaxError(line, f"invalid YAML: lists or mappings nested more than {MAX_DEPTH} deep",
                           "front-matter needs two or three levels at most")


def _too_deep_at(root: yaml.Node | None) -> int | None:
    """The line (in the text) of a list or mapping nested more than MAX_DEPTH deep, if any.

    Deeper data would be read, then fail where Python recurses over it (saving
    the build state, for one) with a RecursionError instead of a message.
    Aliases count as what they stand for (a chain of them nests as deep), each
    node is measured once ("billion laughs"), and a node inside itself (``&a [*a]``)
    is not measured again.
    """
    if root is None:
        return None
    height: dict[int, int] = {}  # levels of lists and mappings from a node down
    open_now: set[int] = set()
    pending = [(root, False)]
    while pending:
        node, children_done = pending.pop()
        if children_done:
            open_now.discard(id(node))
            height[id(node)] = 1 + max((height.get(id(c), 0) for c in _nested(node)), default=0)
        elif id(node) not in height and id(node) not in open_now:
            open_now.add(id(node))
            pending.append((node, True))
            pending.extend((child, False) for child in _nested(node))
    if height.get(id(root), 0) <= MAX_DEPTH:
        return None
    node = root
    for _ in range(MAX_DEPTH):  # down the deepest way, to the first node too deep
        node = max(_nested(node), key=lambda child: height.get(id(child), 0))
    return node.start_mark.line


def _nested_too_deep(text: str, first_line: int) -> YamlSyntaxError | None:
    """The too-deep error, if the text nests lists or mappings past MAX_DEPTH.

    Asked after libyaml has failed: libyaml may stop at a nesting limit of its
    own (PyYAML 6.0.4 bundles one), with wording that differs between releases.
    PyYAML's pure-Python parser has no such limit and walks the text without
    recursing, so its events tell the depth the same way on every release.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_deep(event.start_mark.line + first_line)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # some other mistake: libyaml's own message says which
    return None


def _nested(node: yaml.Node) -> list[yaml.Node]:
    """The lists and mappings right inside a node."""
    if isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        return []
    return [c for c in children if isinstance(c, (yaml.MappingNode, yaml.SequenceNode))]


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with a file line."""
    data = plain_yaml(text, _PLAIN_SCALAR)
    if data is not None:
        return YamlDocument(data, text, first_line)
    loader = ArchiveLoader(text)
    try:
        node = loader.get_single_node()
        deep = _too_deep_at(node)
        if deep is not None:
            raise _too_deep(deep + first_line)
        data = _Plain(loader, first_line).value(node) if node is not None else None
        if data is _UNUSUAL:  # tags or merge keys: PyYAML's own (safe) constructor decides
            _reject_duplicate_keys(node, first_line)
            try:
                data = loader.construct_document(node)
            except ValueError:
                raise YamlSyntaxError(first_line, TOO_LONG, TOO_LONG_HINT) from None
    except yaml.MarkedYAMLError as exc:
        raise _nested_too_deep(text, first_line) or _explain(exc, text, first_line) from None
    except yaml.YAMLError as exc:
        raise _nested_too_deep(text, first_line) or YamlSyntaxError(None, f"invalid YAML: {exc}") from None
    except RecursionError:  # mappings or lists inside each other thousands of levels deep
        raise _too_deep(first_line) from None
    finally:
        loader.dispose()
    return YamlDocument(data, text, first_line, node)
