"""The only stage that touches the output folder.

The site is written into a temporary sibling folder and swapped in with two
renames once every file is written, so a failed build leaves the previous
site as it was, and a reader never sees a mix of old and new pages.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from sitegen.assets import Assets
from sitegen.errors import SitegenError, error

MARKER = ".sitegen-build"  # marks a folder sitegen may replace wholesale


def write_site(out_dir: Path, outputs: Iterable[tuple[str, bytes]], assets: Assets) -> int:
    """Write every output and asset, then swap the new site in. Returns files written."""
    out_dir = out_dir.resolve()
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        count = _fill(staging, outputs, assets)
        (staging / MARKER).write_text("built by sitegen; this folder is replaced on every build\n")
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _fill(staging: Path, outputs: Iterable[tuple[str, bytes]], assets: Assets) -> int:
    made: set[Path] = set()
    count = 0
    for rel_path, data in outputs:
        target = staging / rel_path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        count += 1
    for asset in assets.files.values():
        target = staging / asset.output
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)
        count += 1
    return count


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
