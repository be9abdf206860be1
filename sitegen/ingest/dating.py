"""The story's date, with how sure ingest is of it and why.

A date line of month and day alone ("December 11") is never a timestamp:
that is how news-feed widgets show the capture day.

Evidence, strongest first:
1. the outlet's own timestamp with a year ("October 3, 2023 - 10:46 AMT"): high;
2. a dateline or a timestamp without a year, given a year by evidence — a date
   with a year written in the text, ``--year``, or a capture date with a
   year (the story cannot be later than its capture): medium, with a note;
3. the latest date mentioned in the text, when the item has no date of its
   own: low, with a note;
4. nothing: the article is written as a draft, its year from the raw file's
   modification time at most, and the notes say so.
A capture or widget date ("December 11" atop news.am pages) is never used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from sitegen.ingest.chrome import COPYRIGHT
from sitegen.ingest.dates import DateMention, find_clock, find_dates, has_weekday
from sitegen.ingest.datelines import Dateline
from sitegen.ingest.layout import Layout
from sitegen.ingest.text import Line


@dataclass(frozen=True)
class Dating:
    value: date | datetime
    confidence: str              # high | medium | low
    notes: tuple[str, ...]       # review notes for a curator
    settled: bool                # False: no date could be had; write a draft
    evidence: str                # what the date was read from, for the report


def date_story(layout: Layout, dateline: Dateline | None, story_text: str,
               year_hint: int | None, file_time: datetime, page_text: str = "",
               language: str = "en") -> Dating:
    stamps = _own_timestamps(layout)
    for line_text, mention in stamps:
        if mention.year:
            mention, confidence, notes = settle_order(mention, page_text, language)
            return Dating(_with_clock(mention.as_date(), line_text), confidence, notes, True,
                          f'date line "{line_text}"')
    capture = _capture_year_bound(layout)
    captions = [m for line in layout.captions for m in find_dates(line.text)]
    mentioned = find_dates(story_text) + captions
    if stamps:
        line_text, mention = stamps[0]
        return _give_year(mention, f'the date line "{line_text}"', line_text, mentioned,
                          year_hint, capture, file_time, layout.copyright)
    if dateline and dateline.month and dateline.day:
        mention = DateMention(dateline.month, dateline.day, dateline.year, 0, 0, dateline.text)
        if dateline.year and mention.as_date():
            return Dating(mention.as_date(), "high", (), True, f'dateline "{dateline.text}"')
        return _give_year(mention, f'the dateline "{dateline.text}"', None, mentioned,
                          year_hint, capture, file_time, layout.copyright)
    if captions and not find_dates(story_text):
        latest = _latest(captions, year_hint)
        if latest.year and latest.as_date():
            note = (f'date: the source gives no date of its own; taken from a photo caption '
                    f'("{latest.text}"): the story may be later')
            return Dating(latest.as_date(), "low", (note,), True, "a photo caption")
    if mentioned:
        latest = _latest(mentioned, year_hint)
        if latest.year and latest.as_date():
            note = (f'date: the source gives no date of its own; taken from the latest date the '
                    f'text mentions ("{latest.text}"): the story may be later')
            return Dating(latest.as_date(), "low", (note,), True, f'"{latest.text}" in the text')
        dating = _give_year(latest, f'the latest date the text mentions ("{latest.text}"), '
                            f'as the source gives no date of its own: the story may be later',
                            None, mentioned, year_hint, capture, file_time, layout.copyright)
        return Dating(dating.value, "low", dating.notes, dating.settled, dating.evidence)
    return _undated(year_hint, file_time)


def settle_order(mention: DateMention, page_text: str,
                 language: str) -> tuple[DateMention, str, tuple[str, ...]]:
    """How sure a figures-only date is, by the page's other such dates or its language.

    A page writes all its dates one way: another date on it whose figures
    settle the order settles this one. Failing that, Russian text writes the
    day first (medium); anything else is a guess (low). Either way, a note.
    """
    if mention.other is None:
        return mention, "high", ()
    orders = {_day_first(m) for m in find_dates(page_text, short_years=True)
              if m.separator == mention.separator and m.other is None and m.month != m.day}
    orders.discard(None)
    day_first = date(mention.year, mention.month, mention.day).isoformat()
    month_first = date(mention.year, mention.other[0], mention.other[1]).isoformat()
    if orders == {False}:
        month, day = mention.other
        return replace(mention, month=month, day=day, other=None), "high", ()
    if orders == {True}:
        return replace(mention, other=None), "high", ()
    reading = f'date: "{mention.text}" can be read day first ({day_first}) or month first ' \
              f'({month_first}), and nothing in the capture settles which: read day first'
    if language == "ru":
        return mention, "medium", (reading + ", as Russian text writes dates; check it",)
    return mention, "low", (reading + "; check it",)


def _day_first(mention: DateMention) -> bool | None:
    if not mention.separator:
        return None
    first = int(re.match(r"\d+", mention.text).group())
    return first == mention.day


def _own_timestamps(layout: Layout) -> list[tuple[str, DateMention]]:
    """The outlet's timestamps; a weekday header above another date is today's date."""
    lines = list(layout.date_lines)
    if len(lines) > 1:
        lines = [line for line in lines if not (has_weekday(line.text) and not find_clock(line.text))] \
            or lines
    found = []
    for line in lines:
        mentions = find_dates(line.text)
        # "December 11" alone, with neither year nor time, is how feed widgets show
        # the capture day: too weak to be the story's own timestamp.
        if mentions and (mentions[0].year or find_clock(line.text)):
            found.append((line.text, mentions[0]))
    return found


def _capture_year_bound(layout: Layout) -> date | None:
    """A capture date with a year: the story was published on or before it."""
    headers = [line for line in layout.date_lines if has_weekday(line.text) and not find_clock(line.text)]
    for line in (*layout.capture_dates, *(headers if len(layout.date_lines) > 1 else ())):
        for mention in find_dates(line.text):
            if mention.year and mention.as_date():
                return mention.as_date()
    return None


def _give_year(mention: DateMention, source: str, clock_text: str | None,
               mentioned: list[DateMention], year_hint: int | None,
               capture: date | None, file_time: datetime, copyright: Line | None = None) -> Dating:
    if mention.year and mention.as_date():
        return Dating(_with_clock(mention.as_date(), clock_text), "high", (), True, source)
    dated = [m for m in mentioned if m.year and m.as_date()]
    if year_hint is not None:
        year, why = year_hint, f"given with --year {year_hint}"
    elif dated:
        year, why = _year_near(mention, dated), "from a date with a year in the text ({})"
        why = why.format(", ".join(sorted({f'"{m.text}"' for m in dated})))
    elif capture is not None:
        year = capture.year if (mention.month, mention.day) <= (capture.month, capture.day) \
            else capture.year - 1
        why = f"from the page's capture date ({capture.isoformat()}), which the story cannot follow"
    elif copyright is not None and (match := COPYRIGHT.match(copyright.text)) and match.group("year"):
        year = int(match.group("year"))
        why = f'from the copyright line ("{copyright.text}")'
    else:
        value = _undated(None, file_time, mention).value
        note = (f"date: month and day from {source}; no year anywhere in the source, so "
                f"{value.year} is a placeholder (the raw file's modification year): set the "
                f"year (or ingest again with --year) and remove draft: true")
        return Dating(value, "low", (note,), False, source)
    day = mention.as_date(year)
    if day is None:  # 29 February in a year without it
        return _undated(year_hint, file_time, None)
    note = f"date: month and day from {source}; no year in the source, year {year} {why}"
    return Dating(_with_clock(day, clock_text), "medium", (note,), True, source)


def _year_near(mention: DateMention, dated: list[DateMention]) -> int:
    """The year that puts the month and day closest after the dated mentions."""
    def distance(year: int) -> int:
        day = mention.as_date(year) or date(year, 3, 1)
        return min(abs((day - m.as_date()).days) for m in dated)
    years = {m.year for m in dated} | {m.year + 1 for m in dated}
    return min(sorted(years), key=distance)


def _latest(mentioned: list[DateMention], year_hint: int | None) -> DateMention:
    def order(m: DateMention):
        return (m.year or year_hint or 0, m.month, m.day)
    return max(mentioned, key=order)


def _undated(year_hint: int | None, file_time: datetime,
             mention: DateMention | None = None) -> Dating:
    """No date to be had: a draft dated no later than the capture file, flagged."""
    ceiling = file_time.date()
    if mention is not None:
        year = ceiling.year if (mention.month, mention.day) <= (ceiling.month, ceiling.day) \
            else ceiling.year - 1
        value = mention.as_date(year) or ceiling
    elif year_hint is not None:
        value = date(year_hint, 1, 1)
    else:
        value = ceiling
    note = (f"date: the source gives no date; {value.isoformat()} is a placeholder (the raw "
            f"file's modification time, not the story's date): set the real date and remove "
            f"draft: true")
    return Dating(value, "low", (note,), False, "no date in the source")


def _with_clock(day: date | None, line_text: str | None) -> date | datetime:
    if day is None or not line_text:
        return day
    clock = find_clock(line_text)
    if clock is None or clock.offset is None:
        return day  # a time without a zone cannot be written as an instant
    sign = 1 if clock.offset[0] == "+" else -1
    hours, minutes = int(clock.offset[1:3]), int(clock.offset[4:6])
    zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return datetime(day.year, day.month, day.day, clock.hour, clock.minute, tzinfo=zone)
