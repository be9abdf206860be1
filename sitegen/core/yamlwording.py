"""PyYAML's syntax errors in sitegen's own words.

A curator reads "a list in [ ] is not closed", not libyaml's "did not find
expected ',' or ']'". The table also keeps sitegen's messages the same when a
PyYAML release rewords its own: a problem this table does not know is still
reported, located, with PyYAML's text, and the tests that feed each entry a
real mistake fail on the release that changed it (the weekly run against the
newest dependencies is there to see that first).
"""

from __future__ import annotations

from typing import NamedTuple

GENERIC_HINT = "check the indentation and quoting of this line and the one before"


class Wording(NamedTuple):
    says: str   # a piece of PyYAML's context or problem text
    message: str
    hint: str = GENERIC_HINT
    opened: str = ""  # what starts where PyYAML's context mark points, if it matters


# First match wins: the more specific pieces come first.
WORDINGS = (
    Wording("mapping values are not allowed", 'a colon and a space (": ") inside a value',
            'a value that contains ": " must be put in quotes'),
    Wording("expected ',' or ']'", "a list in [ ] is not closed",
            'close it with "]", and put items that contain "," "[" or "]" in quotes', "the list"),
    Wording("expected ',' or '}'", "a mapping in { } is not closed",
            'close it with "}", and put values that contain "," "{" or "}" in quotes', "the mapping"),
    Wording("expected '-' indicator", 'a line inside a list does not start with "- "',
            "line list items up under each other", "the list"),
    Wording("expected key", 'a line inside a mapping is not a "key: value" line',
            "line keys up under each other, and put values that start with a special character in quotes",
            "the mapping"),
    Wording("could not find expected ':'", 'a key without ":" after it'),
    Wording("while scanning a quoted scalar", "quoted text is not closed",
            "end it with the same quote mark it starts with", "the quote"),
    Wording("tab character", "a tab character where YAML wants spaces", "indent with spaces"),
    Wording("cannot start any token", "a character that cannot start a value here",
            "put the value in quotes"),
    Wording("undefined alias", "an alias (*name) that no anchor (&name) defines",
            "put values that start with * in quotes"),
    Wording("alphabetic or numeric character", "an anchor or alias (& or *) without a name",
            "put values that start with & or * in quotes"),
    Wording("unknown escape", 'an unknown escape sequence ("\\…") in double-quoted text',
            'write "\\\\" for a backslash, or use single quotes'),
    Wording("could not determine a constructor", "a YAML tag (!!…) where a plain value belongs",
            "YAML tags (!!python/…) are not allowed; write plain values"),
    Wording("undefined tag handle", "a YAML tag (!…) where a plain value belongs",
            "put values that start with ! in quotes"),
    Wording("but found another document", 'a second document (a line "---")',
            "keep one document; front-matter ends at its closing ---"),
    Wording("expected <document start>", "text after the end of the document",
            "indent it under a key, or remove it"),
    Wording("expected node content", "a value is missing", 'put a value after the ":" or "- "'),
    Wording("unhashable key", "a key that is a list or mapping", "keys are plain words"),
)


def in_own_words(problem: str, context: str, character: str = "") -> Wording:
    """sitegen's message for PyYAML's problem, its context, and the character it stopped at."""
    if character == "\t" and "cannot start any token" in problem:
        problem = "tab character"
    said = f"{context} | {problem}"
    for wording in WORDINGS:
        if wording.says in said:
            if character and wording.says == "cannot start any token":
                return wording._replace(message=f'"{character}" cannot start a value here')
            return wording
    return Wording("", problem or context or "cannot parse")
