"""A capture's lines sorted into what they are: story, headline, furniture.

Every line ends up in exactly one place: the story (kept word for word, in
order), the headline, or a list of dropped lines, each with the reason it
was dropped. Nothing that reads as a sentence is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.ingest.chrome import chrome_reason, is_edge_label
from sitegen.ingest.datelines import find_dateline
from sitegen.ingest.dates import is_date_line
from sitegen.ingest.profiles import Profile
from sitegen.ingest.text import Line, RawItem, looks_like_sentence, paragraphs, word_count

HEADLINE_MAX_WORDS = 30
# A line that is only the page's address (as some capture tools add), or "Source: <address>".
_ADDRESS = re.compile(r"^(?:(?:source|url|link|источник)\s*:\s*)?(?P<url>https?://[^\s<>'\"]{4,2000})$",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Dropped:
    line: Line
    reason: str  # "chrome", "capture date", "date line", "translations line", …


@dataclass(frozen=True)
class Layout:
    story: tuple[Line, ...]
    headline: Line | None
    date_lines: tuple[Line, ...]      # the outlet's own timestamps of the story
    capture_dates: tuple[Line, ...]   # widget or header dates: never the story's
    translations: Line | None
    dropped: tuple[Dropped, ...]
    url: str | None = None            # the page's address, when the capture holds it


def lay_out(item: RawItem, profile: Profile) -> Layout:
    dropped: list[Dropped] = []
    date_lines: list[Line] = []
    capture: list[Line] = []
    translations: Line | None = None
    url: str | None = None
    kept: list[Line] = []
    for line in item.lines:
        text = line.text
        if profile.translations_line and profile.translations_line.search(text):
            translations = line
            dropped.append(Dropped(line, "translations line"))
        elif translations is None and _generic_translations(text):
            translations = line
            dropped.append(Dropped(line, "translations line"))
        elif address := _ADDRESS.match(text):
            url = url or address.group("url")
            dropped.append(Dropped(line, "address line"))
        elif any(p.search(text) for p in profile.capture_date):
            capture.append(line)
            dropped.append(Dropped(line, f"capture date ({profile.name})"))
        elif any(p.search(text) for p in profile.date):
            date_lines.append(line)
            dropped.append(Dropped(line, "date line"))
        elif (reason := chrome_reason(text, profile)) is not None:
            dropped.append(Dropped(line, reason))
        elif is_date_line(text):
            date_lines.append(line)
            dropped.append(Dropped(line, "date line"))
        else:
            kept.append(line)
    kept = _trim_edges(kept, dropped)
    headline = _headline(paragraphs(kept, item.breaks), profile)
    if headline is not None:
        kept = [line for line in kept if line is not headline]
        dropped.append(Dropped(headline, "headline"))
    return Layout(tuple(kept), headline, tuple(date_lines), tuple(capture), translations,
                  tuple(sorted(dropped, key=lambda d: d.line.number)), url)


def _generic_translations(text: str) -> bool:
    lowered = text.casefold()
    return (lowered.startswith(("this text available in", "this text is available in",
                                "also available in", "read this in", "этот текст доступен на",
                                "текст доступен на"))
            and word_count(text) <= 12)


def _trim_edges(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    """Short labels before the first and after the last story line are menus and tags."""
    sentences = [i for i, line in enumerate(lines) if looks_like_sentence(line.text)]
    if not sentences:
        return lines
    first, last = sentences[0], sentences[-1]
    kept = []
    for index, line in enumerate(lines):
        at_edge = index > last or (index < first and not _could_be_headline(lines, index, first))
        if at_edge and is_edge_label(line.text):
            dropped.append(Dropped(line, "label"))
        else:
            kept.append(line)
    return kept


def _could_be_headline(lines: list[Line], index: int, first_sentence: int) -> bool:
    return word_count(lines[index].text) >= 3 and index == first_sentence - 1


def _headline(groups: list[tuple[Line, ...]], profile: Profile) -> Line | None:
    """The outlet's headline: a first paragraph of one short line, not a sentence, not a dateline."""
    if len(groups) < 2 or len(groups[0]) != 1:
        return None
    first = groups[0][0].text
    if find_dateline(first, profile) is not None:
        return None
    if word_count(first) > HEADLINE_MAX_WORDS or word_count(first) < 3:
        return None
    if first.endswith((".", ",", ";")) and not first.endswith("..."):
        return None
    return groups[0][0]
