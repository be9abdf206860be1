"""One fingerprint of everything a build reads, from file names, sizes and mtimes.

Like make, this trusts mtimes: an edit that keeps a file's size and mtime
is not seen (``sitegen build --full`` always is). It costs one directory walk,
so a build with nothing to do can stop before parsing anything; ``sitegen
build`` starts that walk in a child process before it imports the rest
(input_walk.py).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sitegen import __version__
from sitegen.build.input_walk import WalkAhead, walk_inputs, walk_lines
from sitegen.core.config import CONFIG_FILE, Config
from sitegen.core.file_stats import FileStat


def input_stamp(config: Config, *options: object,
                ahead: WalkAhead | None = None) -> tuple[str, dict[str, FileStat]]:
    """The fingerprint, and every file seen (path → FileStat): nothing is listed or stat'ed
    twice (archive/load.py takes the articles from it). ``ahead``: a walk of the config's
    root begun already (input_walk.py)."""
    root = str(config.root)
    files_digest, seen = ahead.result() if ahead is not None and ahead.root == root else walk_inputs(root)
    text = f"{__version__}\n{config!r}\n{options!r}\n{files_digest}\n{_describe(str(config.root / CONFIG_FILE))}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(), seen


def _describe(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}: unreadable\n"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}\n"


def folder_signature(folder: Path) -> str:
    """Names, sizes and mtimes of every file below ``folder``."""
    return "".join(walk_lines(str(folder)))


class Memo:
    """One remembered value, kept while the signature of its inputs is unchanged."""

    def __init__(self):
        self.signature: str | None = None
        self.value = None

    def get(self, signature: str, compute):
        if signature != self.signature:
            self.value = compute()
            self.signature = signature
        return self.value
