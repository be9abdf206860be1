"""YAML reading shared by config, registries and front-matter.

Two deliberate departures from PyYAML's defaults:

* dates stay strings, so sitegen parses them itself and can name the line of
  an impossible one ("2023-02-30") instead of failing inside the loader;
* only ``true``/``false`` are booleans. YAML 1.1 also reads ``no``, ``yes``,
  ``on`` and ``off`` as booleans, which turns the language code ``no``
  (Norwegian) into ``False``.

The composed node tree is kept so that errors found later can point at the
line of the offending key or list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

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
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    node: yaml.Node | None
    first_line: int  # file line of the YAML text's first line

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
        """Lines of each top-level key and of each item of top-level lists."""
        lines: dict[str, int] = {}
        if not isinstance(self.node, yaml.MappingNode):
            return lines
        for key_node, value_node in self.node.value:
            key = str(key_node.value)
            lines[key] = key_node.start_mark.line + self.first_line
            if isinstance(value_node, yaml.SequenceNode):
                for i, item in enumerate(value_node.value):
                    lines[f"{key}/{i}"] = item.start_mark.line + self.first_line
        return lines

    def key_line(self, key: str) -> int | None:
        """File line of a top-level key itself (not of its value)."""
        if isinstance(self.node, yaml.MappingNode):
            for key_node, _ in self.node.value:
                if key_node.value == key:
                    return key_node.start_mark.line + self.first_line
        return self.line_of()


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
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict = {}
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise YamlSyntaxError(
                            key_node.start_mark.line + first_line,
                            f'key "{key_node.value}" appears twice (first on line '
                            f'{seen[key_node.value] + first_line}); only one can count')
                    seen[key_node.value] = key_node.start_mark.line
                pending.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with a file line."""
    loader = ArchiveLoader(text)
    try:
        node = loader.get_single_node()
        _reject_duplicate_keys(node, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlSyntaxError(line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlDocument(data, node, first_line)
