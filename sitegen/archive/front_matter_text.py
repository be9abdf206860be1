"""Front-matter written as text, keys in the contract's order (contract.py).

``sitegen ingest`` and ``sitegen new`` write their files with it, so what
they write is what the reader accepts, in the order curators are used to.
Text is written as YAML double-quoted scalars (JSON's string syntax is a
subset of them), with the characters YAML does not allow in a file as
escapes; ids, codes, choices and dates are written plain. A value of None is
written ``null``; a key not given is not written at all.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any, Mapping

from sitegen.archive.contract import BY_NAME, NAMES

FENCE = "---"
# Outside YAML's printable set, or a line break to YAML (NEL, LS, PS): written as escapes.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
QUOTED_SOURCE_PARTS = ("url", "archived", "file")  # the other parts are ids and digests, written plain
# A plain word YAML would read as something other than text: quoted instead.
_NOT_TEXT = re.compile(r"^(?:[-+]?[0-9][0-9_.eE:+-]*|true|false|null|~|yes|no|on|off|)$", re.IGNORECASE)


def front_matter_text(values: Mapping[str, Any]) -> str:
    """The front-matter block, fences included, for ``values`` (contract key → value)."""
    unknown = set(values) - set(NAMES)
    if unknown:
        raise ValueError(f"not in the front-matter contract: {', '.join(sorted(unknown))}")
    lines = [FENCE]
    for name in NAMES:
        if name in values:
            lines += _lines(name, values[name])
    lines.append(FENCE)
    return "\n".join(lines) + "\n"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as ``text``."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _lines(name: str, value: Any) -> list[str]:
    kind = BY_NAME[name].kind
    if kind == "speakers":
        return _speakers(value)
    if kind == "source":
        return [f"{name}:", *(f"  {part}: {_source_part(part, value.get(part))}" for part in BY_NAME[name].parts
                              if part in value)]
    if kind in ("notes", "translated quotes"):
        return [f"{name}:", *(f"  - {quoted(note)}" for note in value)] if value else [f"{name}: []"]
    return [f"{name}: {_scalar(kind, value)}"]


def _scalar(kind: str, value: Any) -> str:
    if value is None:
        return "null"
    if kind == "text":
        return quoted(value)
    if kind == "date":
        return _date(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("ids", "languages"):
        return f"[{', '.join(value)}]"
    if kind in ("choice", "language", "article id"):
        return _plain(str(value))
    raise ValueError(f"cannot write a {kind} value")


def _speakers(speakers) -> list[str]:
    """(id, role) pairs as ``- id: …`` items with the role, if any, under each."""
    if not speakers:
        return ["speakers: []"]
    lines = ["speakers:"]
    for speaker_id, role in speakers:
        lines.append(f"  - id: {speaker_id}")
        if role:
            lines.append(f"    role: {quoted(role)}")
    return lines


def _source_part(part: str, value: str | None) -> str:
    if value is None:
        return "null"
    return quoted(value) if part in QUOTED_SOURCE_PARTS else _plain(value)


def _plain(value: str) -> str:
    return quoted(value) if _NOT_TEXT.match(value) else value


def _date(value: date | datetime) -> str:
    if isinstance(value, datetime) and not (value.second or value.microsecond):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
