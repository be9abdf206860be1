"""Which source files sitegen may read.

Content arrives in pull requests. A symbolic link in one (``assets/key ->
~/.ssh/id_rsa``) would otherwise publish whatever it points at, so a file
whose real location is outside the archive is refused.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.core.diagnostics import Diagnostic, error


def outside_archive(path: Path, root: Path) -> Diagnostic | None:
    """A diagnostic if ``path`` really lives outside ``root`` (through a link)."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling or looping link
        return error(path, None, "is a symbolic link that leads nowhere", "remove the link")
    if real.is_relative_to(root.resolve()):
        return None
    return error(path, None, "is a symbolic link to a file outside the archive",
                 "replace the link with the file itself")


def links_out_of(folder: Path, root: Path) -> list[Diagnostic]:
    """A diagnostic for every file or folder below ``folder`` that links out of ``root``."""
    problems = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_symlink() and (problem := outside_archive(path, root)):
            problems.append(problem)
    return problems
