from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sitegen.ingest.datelines import find_dateline
from sitegen.ingest.dates import find_clock, find_dates, is_date_line
from sitegen.ingest.dating import date_story
from sitegen.ingest.layout import lay_out
from sitegen.ingest.profiles import FALLBACK
from sitegen.ingest.text import parse_raw

MTIME = datetime(2024, 12, 31, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("October 3, 2023 - 10:46 AMT", (2023, 10, 3)),
    ("ПОЛИТИКА - 07 Августа 2020 - 14:10 | Просмотров - 1061", (2020, 8, 7)),
    ("в ночь на 3 ноября 2023 года", (2023, 11, 3)),
    ("11:22, 3 November 2023", (2023, 11, 3)),
    ("Sept. 21", (None, 9, 21)),
    ("2023-10-03", (2023, 10, 3)),
    ("03.10.2023", (2023, 10, 3)),
    ("21 сен", (None, 9, 21)),
])
def test_dates_in_english_and_russian(text, expected):
    (mention,) = find_dates(text)
    assert (mention.year, mention.month, mention.day) == expected


@pytest.mark.parametrize("text", ["May the talks succeed", "may 5 people come", "31 February 2023",
                                  "the 1990s", "Article 3"])
def test_things_that_are_not_dates(text):
    assert find_dates(text) == []


def test_clock_with_zone_and_twelve_hour_times():
    assert find_clock("October 3, 2023 - 10:46 AMT").offset == "+04:00"
    clock = find_clock("February 13, 2018 / 11:59 PM /")
    assert (clock.hour, clock.minute, clock.offset) == (23, 59, None)


@pytest.mark.parametrize("text, expected", [
    ("Wednesday, 28 September 2022", True),
    ("16 September, 11:17", True),
    ("December 11", True),
    ("On September 19, there was a sharp escalation of the armed confrontation.", False),
])
def test_date_lines_are_furniture_not_sentences(text, expected):
    assert is_date_line(text) is expected


@pytest.mark.parametrize("line, place, month, day", [
    ("YEREVAN, APRIL 22, ARMENPRESS. The", "YEREVAN", 4, 22),
    ("UNITED NATIONS, October 31. /TASS/. Russia", "UNITED NATIONS", 10, 31),
    ("NICOSIA (Reuters) - A ship", "NICOSIA", None, None),
    ("MOSCOW, June 5 (Reuters) - The", "MOSCOW", 6, 5),
    ("YEREVAN. – The", "YEREVAN", None, None),
    ("МОСКВА, 21 сен — РИА Новости. Глава", "МОСКВА", 9, 21),
    ("BAKU, Azerbaijan, November 28. Trend", "BAKU", 11, 28),
])
def test_generic_datelines(line, place, month, day):
    found = find_dateline(line, FALLBACK)
    assert (found.place, found.month, found.day) == (place, month, day)


def test_a_sentence_is_not_a_dateline():
    assert find_dateline("The UN said on Monday that talks would resume.", FALLBACK) is None


def _dating(raw: str, year=None):
    item = parse_raw(Path("x.txt"), raw, "0" * 64)
    layout = lay_out(item, FALLBACK)
    story = "\n".join(line.text for line in layout.story)
    dateline = find_dateline(layout.story[0].text, FALLBACK)
    return date_story(layout, dateline, story, year, MTIME)


def test_a_timestamp_with_year_and_zone_is_high_confidence():
    dating = _dating("Talks resume\n\nOctober 3, 2023 - 10:46 AMT\n\nThe talks resumed in Geneva on Tuesday, officials said.\n")
    assert dating.value == datetime(2023, 10, 3, 10, 46, tzinfo=timezone(timedelta(hours=4)))
    assert (dating.confidence, dating.notes, dating.settled) == ("high", (), True)


def test_a_header_with_todays_date_only_bounds_the_year():
    dating = _dating("Wednesday, 28 September 2022\n\nHeadline of the story here\n\n"
                     "16 September, 11:17\n\nThe minister said the talks would go on next week.\n")
    assert dating.value == date(2022, 9, 16) and dating.confidence == "medium"
    assert "capture date" in dating.notes[0]


def test_a_dateline_takes_its_year_from_a_dated_mention():
    dating = _dating("UNITED NATIONS, January 4. /TASS/. The council met as agreed on 28 December 2023, "
                     "a diplomat said.\n")
    assert dating.value == date(2024, 1, 4)  # the mention is late December: the next year is closer
    assert dating.confidence == "medium" and "28 December 2023" in dating.notes[0]


def test_the_year_hint_is_used_and_said():
    dating = _dating("YEREVAN, March 3. /ARKA/. The bank kept its rate, its governor said.\n", year=2021)
    assert dating.value == date(2021, 3, 3) and "--year 2021" in dating.notes[0]


