"""The walk over every input file that fingerprints a build (input_stamp.py): in this process,
or begun ahead in a child.

``sitegen build`` forks the child before it imports Jinja, markdown-it,
PyYAML and the build engine, so the walk's stat of every file (10,000 at
10k items) runs on another core while the parent imports, instead of after
(BENCHMARKS.md, "The cold one-edit build, fourth pass"). The child hands
its result back in an unnamed file, marshalled (plain tuples: core/file_stats.py).
Whatever goes wrong there, the parent walks itself.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import signal
import sys
import tempfile
from typing import IO

from sitegen.core.file_stats import FileStat, file_stat

INPUT_FOLDERS = ("content", "templates", "assets")  # below the archive's folder (core/config.py)
Walked = tuple  # (digest of every file's name, size and mtime; file path → FileStat)


def walk_inputs(root: str) -> Walked:
    """Every file below the archive's input folders: a digest of their names, sizes and mtimes
    (and where links lead), and each file's FileStat."""
    seen: dict[str, FileStat] = {}
    lines: list[str] = []
    content, templates, assets = (os.path.join(root, name) for name in INPUT_FOLDERS)
    articles = os.path.join(content, "articles")
    # The walk does not follow linked folders (no cycles), but the articles' folder is read
    # wherever a link leads (archive/load.py), so its files are walked there too.
    linked = (articles,) if os.path.islink(articles) and os.path.isdir(articles) else ()
    for top in (content, *linked, templates, assets):
        _walk_into(top, seen, lines)
    return hashlib.blake2b("".join(lines).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(), seen


def walk_lines(folder: str) -> list[str]:
    """One line per file below ``folder`` (name order, depth first), or one saying there is none."""
    lines: list[str] = []
    _walk_into(folder, {}, lines)
    return lines


def _walk_into(folder: str, seen: dict[str, FileStat], lines: list[str]) -> None:
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
        seen[path] = stat = file_stat(entry)
        size, mtime_ns, linked = stat
        if size is None:
            lines.append(f"{path}: unreadable\n")
            continue
        if linked:  # a link led elsewhere, to a file of the same size and time, is a change too
            try:
                lines.append(f"{path} -> {os.readlink(path)} {size} {mtime_ns}\n")
            except OSError:
                lines.append(f"{path}: unreadable\n")
            continue
        lines.append(f"{path} {size} {mtime_ns}\n")


def _name(entry: os.DirEntry) -> str:
    return entry.name


class WalkAhead:
    """``walk_inputs(root)``, begun in a child process when made (where one can be forked).

    ``result()`` waits for it; leaving the ``with`` block ends a child whose result
    nobody asked for (the command failed before its build began).
    """

    def __init__(self, root: str):
        self.root = root
        self._child: tuple[int, IO[bytes]] | None = None  # (process id, the file it writes its result to)
        threads = sys.modules.get("threading")
        # A process with threads is not forked: the child could inherit a lock some thread holds.
        if not hasattr(os, "fork") or (threads is not None and threads.active_count() > 1):
            return
        try:
            # An unnamed file rather than a pipe: the child writes its result (as large as the
            # archive) whole and ends, instead of waiting for the parent to read each pipe's worth.
            handout = tempfile.TemporaryFile()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:
            _walk_in_child(root, handout)  # does not return
        self._child = (pid, handout)

    def result(self) -> Walked:
        """The child's walk, or (if there is no child, or it failed) one made here and now."""
        if self._child is not None:
            pid, handout = self._child
            self._child = None
            with handout:
                _, status = os.waitpid(pid, 0)
                if status == 0:
                    handout.seek(0)
                    try:
                        return marshal.loads(handout.read())
                    except (EOFError, ValueError, TypeError):
                        pass
        return walk_inputs(self.root)

    def __enter__(self) -> "WalkAhead":
        return self

    def __exit__(self, *exc_info) -> None:
        if self._child is not None:
            pid, handout = self._child
            self._child = None
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            handout.close()


def _walk_in_child(root: str, handout: IO[bytes]) -> None:
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it quietly: the parent reports it
        handout.write(marshal.dumps(walk_inputs(root)))
        handout.flush()
        code = 0
    except BaseException:  # noqa: BLE001 - whatever it was, the parent walks itself
        pass
    finally:
        os._exit(code)  # no atexit handlers, no buffers of the parent's flushed twice
