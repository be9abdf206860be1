"""The methods ``dataclasses`` writes for each record class, compiled once and kept between runs.

Making a dataclass writes out the source of its methods (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, and a frozen one's ``__setattr__``
and ``__delattr__``) and compiles each. sitegen makes some fifty record
classes as it starts, and compiling their methods was a large share of
what every command spent importing (BENCHMARKS.md, "The cold one-edit
build, fourth pass").

``dataclasses`` hands each source text to the built-in ``exec``. ``install``
gives the dataclasses module an ``exec`` of its own (a module's globals are
looked in before the built-ins) that compiles a text it has not seen, as the
built-in would, and keeps the code in sitegen's cache folder
(core/cache_folder.py), one file per Python version: the next process reads
the code back instead of compiling it, as Python does with ``.pyc`` files
(and, as with them, whoever may write the cache folder may change the code
run). The same text compiled the same way is the same code, so the classes
are the same (tests/test_adapters.py compares them with the plain way's).
Taken only when the switch is on (core/fast_paths.py) and on the Python
releases it was written for; a file that cannot be read or written is no cache.
"""

from __future__ import annotations

import atexit
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

from sitegen.core import fast_paths
from sitegen.core.cache_folder import cache_root

WRITTEN_FOR = ((3, 11),)  # releases whose dataclasses compile each method from a text with ``exec``
MAX_KEPT = 5_000  # source texts in one file; past this it starts again with this run's new ones


class KeptCode:
    """Source text → the code compiled from it, read from ``path``; ``save`` writes it back when
    this process compiled new ones."""

    def __init__(self, path: Path):
        self.path = path
        self.known = _read(path)
        self.new: dict[str, CodeType] = {}

    def run(self, source, globals=None, locals=None) -> None:
        """``exec(source, globals, locals)``, a source text's code compiled once."""
        if isinstance(source, str):
            code = self.known.get(source)
            if type(code) is not CodeType:
                # as the built-in compiles it: nothing inherited from this module (its
                # ``from __future__ import annotations`` would change the methods' annotations)
                code = self.new[source] = compile(source, "<string>", "exec", dont_inherit=True)
            source = code
        exec(source, globals, locals)

    def save(self) -> None:
        if not self.new:
            return
        kept = {**self.known, **self.new} if len(self.known) + len(self.new) <= MAX_KEPT else self.new
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            temp.write_bytes(marshal.dumps(kept))
            os.replace(temp, self.path)
        except OSError:
            temp.unlink(missing_ok=True)


_installed: KeptCode | None = None


def install() -> None:
    """From here on, the dataclasses this process makes take their methods' code from the cache."""
    global _installed
    if _installed is not None or not fast_paths.enabled() or sys.version_info[:2] not in WRITTEN_FOR:
        return
    try:
        folder = cache_root() / "dataclasses"
    except RuntimeError:  # no home folder to be found
        return
    _installed = KeptCode(folder / f"{sys.implementation.cache_tag}-{sys.hexversion:x}-O{sys.flags.optimize}.marshal")
    dataclasses.exec = _installed.run
    atexit.register(_installed.save)


def _read(path: Path) -> dict:
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # none yet, unreadable, cut short
        return {}
    return kept if isinstance(kept, dict) else {}
