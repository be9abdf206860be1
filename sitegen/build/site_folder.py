"""Writing a site's files into a folder nobody reads yet: the build's only writer of pages.

The engine hands this stage a copy of the site that no reader sees (the
output folder's spare copy, output_folder.py) and makes it the live one when
every file is in. So a file is never changed where a reader could see it
half-written, and a file shared with the live copy (a hard link) is never
written in place: changed files are written to a temporary name and renamed
over the old one. Files and folders get the permissions the user's umask
allows, as other tools' files do.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from itertools import islice
from pathlib import Path
from typing import Iterable

from sitegen.archive.assets import Assets
from sitegen.build import fault_points

# Pages taken from the renderer before any of them is written. Rendering a page and
# writing it in turn, the file system's code and data push the renderer's out of the CPU's
# caches and back (and the other way round). A batch of article pages is a few megabytes.
WRITE_BATCH = 256


def file_mode() -> int:
    """0o666 less the process's umask, as open() would create a file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_files(folder: Path, outputs: Iterable[tuple[str, bytes]]) -> int:
    """Write outputs (paths relative to ``folder``, with "/") into an empty folder,
    ``WRITE_BATCH`` at a time. Paths stay strings: a pathlib object per page costs
    more than its system calls."""
    made: set[str] = set()
    root = os.fspath(folder)
    count = 0
    outputs = iter(outputs)
    while batch := list(islice(outputs, WRITE_BATCH)):
        for rel_path, data in batch:
            parent, _, _ = rel_path.rpartition("/")
            if parent not in made:
                _make_folder(os.path.join(root, parent))
                made.add(parent)
            _write_new(os.path.join(root, rel_path), data)
        count += len(batch)
        fault_points.reached("pages-written")
    return count


def replace_files(folder: Path, outputs: Iterable[tuple[str, bytes]]) -> list[str]:
    """Write each output over whatever ``folder`` holds at its path; the paths written."""
    written = []
    for rel_path, data in outputs:
        replace(folder / rel_path, data)
        written.append(rel_path)
    return written


def remove_files(folder: Path, rel_paths: Iterable[str]) -> list[str]:
    """Delete these files (those there are) and the folders they leave empty; the paths removed."""
    removed = []
    for rel_path in rel_paths:
        target = folder / rel_path
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(rel_path)
        _prune_empty_folders(target.parent, folder)
    return removed


def copy_assets(folder: Path, assets: Assets, only_missing: bool = False) -> list[str]:
    """Copy the assets in under their fingerprinted names; the paths written."""
    written = []
    for asset in assets.files.values():
        target = folder / asset.output
        if only_missing and target.exists():
            continue  # a fingerprinted name: the same name is the same bytes
        target.parent.mkdir(parents=True, exist_ok=True)
        fault_points.may_write()
        replace(target, asset.source.read_bytes())
        written.append(asset.output)
    return written


def sync_folder(source: Path, target: Path, last: str = "") -> tuple[list[str], list[str]]:
    """Make ``target`` hold exactly ``source``'s files; (paths written, paths removed),
    relative to ``target``. Only files whose bytes differ are written; the file named
    ``last`` goes after the others (an index's entry point); stale files go at the end."""
    names = sorted((p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()),
                   key=lambda name: (name == last, name))
    written = []
    for name in names:
        data = (source / name).read_bytes()
        old = target / name
        if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
            continue
        replace(old, data)
        written.append(name)
    keep = set(names)
    stale = [p.relative_to(target).as_posix() for p in target.rglob("*")
             if p.is_file() and p.relative_to(target).as_posix() not in keep]
    return written, remove_files(target, stale)


def replace(target: Path, data: bytes) -> None:
    """Write ``target`` anew under a temporary name, then rename it into place."""
    fault_points.may_write()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, file_mode())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def empty_folder(folder: Path) -> None:
    """``folder`` made new and empty (whatever was there is deleted)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)


def _prune_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent


def _make_folder(path: str) -> None:
    """``os.makedirs(path, exist_ok=True)`` that tries the folder itself first: a page's
    folder is new, its parent usually not (makedirs would stat the parent every time)."""
    try:
        os.mkdir(path)
    except FileNotFoundError:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(path):
            raise


def _write_new(target: str, data: bytes) -> None:
    """Write a file in a folder nobody reads yet: plain system calls (no buffered file
    object, which costs more than the write itself for a page of a few kilobytes)."""
    fault_points.may_write()
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)
