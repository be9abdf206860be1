"""Files outside the expected layout of content/.

The build reads ``content/articles/**/*.md`` and the four registries; a file
anywhere else in content/ (but inbox/) is silently ignored by it. A
contributor who names a file ``.markdown`` or drops it in the wrong folder
deserves to hear so, and where it belongs:
``content/articles/YYYY/YYYY-MM-DD-<slug>.md``.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Iterable

from sitegen.archive.article import DATE_PREFIX
from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, warning
from sitegen.core.records import Article
from sitegen.core.registries import REGISTRY_FILES

CONTENT_FOLDERS = ("articles", "inbox")


def layout_problems(config: Config, articles: Iterable[Article]) -> list[Diagnostic]:
    """A warning for every file the build would ignore or that sits in the wrong folder."""
    dates = {a.path: a.day.isoformat() for a in articles}
    problems = list(_stray_content(config))
    for rel_path in _files_below(config.content_dir / "articles", "content/articles"):
        if not rel_path.endswith(".md"):
            problems.append(warning(config.root / rel_path, None,
                                    "is not read: articles are Markdown files ending in .md",
                                    "rename it to .md, or move it out of content/articles/"))
            continue
        expected = _expected_path(rel_path, dates.get(rel_path))
        if expected and expected != rel_path:
            problems.append(warning(config.root / rel_path, None,
                                    "is outside the expected layout content/articles/YYYY/YYYY-MM-DD-<slug>.md",
                                    f"move it to {expected}"))
    return problems


def _expected_path(rel_path: str, day: str | None) -> str | None:
    """Where the file belongs; None when its date is unknown (the file did not load)."""
    stem = PurePosixPath(rel_path).stem
    match = DATE_PREFIX.match(stem)
    if match:
        return f"content/articles/{match.group(1)}/{stem}.md"
    if day is None:
        return None
    return f"content/articles/{day[:4]}/{day}-{stem}.md"


def _stray_content(config: Config) -> list[Diagnostic]:
    """Files and folders at the top of content/ that the build does not read."""
    try:
        entries = sorted(os.scandir(config.content_dir), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    problems = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.name in CONTENT_FOLDERS if entry.is_dir() else entry.name in REGISTRY_FILES:
            continue
        known = ", ".join((*(f"{f}/" for f in CONTENT_FOLDERS), *REGISTRY_FILES))
        problems.append(warning(Path(entry.path), None, "is not read by sitegen",
                                f"content/ holds only {known}; move it elsewhere or delete it"))
    return problems


def _files_below(folder: Path, rel_prefix: str) -> list[str]:
    """Archive-relative paths of every file below ``folder``, hidden ones left out."""
    found = []
    for current, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        rel_folder = os.path.relpath(current, folder).replace(os.sep, "/")
        prefix = rel_prefix if rel_folder == "." else f"{rel_prefix}/{rel_folder}"
        found += [f"{prefix}/{name}" for name in files if not name.startswith(".")]
    return sorted(found)
