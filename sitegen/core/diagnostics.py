"""Diagnostics and the one exception type the CLI turns into a message (and ``StateDamaged``).

Every problem with the user's input is a ``Diagnostic`` that names the file,
the line and what to do about it. Stages collect diagnostics rather than
stopping at the first one, so a contributor sees every mistake in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    related: str = ""  # the other file of a pair problem (a clash, a near-duplicate), absolute

    def format(self) -> str:
        """``path:line: message (hint)``, the path as seen from the working folder now."""
        shown = display_path(self.path)
        where = f"{shown}:{self.line}" if self.line else shown
        text = f"{where}: {self.message}"
        if self.severity is Severity.WARNING:
            text = f"{where}: warning: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_error(self) -> "Diagnostic":
        return Diagnostic(self.path, self.line, self.message, self.hint, Severity.ERROR, self.related)


class StateDamaged(Exception):
    """Not a problem with the input: what the last build kept could not be read back. The
    build engine then builds afresh; code that reports any exception as a problem of a page
    or a template lets this one through."""


class SitegenError(Exception):
    """One or more diagnostics that stop the current command."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def error(path: Path | str, line: int | None, message: str, hint: str = "",
          related: Path | str = "") -> Diagnostic:
    return Diagnostic(_absolute(path), line, message, hint, Severity.ERROR,
                      _absolute(related) if related else "")


def warning(path: Path | str, line: int | None, message: str, hint: str = "",
            related: Path | str = "") -> Diagnostic:
    return Diagnostic(_absolute(path), line, message, hint, Severity.WARNING,
                      _absolute(related) if related else "")


def _absolute(path: Path | str) -> str:
    """Kept absolute, so a diagnostic replayed later (from the build state) still
    names the right file whatever the working folder is then."""
    text = str(path)
    return text if text.startswith("-") else str(Path(text).absolute())


def display_path(path: Path | str) -> str:
    """Show paths relative to the working directory when they are inside it."""
    path = Path(path)
    try:  # resolve the folder, not the file: a symlinked file keeps its own name
        return (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
