"""Archives for ingest tests: the shipped registries, an inbox, a fixed clock.

The raw files' modification time is pinned, so the placeholder year of an
undated capture (taken from it) is the same on every machine.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from sitegen.cli.main import main

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "tests" / "ingest" / "raw"
EXPECTED = REPO / "tests" / "ingest" / "expected"
CAPTURED = datetime(2024, 12, 31, 12, 0, tzinfo=timezone.utc).timestamp()


def archive(root: Path, raws: dict[str, bytes | str] | None = None) -> Path:
    """An archive at ``root`` with the shipped registries and the given inbox files."""
    (root / "content" / "inbox").mkdir(parents=True)
    (root / "content" / "articles").mkdir()
    for name in ("people.yaml", "topics.yaml", "places.yaml", "outlets.yaml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    for name, content in (raws or {}).items():
        put_raw(root, name, content)
    return root


def put_raw(root: Path, name: str, content: bytes | str) -> Path:
    path = root / "content" / "inbox" / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    os.utime(path, (CAPTURED, CAPTURED))
    return path


def ingest(root: Path, *args: str) -> int:
    return main(["--root", str(root), "ingest", *args])


def articles(root: Path) -> dict[str, str]:
    """Every article file under content/articles, by path relative to it."""
    base = root / "content" / "articles"
    return {p.relative_to(base).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(base.rglob("*.md"))}
