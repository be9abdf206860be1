"""The switch for sitegen's faster paths through its libraries' insides.

Where the plain use of a library costs a build much time, sitegen takes a
faster way to the same bytes through the library's internals. Each such way
lives in one adapter module beside the code that uses the library
(render/jinja_adapter.py, render/markupsafe_adapter.py,
markdown/markdown_it_adapter.py, serve/livereload_adapter.py;
core/dataclasses_adapter.py for Python's own dataclasses), tested against the
plain way, and is taken
only when this switch is on and the library is a release it was written
for: any other release gets the plain way, slower but right.
``SITEGEN_FAST_PATHS=off`` turns them all off (the tests run both ways).
"""

from __future__ import annotations

import os

VARIABLE = "SITEGEN_FAST_PATHS"


def enabled() -> bool:
    """Whether the faster paths may be taken (read each time: tests flip it)."""
    return os.environ.get(VARIABLE, "on").strip().lower() not in ("off", "0", "false", "no")


def release_is(version: str, *written_for: str) -> bool:
    """Whether a library's ``version`` is one of the releases (prefixes, "3.1") an adapter knows."""
    return any(version == known or version.startswith(known + ".") for known in written_for)
