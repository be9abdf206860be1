"""Static assets: copied into the site under content-hashed names, if they may be (publishable.py).

A fingerprinted name ("style.3f2a9c01de.css") changes whenever the file does,
so hosts can cache assets forever and readers never see a stale stylesheet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from sitegen.core.diagnostics import SitegenError
from sitegen.archive.publishable import publish_problem
from sitegen.core.sourcefiles import outside_archive


EDITOR_LEFTOVERS = ("~", ".swp", ".swo", ".bak", ".orig")


@dataclass(frozen=True)
class Asset:
    source: Path
    output: str  # path inside the site, e.g. "assets/style.3f2a9c01de.css"


@dataclass(frozen=True)
class Assets:
    files: Mapping[str, Asset]  # name relative to assets/ → asset

    def output_of(self, name: str) -> str:
        try:
            return self.files[name].output
        except KeyError:
            known = ", ".join(sorted(self.files)) or "none"
            raise LookupError(f'no asset "{name}" in assets/ (known: {known})') from None


def collect_assets(assets_dir: Path, root: Path | None = None, problems: list | None = None) -> Assets:
    """Every file under assets/; ``root`` is the archive links may not leave. Files that may
    not be published are an error, raised, or added to ``problems`` when a list is given."""
    root = root or assets_dir
    files = {}
    found: list = []
    if assets_dir.is_dir():
        for path in sorted(p for p in assets_dir.rglob("*") if p.is_file() or p.is_symlink()):
            name = path.relative_to(assets_dir).as_posix()
            if any(part.startswith(".") for part in name.split("/")) or name.endswith(EDITOR_LEFTOVERS):
                continue  # .DS_Store, editors' swap and backup files
            if path.is_symlink() and (problem := outside_archive(path, root)):
                found.append(problem)
                continue
            if (problem := publish_problem(path, name)) is not None:
                found.append(problem)
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            stem, dot, suffix = name.rpartition(".")
            hashed = f"{stem}.{digest}.{suffix}" if dot and "/" not in suffix else f"{name}.{digest}"
            files[name] = Asset(path, f"assets/{hashed}")
    if found and problems is None:
        raise SitegenError(found)
    if problems is not None:
        problems += found
    return Assets(MappingProxyType(files))
