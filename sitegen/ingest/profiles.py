"""Outlet profiles: how to recognise a capture's outlet and read its page.

The profiles are data in content/outlets.yaml (each outlet's ``ingest:``
mapping); this module compiles them and checks them, so a bad regex is
reported with its line instead of failing mid-ingest. Lines every news site
shares (share buttons, "Read more:", tickers) are the generic profile in
``chrome.py`` and apply to every capture, known outlet or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.core.diagnostics import Diagnostic, error
from sitegen.core.records import Outlet
from sitegen.core.textfile import read_text
from sitegen.core.yamldoc import YamlSyntaxError, parse_yaml

_PATTERN_KEYS = ("match", "chrome_patterns", "capture_date", "date", "dateline")
KNOWN_KEYS = (*_PATTERN_KEYS, "chrome", "translations_line", "languages", "editions")


@dataclass(frozen=True)
class Profile:
    outlet_id: str | None      # None: the fallback for outlets nobody described
    name: str
    language: str | None = None
    match: tuple[re.Pattern, ...] = ()
    chrome: frozenset[str] = frozenset()
    chrome_patterns: tuple[re.Pattern, ...] = ()
    capture_date: tuple[re.Pattern, ...] = ()
    date: tuple[re.Pattern, ...] = ()
    dateline: tuple[re.Pattern, ...] = ()
    translations_line: re.Pattern | None = None
    languages: dict[str, str] = field(default_factory=dict)

    def score(self, text: str) -> int:
        """How many of the outlet's recognition patterns the capture matches."""
        return sum(1 for pattern in self.match if pattern.search(text))


FALLBACK = Profile(outlet_id=None, name="unknown outlet")


def compile_profiles(outlets, outlets_path: Path,
                     diagnostics: list[Diagnostic]) -> tuple[Profile, ...]:
    lines = _key_lines(outlets_path)
    profiles = []
    for outlet in outlets.values():
        profile = _compile(outlet, outlets_path, lines.get(outlet.id), diagnostics)
        if profile is not None:
            profiles.append(profile)
    return tuple(profiles)


def recognise(profiles: tuple[Profile, ...], text: str) -> Profile:
    """The outlet whose patterns the capture matches most; the fallback if none."""
    best, best_score = FALLBACK, 0
    for profile in profiles:
        score = profile.score(text)
        if score > best_score:
            best, best_score = profile, score
    return best


def _compile(outlet: Outlet, path: Path, line: int | None,
             diagnostics: list[Diagnostic]) -> Profile | None:
    data = dict(outlet.ingest)
    problems_before = len(diagnostics)
    where = f'outlet "{outlet.id}"'
    for key in data:
        if key not in KNOWN_KEYS:
            diagnostics.append(error(path, line, f'{where}: unknown ingest key "{key}"',
                                     "known keys: " + ", ".join(KNOWN_KEYS)))
    compiled = {key: _patterns(data.get(key), f"{where} ingest.{key}", path, line, diagnostics)
                for key in _PATTERN_KEYS}
    translations = _patterns(data.get("translations_line"), f"{where} ingest.translations_line",
                             path, line, diagnostics)
    chrome = data.get("chrome") or []
    languages = data.get("languages") or {}
    if not isinstance(chrome, list) or not all(isinstance(item, str) for item in chrome):
        diagnostics.append(error(path, line, f"{where}: ingest.chrome must be a list of lines"))
        chrome = []
    if not isinstance(languages, dict):
        diagnostics.append(error(path, line, f"{where}: ingest.languages must map names to codes"))
        languages = {}
    if len(diagnostics) > problems_before:
        return None
    return Profile(
        outlet_id=outlet.id, name=outlet.name, language=outlet.language,
        chrome=frozenset(item.strip().casefold() for item in chrome),
        translations_line=translations[0] if translations else None,
        languages={str(name).casefold(): str(code) for name, code in languages.items()},
        **compiled)


def _patterns(value, where: str, path: Path, line: int | None,
              diagnostics: list[Diagnostic]) -> tuple[re.Pattern, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        diagnostics.append(error(path, line, f"{where} must be a regex or a list of regexes"))
        return ()
    compiled = []
    for item in items:
        try:
            compiled.append(re.compile(item, re.MULTILINE))
        except re.error as exc:
            diagnostics.append(error(path, line, f"{where}: bad regex {item!r}: {exc}",
                                     "regexes use Python syntax; in single quotes write ' as ''"))
    return tuple(compiled)


def _key_lines(path: Path) -> dict[str, int]:
    """The line of each outlet's id, so problems in its profile point somewhere."""
    text, problem = read_text(path)
    if problem or text is None:
        return {}
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError:
        return {}
    if not isinstance(doc.data, dict):
        return {}
    return {key: doc.key_line(key) or 1 for key in doc.data if isinstance(key, str)}
