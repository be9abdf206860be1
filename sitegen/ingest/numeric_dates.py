"""Dates written in figures: "04/14/2022", "10.05.2023", "28 / 01 / 2022", "15.07.21".

Two figures and a year can be day-month or month-day. The order is settled
by the figures themselves (a part above 12 is a day), by a weekday written
on the same line (only one reading falls on it), or by the dots: dotted
dates are day first wherever they are written. Otherwise the reading is day
first and the mention carries the other reading, so the dating step can look
for more evidence (the order of the page's other dates, the language) and
must not call the date certain.
"""

from __future__ import annotations

import re
from datetime import date

# A separator may carry spaces ("28 / 01 / 2022"); the figures may follow a
# word with no space ("Monitor28/01/2022"), never another figure or separator.
NUMERIC = re.compile(
    r"(?<![\d.])(?P<a>[0-3]?\d)\s?(?P<sep>[./])\s?(?P<b>[0-3]?\d)\s?(?P=sep)\s?"
    r"(?P<year>(?:19|20)\d\d|\d\d)(?![\d])(?!\.\d)")
WEEKDAY_NUMBERS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "понедельник": 0, "вторник": 1, "среда": 2, "среду": 2, "четверг": 3, "пятница": 4,
    "пятницу": 4, "суббота": 5, "субботу": 5, "воскресенье": 6,
}
_WEEKDAY_WORD = re.compile(r"(?<![\w-])(" + "|".join(WEEKDAY_NUMBERS) + r")(?![\w-])", re.IGNORECASE)


def weekdays_in(text: str) -> set[int]:
    return {WEEKDAY_NUMBERS[m.group(1).lower()] for m in _WEEKDAY_WORD.finditer(text)}


def read_numeric(match: re.Match, line: str, short_years: bool):
    """(month, day, year, other reading or None, how the order was settled), or None.

    ``other`` is the (month, day) of the day-month reading's mirror when
    nothing in the figures, the separator or the line settles the order.
    """
    year_text = match.group("year")
    if len(year_text) == 2 and not short_years:
        return None  # "1.5.22" in running text is as likely a section number as a date
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    a, b = int(match.group("a")), int(match.group("b"))
    day_first, month_first = _valid(year, b, a), _valid(year, a, b)
    if not day_first and not month_first:
        return None
    if a == b or not month_first:
        return b, a, year, None, "figures"
    if not day_first:
        return a, b, year, None, "figures"
    on_line = weekdays_in(line)
    if on_line:
        fits = [(m, d) for m, d in ((b, a), (a, b)) if date(year, m, d).weekday() in on_line]
        if len(fits) == 1:
            return fits[0][0], fits[0][1], year, None, "weekday"
    if match.group("sep") == ".":
        return b, a, year, None, "dots"
    return b, a, year, (a, b), ""


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
