"""Typed reading of YAML mappings, collecting diagnostics with lines.

A ``Fields`` wraps one YAML mapping (a config file, a registry entry, an
article's front-matter) and hands out typed values. A wrong type or a bad
value is recorded as a diagnostic at the value's own line and a neutral
default is returned, so one pass reports every problem in the file.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from sitegen.core.characters import HINT, forbidden_in, named
from sitegen.core.diagnostics import Diagnostic, error
from sitegen.core.ids import SLUG, closest, did_you_mean, slugify
from sitegen.core.yamldoc import YamlDocument, key_text

LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class Fields:
    def __init__(self, doc: YamlDocument, path: Path | str, prefix: tuple = (),
                 diagnostics: list[Diagnostic] | None = None):
        self.doc = doc
        self.path = path
        self.prefix = prefix
        self.diagnostics = diagnostics if diagnostics is not None else []
        value = doc.data
        for step in prefix:
            value = value[step]
        self.data = value if isinstance(value, dict) else {}
        self.suggested: set[str] = set()  # keys a typo was taken for: not "missing" too

    # -- reporting ----------------------------------------------------------

    def line(self, *path: Any) -> int | None:
        return self.doc.line_of(*self.prefix, *path)

    def fail(self, key_path: tuple, message: str, hint: str = "") -> None:
        self.diagnostics.append(error(self.path, self.line(*key_path), message, hint))

    def where(self, key: str) -> str:
        return ".".join(str(p) for p in (*self.prefix, key) if isinstance(p, str))

    def key_line(self, key: Any) -> int | None:
        return self.doc.key_line(*self.prefix, key)

    def reject_unknown(self, allowed: Iterable[str], hint: str = "") -> None:
        allowed = list(allowed)
        for key in self.data:
            if key not in allowed:
                close = closest(str(key), allowed)
                if close:
                    self.suggested.add(close)
                    text = did_you_mean(str(key), [close]) + (f" Otherwise {hint}" if hint else "")
                else:
                    text = hint or f"known keys: {', '.join(allowed)}"
                self.diagnostics.append(error(self.path, self.key_line(key),
                                              f'unknown key "{key_text(key)}"', text))

    # -- typed values ----------------------------------------------------------

    def text(self, key: str, required: bool = False, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required and key in self.data:
                self.diagnostics.append(error(self.path, self.key_line(key),
                                              f'"{self.where(key)}" is empty', "give it a value"))
            elif required and key not in self.suggested:
                self.fail((), f'missing required key "{self.where(key)}"',
                          f'add a line "{key}: …"')
            return default
        if isinstance(value, (dict, list, bool)):
            self.fail((key,), f'"{self.where(key)}" must be text, not {_kind(value)}')
            return default
        text = str(value).strip()
        if required and not text:
            self.fail((key,), f'"{self.where(key)}" is empty')
        if not text and not required:
            return default  # an optional key left blank (as web editors save it) is not given
        if not self._printable(text, (key,)):
            return default
        return text

    def _printable(self, text: str, key_path: tuple) -> bool:
        found = forbidden_in(text)
        if found:
            self.fail(key_path, f'"{self.where(str(key_path[0]))}" holds the control character '
                                f'{named(found.group())}, which no page or feed can show', HINT)
        return found is None

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail((key,), f'"{self.where(key)}" must be true or false, not "{value}"')
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(key)
        if value is not None and value not in choices:
            self.fail((key,), f'"{self.where(key)}" must be one of {", ".join(choices)}, not "{value}"')
            return None
        return value

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail((key,), f'"{self.where(key)}" must be a whole number ≥ {minimum}, not "{value}"')
            return default
        return value

    def value(self, key: str) -> Any:
        """The raw value; a blank string (an optional field a web editor left empty) is None."""
        value = self.data.get(key)
        return None if isinstance(value, str) and not value.strip() else value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.value(key)
        if value is None:
            return ()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]  # "topics: peacekeeping" means a list of one
        if not isinstance(value, list):
            self.fail((key,), f'"{self.where(key)}" must be a list, not {_kind(value)}')
            return ()
        items = []
        for i, item in enumerate(value):
            if item is None or isinstance(item, (dict, list, bool)):
                self.fail((key, i), f'"{self.where(key)}" item {i + 1} must be text, not {_kind(item)}')
                continue
            if self._printable(str(item), (key, i)):
                items.append(str(item).strip())
        return tuple(items)

    def id_list(self, key: str) -> tuple[str, ...]:
        ids = []
        for i, value in enumerate(self.text_list(key)):
            if self.check_id(value, (key, i)):
                ids.append(value)
        return tuple(_unique(ids))

    def check_id(self, value: str, key_path: tuple) -> bool:
        if SLUG.match(value):
            return True
        suggestion = slugify(value)
        hint = f'ids are lowercase ASCII slugs, like "{suggestion}"' if suggestion else \
            "ids are lowercase ASCII slugs of the English name"
        self.fail(key_path, f'"{value}" is not a valid id', hint)
        return False

    def language(self, key: str, default: str | None = None) -> str | None:
        value = self.text(key)
        if value is None:
            return default
        if not LANGUAGE.match(value):
            self.fail((key,), f'"{value}" is not a language code', 'use an ISO 639-1 code such as "en" or "ru"')
            return default
        return value

    def iso_date(self, key: str, required: bool = False) -> date | datetime | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        return parse_date(value, lambda message, hint: self.fail((key,), message, hint))


def parse_date(value: str, fail) -> date | datetime | None:
    """Parse an ISO date, or a datetime that carries its UTC offset."""
    hint = "write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+HH:MM"
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)", value):
        fail(f'"{value}" is not a date', hint)
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        reason = str(exc)
        if re.match(r"^\d{4}-\d{2}-\d{2}$", value) or "range" in reason or "must be in" in reason:
            fail(f'impossible date "{value}": {reason}', "use a real calendar date")
        else:
            fail(f'"{value}" is not a date', hint)
        return None
    if parsed.tzinfo is None:
        fail(f'date and time "{value}" has no UTC offset',
             'add one, e.g. "+04:00" or "Z", or give the date alone')
        return None
    return parsed


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    return f'"{value}"'


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if not (v in seen or seen.add(v))]
