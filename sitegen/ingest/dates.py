"""Dates as news pages write them, in English and Russian.

Finds date expressions in a line ("October 3, 2023 - 10:46 AMT",
"07 Августа 2020 - 14:10", "16 September, 11:17", "3 ноября 2023 года",
"2023-10-03") and says whether a whole line is nothing but a date (a
timestamp or a header), which is page furniture rather than story text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sitegen.ingest.numeric_dates import NUMERIC, read_numeric

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            "понедельник", "вторник", "среда", "среду", "четверг", "пятница", "пятницу",
            "суббота", "субботу", "воскресенье", "пн", "вт", "ср", "чт", "пт", "сб", "вс")
# Zones news sites in the region print after a time.
ZONES = {"amt": "+04:00", "azt": "+04:00", "get": "+04:00", "msk": "+03:00", "мск": "+03:00",
         "gmt": "+00:00", "utc": "+00:00", "z": "+00:00", "cet": "+01:00", "cest": "+02:00",
         "eet": "+02:00", "eest": "+03:00", "bst": "+01:00", "est": "-05:00", "edt": "-04:00",
         "trt": "+03:00"}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FORMS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![^\W\d_])(?:,?\s+{_YEAR}\b(?:\s*(?:г\.|года?\b))?)?",
               re.IGNORECASE),
    re.compile(rf"\b{_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
# The hour may follow a word with no space ("Some Outlet10:59"); a zone may be
# written as an offset from UTC or GMT ("(UTC+04:00)", "GMT+4").
_TIME = re.compile(
    r"(?<![\d:.])(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?(?![\d.])\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?(?![^\W\d_]))?\s*"
    r"(?P<zone>\(?(?:(?:utc|gmt)\s?[+-−]\s?\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d|"
    + "|".join(ZONES) + r")\)?(?![^\W\d_]))?",
    re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b\.?", re.IGNORECASE)
# What may sit beside a date on a timestamp line: separators, section labels in
# capitals, view counters, "Updated"/"Published".
_FURNITURE = re.compile(
    r"\b(?:updated|published|posted|last updated|просмотров|просмотры|views|обновлено|ago|назад|"
    r"years?|months?|days?|hours?|minutes?|лет|года?|месяц\w*|дн\w*|час\w*|минут\w*|"
    r"опубликовано|дата публикации|today|сегодня|on|в|at|year|г|года|год)\b|\d+|[^\w\s]",
    re.IGNORECASE)


_DIGIT = re.compile(r"\d")
# Every month name starts with one of these: a cheap look before the full forms.
_MONTH_START = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|апр|"
                          r"ма[йя]|июн|июл|авг|сен|окт|ноя|дек)", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    month: int
    day: int
    year: int | None
    start: int
    end: int
    text: str
    # A figures-only date whose order nothing settled: the (month, day) of the
    # other reading. The dating step looks for more evidence and never calls
    # such a date certain on its own.
    other: tuple[int, int] | None = None
    separator: str = ""          # "/" or "." for figures-only dates

    def as_date(self, year: int | None = None) -> date | None:
        try:
            return date(year or self.year, self.month, self.day)
        except (TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    offset: str | None  # "+04:00", or None when the page gives no zone


def find_dates(text: str, short_years: bool = False) -> list[DateMention]:
    """Every date expression in ``text``, left to right, overlaps removed.

    ``short_years`` admits two-digit years ("15.07.21"): right in a dateline
    or a date line, too loose for running text.
    """
    found: list[DateMention] = []
    if not _DIGIT.search(text):
        return found  # every form has a day number
    forms = _FORMS if _MONTH_START.search(text) else _FORMS[2:]
    for form in forms:
        for match in form.finditer(text):
            mention = _mention(match)
            if mention and not any(_overlaps(mention, other) for other in found):
                found.append(mention)
    for match in NUMERIC.finditer(text):
        mention = _numeric(match, text, short_years)
        if mention and not any(_overlaps(mention, other) for other in found):
            found.append(mention)
    return sorted(found, key=lambda mention: mention.start)


def _numeric(match: re.Match, text: str, short_years: bool) -> DateMention | None:
    read = read_numeric(match, text, short_years)
    if read is None:
        return None
    month, day, year, other, _ = read
    return DateMention(month, day, year, match.start(), match.end(), match.group(), other,
                       match.group("sep"))


def _mention(match: re.Match) -> DateMention | None:
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text)
    day = int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else None
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if month_text.isascii() and month_text.isalpha() and not match.group("month")[0].isupper():
        return None  # "may 5 people": English writes month names with a capital
    mention = DateMention(month, day, year, match.start(), match.end(), match.group())
    if mention.as_date(year or 2000) is None:  # 31 February: not a date
        return None
    return mention


def _overlaps(a: DateMention, b: DateMention) -> bool:
    return a.start < b.end and b.start < a.end


def find_clock(text: str) -> Clock | None:
    for match in _TIME.finditer(text):
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23:
            continue
        zone = (match.group("zone") or "").strip("()").lower().replace(" ", "").replace("−", "-")
        offset = ZONES.get(zone) or _numeric_offset(zone.removeprefix("utc").removeprefix("gmt"))
        return Clock(hour, minute, offset)
    return None


def _numeric_offset(zone: str) -> str | None:
    """"+04:00", "+0400", "+4" → "+04:00"."""
    match = re.fullmatch(r"([+-])(\d{1,2}):?(\d\d)?", zone)
    if not match or int(match.group(2)) > 14:
        return None
    return f"{match.group(1)}{int(match.group(2)):02d}:{match.group(3) or '00'}"


# "Date:", "Published on:", "Дата рассылки:": a short label before the date.
_LABEL = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2}\s*:\s+")


def is_date_line(text: str) -> bool:
    """A line that holds a date and nothing a reader would call a sentence."""
    if len(text) > 120:
        return False
    text = _LABEL.sub("", text)
    mentions = find_dates(text, short_years=True)
    if not mentions:
        return False
    rest = text
    for mention in reversed(mentions):
        rest = rest[:mention.start] + " " + rest[mention.end:]
    clock = _TIME.search(rest)
    rest = _FURNITURE.sub(" ", _WEEKDAY.sub(" ", _TIME.sub(" ", rest)))
    leftover = [word for word in rest.split() if word]
    # A section label in capitals ("ПОЛИТИКА") may stand beside the date; a
    # full timestamp may follow the outlet's name ("Some Outlet10:59 - …").
    if all(word.isupper() for word in leftover) and len(leftover) <= 3:
        return True
    full = clock is not None and any(m.year for m in mentions)
    return full and len(leftover) <= 4 and all(word[0].isupper() for word in leftover)


def has_weekday(text: str) -> bool:
    return bool(_WEEKDAY.search(text))
