"""What a walk over the archive's files keeps of each: its size, mtime and whether it is a link.

Plain tuples, so that a child process hands ten thousand of them over at
little cost (build/input_walk.py), and the survey of articles reads them as
they are (archive/load.py).
"""

from __future__ import annotations

import os

FileStat = tuple  # (size, mtime in ns, is a symbolic link); size and mtime are None if it could not be stat'ed


def file_stat(entry: os.DirEntry) -> FileStat:
    linked = entry.is_symlink()
    try:
        stat = entry.stat()
    except OSError:
        return (None, None, linked)
    return (stat.st_size, stat.st_mtime_ns, linked)