def test_a_widget_date_is_never_the_story_date():
    from sitegen.ingest.profiles import Profile
    import re
    widget = Profile("site", "Site", capture_date=(re.compile(r"^December \d+$"),))
    item = parse_raw(Path("x.txt"), "December 11\n\nThe envoy said the talks had been useful and would go on.\n", "0")
    layout = lay_out(item, widget)
    dating = date_story(layout, None, layout.story[0].text, None, MTIME)
    assert not dating.settled and dating.confidence == "low"
    assert dating.value == MTIME.date()
    assert "placeholder" in dating.notes[0]


def test_no_year_anywhere_is_a_draft_not_a_guess():
    dating = _dating("UNITED NATIONS, October 31. /TASS/. The envoy said the talks had been useful.\n")
    assert not dating.settled and dating.confidence == "low"
    assert (dating.value.month, dating.value.day) == (10, 31)
    assert "no year anywhere" in dating.notes[0]


@pytest.mark.parametrize("text, expected, other", [
    ("04/14/2022 09:30", (2022, 4, 14), None),                     # a part above 12 is the day
    ("16:48 . 10/05/2023 Wednesday", (2023, 5, 10), None),         # the weekday settles it
    ("Среда, 10.05.2023 16:48", (2023, 5, 10), None),               # dots are day first
    ("Some Outlet10:59 - 28 / 01 / 2022", (2022, 1, 28), None),     # glued, spaced slashes
    ("03/04/2023", (2023, 4, 3), (3, 4)),                           # nothing settles it
])
def test_dates_in_figures(text, expected, other):
    (mention,) = find_dates(text, short_years=True)
    assert (mention.year, mention.month, mention.day) == expected
    assert mention.other == other


def test_two_digit_years_only_where_dates_are_written_as_furniture():
    assert find_dates("see section 1.5.22 of the law") == []
    (mention,) = find_dates("Baku/15.07.21/", short_years=True)
    assert (mention.year, mention.month, mention.day) == (2021, 7, 15)


@pytest.mark.parametrize("text, offset", [("Feb 2, 2024 | 18:05 (UTC+04:00)", "+04:00"),
                                          ("18:05 GMT+4", "+04:00"), ("18:05 UTC", "+00:00")])
def test_zones_written_as_offsets_from_utc(text, offset):
    assert find_clock(text).offset == offset


@pytest.mark.parametrize("line", ["Date: 2023-05-01", "Дата рассылки: 25.09.2024",
                                  "South Caucasus Monitor10:59 - 28 / 01 / 2022",
                                  "13.06.2023 | 11:05", "16:48 . 10/05/2023 Wednesday"])
def test_more_date_lines(line):
    assert is_date_line(line)


def test_datelines_in_figures_and_with_a_title_case_place():
    numeric = find_dateline("Baku/15.07.21/Some Agency/ The ministry said.", FALLBACK)
    assert (numeric.place, numeric.year, numeric.month, numeric.day) == ("Baku", 2021, 7, 15)
    dotted = find_dateline("Баку. 8 февраля. Президент заявил, что…", FALLBACK)
    assert (dotted.place, dotted.month, dotted.day) == ("Баку", 2, 8)
    abbreviated = find_dateline("LONDON, Feb. 8 -- The minister said.", FALLBACK)
    assert (abbreviated.month, abbreviated.day) == (2, 8)


def _dated(raw: str, language: str = "en"):
    item = parse_raw(Path("x.txt"), raw, "0")
    layout = lay_out(item, FALLBACK)
    story = "\n".join(line.text for line in layout.story)
    return date_story(layout, None, story, None, MTIME, raw, language)


def test_an_unsettled_order_is_never_high():
    english = _dated("03/04/2023\n\nThe minister said the talks would go on next week.\n")
    assert (english.value, english.confidence) == (date(2023, 4, 3), "low")
    assert "month first (2023-03-04)" in english.notes[0]
    russian = _dated("03/04/2023\n\nМинистр заявил, что переговоры продолжатся.\n", "ru")
    assert russian.confidence == "medium"


def test_the_page_s_other_dates_settle_the_order():
    dating = _dated("03/04/2023 10:00\n\nThe minister said the talks began on 03/14/2023.\n")
    assert (dating.value, dating.confidence) == (date(2023, 3, 4), "high")


def test_a_photo_caption_dates_a_story_with_no_date_of_its_own_but_weakly():
    dating = _dated("The governor said shelters would be built.\n\n"
                     "Photo: the governor in the village, 5 June 2024\n\nMore text, he said.\n")
    assert (dating.value, dating.confidence) == (date(2024, 6, 5), "low")
    assert "photo caption" in dating.notes[0]


def test_a_date_line_after_the_story_bounds_its_year_instead_of_dating_it():
    item = parse_raw(Path("x.txt"), "МОСКВА, 24 сентября. Вице-премьер заявил, что группа соберётся.\n\n"
                                    "Дата рассылки: 25.09.2024\n", "0")
    layout = lay_out(item, FALLBACK)
    dateline = find_dateline(layout.story[0].text, FALLBACK)
    dating = date_story(layout, dateline, layout.story[0].text, None, MTIME)
    assert (dating.value, dating.confidence) == (date(2024, 9, 24), "medium")
