"""The one place that reaches into markupsafe: a plain string escaped straight to a string.

With autoescape on, a compiled template prints every value through
markupsafe's ``escape``, which wraps its result in a ``Markup`` only for
the page to join it at once. For a value that is exactly a ``str``, the C
function markupsafe's own ``escape`` calls gives the same characters
without the wrapper. Anything else (``Markup``, numbers, dates…) goes
through ``escape`` as before. markupsafe_adapter_test (tests/test_adapters.py)
holds the two equal.
"""

from __future__ import annotations

from typing import Callable

import markupsafe

from sitegen.core import fast_paths

_escape_str = getattr(markupsafe, "_escape_inner", None)
# What ``escape`` changes and what it must leave alone: every ASCII character, and beyond.
PROBE = "".join(map(chr, range(128))) + "<a href=\"x\" title='y'>&amp; caf\u00e9 \u2028 \U0001f4f0 \ud800</a>"


def usable() -> bool:
    return fast_paths.enabled() and _escape_str is not None and _agrees(_escape_str)


def _agrees(escape_str) -> bool:
    """Whether the private function escapes as ``escape`` does, asked of the probe. Not by
    release number: markupsafe 3 deprecates its ``__version__`` and asks for feature
    detection, and asking importlib.metadata would add its import to every fresh build's
    start (BENCHMARKS.md, "second pass")."""
    try:
        return escape_str(PROBE) == str(markupsafe.escape(PROBE))
    except Exception:  # noqa: BLE001 - another signature, another behaviour: not this one
        return False


def output_escape() -> Callable[[object], object] | None:
    """The function templates may print values through, or None to keep markupsafe's own."""
    return _escape_output if usable() else None


def _escape_output(value, _str=str, _escape_str=_escape_str, _escape=markupsafe.escape):
    if type(value) is _str:
        return _escape_str(value)
    return _escape(value)
