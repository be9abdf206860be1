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

WRITTEN_FOR = ("3.0",)  # markupsafe releases whose private _escape_inner this was written for
_escape_str = getattr(markupsafe, "_escape_inner", None)


def usable() -> bool:
    return (fast_paths.enabled() and _escape_str is not None
            and fast_paths.release_is(_version(), *WRITTEN_FOR))


def output_escape() -> Callable[[object], object] | None:
    """The function templates may print values through, or None to keep markupsafe's own."""
    return _escape_output if usable() else None


def _escape_output(value, _str=str, _escape_str=_escape_str, _escape=markupsafe.escape):
    if type(value) is _str:
        return _escape_str(value)
    return _escape(value)


def _version() -> str:
    from importlib.metadata import version

    return version("markupsafe")
