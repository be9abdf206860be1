"""A check's findings as text, as GitHub Actions annotations, or as JSON.

GitHub reads workflow commands from a step's output: one line per problem,
``::error file=PATH,line=N,title=…::message``, shown beside that line of the
pull request's diff. Values are escaped as the runner expects: ``%``, CR and
LF everywhere; ``:`` and ``,`` in properties too.
"""

from __future__ import annotations

import json
from typing import Iterable

from sitegen.core.diagnostics import Diagnostic, Severity, display_path

FORMATS = ("text", "github", "json")


def render(diagnostics: Iterable[Diagnostic], fmt: str, summary: str, counts: dict) -> str:
    diagnostics = list(diagnostics)
    if fmt == "json":
        return json.dumps({"problems": [as_json(d) for d in diagnostics], **counts},
                          ensure_ascii=False, indent=2) + "\n"
    lines = [github_line(d) if fmt == "github" else d.format() for d in diagnostics]
    return "".join(line + "\n" for line in (*lines, summary))


def github_line(diagnostic: Diagnostic) -> str:
    command = "error" if diagnostic.severity is Severity.ERROR else "warning"
    properties = [f"file={_property(display_path(diagnostic.path))}"]
    if diagnostic.line:
        properties.append(f"line={diagnostic.line}")
    properties.append("title=sitegen check")
    message = diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")
    return f"::{command} {','.join(properties)}::{_data(message)}"


def as_json(diagnostic: Diagnostic) -> dict:
    return {
        "path": display_path(diagnostic.path),
        "line": diagnostic.line,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "related": display_path(diagnostic.related) if diagnostic.related else None,
    }


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
