"""Building small archives in a temporary folder, for tests.

A test archive holds only its own site.yaml and content/; the repository's
templates/ and assets/ are copied beside it so tests exercise the real theme.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.build.engine import build
from sitegen.core.config import load_config

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"


def make_archive(source: Path, target: Path) -> Path:
    """Copy an archive's content into ``target`` with the repo's theme."""
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected", "build"))
    for folder in ("templates", "assets"):
        if not (target / folder).exists():
            shutil.copytree(REPO / folder, target / folder)
    return target


def build_archive(root: Path, out: Path | None = None, **options) -> Path:
    out = out or root / "build"
    build(load_config(root), out, **options)
    return out


def site_files(out: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}
