"""One fingerprint of everything a build reads, from file names, sizes and mtimes.

Like make, this trusts mtimes: an edit that keeps a file's size and mtime
is not seen (``sitegen build --full`` always is). It costs one directory walk,
so a build with nothing to do can stop before parsing anything.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sitegen import __version__
from sitegen.core.config import CONFIG_FILE, Config


def input_stamp(config: Config, *options: object) -> tuple[str, dict[str, os.DirEntry]]:
    """The fingerprint, and every file seen, as ``os.scandir`` found it: each entry keeps its
    stat, so nothing is listed or stat'ed twice (archive/load.py takes the articles from it)."""
    lines = [f"{__version__}\n{config!r}\n{options!r}\n"]
    seen: dict[str, os.DirEntry] = {}
    articles = config.content_dir / "articles"
    # The walk does not follow linked folders (no cycles), but the articles' folder is read
    # wherever a link leads (archive/load.py), so its files are walked there too.
    linked = (articles,) if articles.is_symlink() and articles.is_dir() else ()
    for top in (config.content_dir, *linked, config.templates_dir, config.assets_dir):
        lines += _walk(str(top), seen)
    lines.append(_describe(str(config.root / CONFIG_FILE)))
    return hashlib.blake2b("".join(lines).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(), seen


def _walk(folder: str, seen: dict | None = None) -> list[str]:
    """One line per file below ``folder`` (name order, depth first), or one saying there is none."""
    lines: list[str] = []
    _walk_into(folder, seen, lines)
    return lines


def _walk_into(folder: str, seen: dict | None, lines: list[str]) -> None:
    # The one loop every build makes over every file: kept to a stat and a line each, with
    # no generator per folder or call per file (BENCHMARKS.md, "third pass").
    try:
        entries = sorted(os.scandir(folder), key=_name)
    except (FileNotFoundError, NotADirectoryError):
        lines.append(f"{folder}: none\n")
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk_into(entry.path, seen, lines)
            continue
        path = entry.path
        if seen is not None:
            seen[path] = entry
        try:
            stat = entry.stat()
            if entry.is_symlink():  # a link led elsewhere, to a file of the same size and time, is a change too
                lines.append(f"{path} -> {os.readlink(path)} {stat.st_size} {stat.st_mtime_ns}\n")
                continue
        except OSError:
            lines.append(f"{path}: unreadable\n")
            continue
        lines.append(f"{path} {stat.st_size} {stat.st_mtime_ns}\n")


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _describe(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}: unreadable\n"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}\n"


def folder_signature(folder: Path) -> str:
    """Names, sizes and mtimes of every file below ``folder``."""
    return "".join(_walk(str(folder)))


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
