"""Datelines: "YEREVAN, APRIL 22, ARMENPRESS.", "UNITED NATIONS, October 31. /TASS/.",
"NICOSIA (Reuters) -", "YEREVAN. –", "МОСКВА, 21 сен — РИА Новости.",
"Baku/15.07.21/Agency/"

The outlet's own dateline patterns (outlets.yaml) are tried first; the
generic forms below catch the rest: a place in capitals at the very start
of the story, then a date, an agency mark or a dash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.ingest.dates import MONTHS, find_dates
from sitegen.ingest.profiles import Profile

_PLACE = r"(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ'’.\-]*(?:[ -][A-ZА-ЯЁ][A-ZА-ЯЁ'’.\-]*){0,3})"
_AGENCY = r"(?:/[^/\s][^/]{1,20}/\.?|\([^()]{2,25}\)\s*[-–—]|[-–—]\s*[^\W\d_][\w ]{1,25}\.|[A-ZА-ЯЁ]{3,}\.)"
GENERIC = (
    re.compile(rf"^{_PLACE},\s+(?:[A-Z][a-z]+,\s+)?(?P<date>[A-Z][a-z]{{2,3}}\.\s+\d{{1,2}}|[^.,/()]{{3,22}}?)"
               rf"[.,]?\s*(?:{_AGENCY}|[-–—])"),
    re.compile(rf"^{_PLACE}\s+\([^()]{{2,25}}\)\s*[-–—]"),
    re.compile(rf"^{_PLACE}\.\s*[-–—]"),
)
# "Baku/15.07.21/Some Agency/": a place in any case, then a date in figures between slashes.
NUMERIC = re.compile(r"^(?P<place>[A-ZА-ЯЁ][\w'’.\-]*(?: [A-ZА-ЯЁ][\w'’.\-]*){0,2})\s*/\s*"
                     r"(?P<date>\d{1,2}[./]\d{1,2}[./](?:\d\d){1,2})\s*/")
# "Баку. 8 февраля.", "Moscow. Sept. 21.": a place in any case, a dot, then a month and day.
DOTTED = re.compile(r"^(?P<place>[A-ZА-ЯЁ][\w'’\-]+(?: [A-ZА-ЯЁ][\w'’\-]+)?)\.\s+"
                    r"(?P<date>\d{1,2}\s+[^\W\d_]{3,10}\.?|[^\W\d_]{3,9}\.?\s+\d{1,2})[.,]?(?=\s|$)")
# "BAKU, Azerbaijan, November 28." — only when the words after the place are a date.
DATED = re.compile(rf"^{_PLACE},\s+(?:[A-Z][a-z]+,\s+)?(?P<date>[^.,/()]{{3,22}}?)\.(?=\s|$)")


@dataclass(frozen=True)
class Dateline:
    place: str
    month: int | None
    day: int | None
    year: int | None
    text: str


def find_dateline(first_line: str, profile: Profile) -> Dateline | None:
    for pattern in profile.dateline:
        match = pattern.search(first_line)
        if match:
            return _from_profile(match)
    for pattern in GENERIC:
        match = pattern.match(first_line)
        if match and _plausible_place(match.group("place")):
            return _from_generic(match)
    match = DOTTED.match(first_line) or NUMERIC.match(first_line)
    if match and find_dates(match.group("date"), short_years=True):
        return _from_generic(match)
    match = DATED.match(first_line)
    if match and _plausible_place(match.group("place")) and find_dates(match.group("date")):
        return _from_generic(match)
    return None


def _from_profile(match: re.Match) -> Dateline:
    groups = match.groupdict()
    month_text = (groups.get("month") or "").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text)
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    place = (groups.get("place") or "").strip()
    return Dateline(place, month, day if month else None, year, match.group())


def _from_generic(match: re.Match) -> Dateline:
    place = match.group("place").strip(" .")
    dates = find_dates(match.group()[match.end("place"):], short_years=True)
    if dates:
        mention = dates[0]
        return Dateline(place, mention.month, mention.day, mention.year, match.group())
    return Dateline(place, None, None, None, match.group())


def _plausible_place(place: str) -> bool:
    letters = [ch for ch in place if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)
