"""The only stage that touches the output folder.

A full build writes the site into a temporary sibling folder and swaps it in
with two renames once every file is written, so a failed build leaves the
previous site as it was and a reader never sees a mix of old and new pages.

An incremental build changes only some files of the existing folder. Every
page is rendered before the first file is touched (so a failing template
changes nothing), then each file is written to a temporary name and renamed
over the old one. The folder's marker is cleared first and set again last:
an interrupted update leaves no marker, which makes the next build a full one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from itertools import islice
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from sitegen.archive.assets import Assets
from sitegen.core.diagnostics import SitegenError, error


MARKER = ".sitegen-build"  # in every output folder sitegen makes: "built by sitegen" + build id


def marker_text(build_id: str) -> str:
    return f"built by sitegen; this folder is replaced on every build\nbuild {build_id}\n"


def marker_build_id(out_dir: Path) -> str | None:
    try:
        text = (out_dir / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():
        if line.startswith("build "):
            return line[len("build "):].strip()
    return None


def write_site(out_dir: Path, outputs: Iterable[tuple[str, bytes]], assets: Assets,
               build_id: str = "") -> int:
    """Write every output and asset, then swap the new site in. Returns files written."""
    with staged_site(out_dir, build_id) as staging:
        return write_files(staging, outputs) + copy_assets(staging, assets)


@contextmanager
def staged_site(out_dir: Path, build_id: str) -> Iterator[Path]:
    """A fresh folder to fill; swapped in for ``out_dir`` only if the block succeeds."""
    out_dir = out_dir.resolve()
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        yield staging
        (staging / MARKER).write_text(marker_text(build_id))
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def update_site(out_dir: Path, outputs: list[tuple[str, bytes]], removed: Iterable[str],
                assets: Assets, old_assets: Iterable[str], build_id: str,
                then: Callable[[], tuple[int, int]] | None = None) -> tuple[int, int]:
    """Rewrite changed files in place, prune removed ones. Returns (written, removed).

    ``then`` runs after the pages are written and before the marker is set
    again (the search index, made from the new pages): if it fails, the
    next build is a full one.
    """
    marker = out_dir / MARKER
    marker.write_text("built by sitegen; update in progress\n")
    written = 0
    for rel_path, data in outputs:
        _replace(out_dir / rel_path, data)
        written += 1
    current = {asset.output for asset in assets.files.values()}
    for asset in assets.files.values():
        target = out_dir / asset.output
        if not target.exists():
            _replace(target, asset.source.read_bytes())
            written += 1
    gone = [path for path in (*removed, *(a for a in old_assets if a not in current))]
    for rel_path in gone:
        target = out_dir / rel_path
        target.unlink(missing_ok=True)
        _prune_empty_folders(target.parent, out_dir)
    pruned = len(gone)
    if then is not None:
        more_written, more_pruned = then()
        written, pruned = written + more_written, pruned + more_pruned
    marker.write_text(marker_text(build_id))
    return written, pruned


def sync_folder(source: Path, target: Path, last: str = "") -> tuple[int, int]:
    """Make ``target`` hold exactly ``source``'s files; returns (written, removed).

    Only files whose bytes differ are written, each atomically; the file
    named ``last`` goes after the others (an index's entry point, so a
    reader never sees it name files not there yet); stale files go at the end.
    """
    names = sorted((p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()),
                   key=lambda name: (name == last, name))
    written = 0
    for name in names:
        data = (source / name).read_bytes()
        old = target / name
        if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
            continue
        _replace(old, data)
        written += 1
    keep = set(names)
    stale = [p for p in target.rglob("*") if p.is_file() and p.relative_to(target).as_posix() not in keep]
    for path in stale:
        path.unlink()
        _prune_empty_folders(path.parent, target)
    return written, len(stale)


def _replace(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune_empty_folders(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and folder.is_relative_to(out_dir):
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent


# Pages taken from the renderer before any of them is written. Rendering a page and
# writing it in turn, the file system's code and data push the renderer's out of the CPU's
# caches and back (and the other way round). A batch of article pages is a few megabytes.
WRITE_BATCH = 256


def write_files(staging: Path, outputs: Iterable[tuple[str, bytes]]) -> int:
    """Write outputs (paths relative to ``staging``, with "/") into a staging folder (which
    nobody reads yet), ``WRITE_BATCH`` at a time. Paths stay strings: a pathlib object per
    page costs more than its system calls."""
    made: set[str] = set()
    root = os.fspath(staging)
    count = 0
    outputs = iter(outputs)
    while batch := list(islice(outputs, WRITE_BATCH)):
        for rel_path, data in batch:
            folder, _, _ = rel_path.rpartition("/")
            if folder not in made:
                _make_folder(os.path.join(root, folder))
                made.add(folder)
            _write_new(os.path.join(root, rel_path), data)
        count += len(batch)
    return count


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
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def copy_assets(staging: Path, assets: Assets) -> int:
    for asset in assets.files.values():
        target = staging / asset.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)
    return len(assets.files)


def _check_replaceable(out_dir: Path) -> None:
    """Never delete a folder sitegen did not make (say, --out pointing at content/)."""
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir())
                                                      and not (out_dir / MARKER).exists())):
        raise SitegenError(error(out_dir, None,
                                 "the output folder exists and was not made by sitegen",
                                 "choose another --out, or empty or remove this folder yourself"))


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    os.replace(out_dir, retired / "site")
    os.replace(staging, out_dir)
    shutil.rmtree(retired, ignore_errors=True)
