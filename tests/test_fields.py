"""schema: typed values from YAML with diagnostics at the value's line."""

from datetime import date, datetime, timedelta

import pytest

from sitegen.core.fields import Fields, parse_date
from sitegen.core.ids import did_you_mean, slugify
from sitegen.core.yamldoc import parse_yaml


def fields(text: str, first_line: int = 1) -> Fields:
    return Fields(parse_yaml(text, first_line), "f.md")


def messages(f: Fields) -> list[str]:
    return [d.format() for d in f.diagnostics]


def parsed(value: str):
    problems = []
    result = parse_date(value, lambda message, hint: problems.append(f"{message} ({hint})"))
    return result, problems


# --- dates -------------------------------------------------------------------------


def test_plain_date():
    assert parsed("2023-09-21") == (date(2023, 9, 21), [])


def test_datetime_with_offset():
    value, problems = parsed("2023-09-21T10:00:00+04:00")
    assert problems == [] and value.utcoffset() == timedelta(hours=4)
    assert value == datetime.fromisoformat("2023-09-21T06:00:00+00:00")


def test_z_suffix_means_utc():
    value, _ = parsed("2023-09-21T10:00Z")
    assert value.utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", ["2023-02-30", "2023-02-29", "2023-13-01", "2023-04-31"])
def test_impossible_date(value):
    result, problems = parsed(value)
    assert result is None
    assert problems[0].startswith(f'impossible date "{value}": ')
    assert problems[0].endswith("(use a real calendar date)")


def test_impossible_datetime():
    result, problems = parsed("2023-02-30T10:00:00+04:00")
    assert result is None and problems[0].startswith('impossible date "2023-02-30T10:00:00+04:00"')


def test_leap_day_is_fine():
    assert parsed("2024-02-29") == (date(2024, 2, 29), [])


@pytest.mark.parametrize("value", ["2023-9-21", "21.09.2023", "yesterday", "Sept 21, 2023"])
def test_not_a_date(value):
    assert parsed(value) == (None, [f'"{value}" is not a date '
                                    "(write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+HH:MM)"])


def test_datetime_without_offset_is_refused():
    assert parsed("2023-09-21T10:00:00") == (None, [
        'date and time "2023-09-21T10:00:00" has no UTC offset '
        '(add one, e.g. "+04:00" or "Z", or give the date alone)'])


@pytest.mark.parametrize("value", ["20230921", "2023-W38-4", "20230921T100000+0400", "2023-09-21T10"])
def test_compact_date_is_not_a_date(value):
    # datetime.fromisoformat would read these; the archive asks for the plain ISO form
    assert parsed(value) == (None, [f'"{value}" is not a date '
                                    "(write YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+HH:MM)"])


def test_impossible_time_is_an_impossible_date():
    result, problems = parsed("2023-09-21T25:00:00+04:00")
    assert result is None
    assert problems[0].startswith('impossible date "2023-09-21T25:00:00+04:00"')


def test_iso_date_reports_at_the_value_line():
    f = fields("title: x\ndate: 2023-02-30\n", first_line=2)
    assert f.iso_date("date") is None
    assert messages(f)[0].startswith('f.md:3: impossible date "2023-02-30"')


# --- typed values -------------------------------------------------------------------


def test_required_text_missing_points_at_the_mapping():
    f = fields("date: 2023-09-21\n", first_line=2)
    assert f.text("title", required=True) is None
    assert messages(f) == ['f.md:2: missing required key "title" (add a line "title: …")']


def test_required_key_present_but_empty_is_reported_at_its_line():
    f = fields("date: 2023-09-21\ntitle:\n")
    assert f.text("title", required=True) is None
    assert messages(f) == ['f.md:2: "title" is empty (give it a value)']


def test_nested_required_key_present_but_empty_names_the_dotted_key():
    f = Fields(parse_yaml("anna:\n  kind: person\n  name:\n"), "people.yaml", ("anna",))
    assert f.text("name", required=True) is None
    assert messages(f) == ['people.yaml:3: "anna.name" is empty (give it a value)']


def test_empty_optional_key_is_no_problem():
    f = fields("title: x\nvenue:\n")
    assert f.text("venue") is None and messages(f) == []


def test_required_text_empty_string():
    f = fields('title: "  "\n')
    assert f.text("title", required=True) == ""
    assert messages(f) == ['f.md:1: "title" is empty']


def test_text_refuses_lists_and_mappings():
    f = fields("title: [a, b]\nvenue:\n  a: b\n")
    f.text("title"), f.text("venue")
    assert messages(f) == ['f.md:1: "title" must be text, not a list',
                           'f.md:3: "venue" must be text, not a mapping']


def test_numbers_become_text():
    assert fields("title: 1984\n").text("title") == "1984"


def test_boolean_refuses_yes():
    f = fields("draft: yes\n")
    assert f.boolean("draft") is False
    assert messages(f) == ['f.md:1: "draft" must be true or false, not "yes"']


def test_choice():
    f = fields("date_confidence: certain\n")
    assert f.choice("date_confidence", ("high", "low")) is None
    assert messages(f) == ['f.md:1: "date_confidence" must be one of high, low, not "certain"']


def test_integer_minimum_and_bool():
    f = fields("a: 0\nb: true\nc: 5\n")
    assert (f.integer("a", 7, minimum=1), f.integer("b", 7), f.integer("c", 7)) == (7, 7, 5)
    assert len(f.diagnostics) == 2


def test_single_value_counts_as_list_of_one():
    assert fields("topics: budget\n").text_list("topics") == ("budget",)


def test_list_item_of_wrong_kind_reports_its_line():
    f = fields("topics:\n  - a\n  - {x: 1}\n")
    assert f.text_list("topics") == ("a",)
    assert messages(f) == ['f.md:3: "topics" item 2 must be text, not a mapping']


def test_id_list_deduplicates_and_rejects_non_slugs():
    f = fields("topics:\n  - budget\n  - budget\n  - Nagorno Karabakh\n")
    assert f.id_list("topics") == ("budget",)
    assert messages(f) == ['f.md:4: "Nagorno Karabakh" is not a valid id '
                           '(ids are lowercase ASCII slugs, like "nagorno-karabakh")']


def test_language_code():
    f = fields("language: no\ntranslations: English\n")
    assert f.language("language") == "no"
    assert f.language("translations") is None
    assert messages(f)[0].startswith('f.md:2: "English" is not a language code')


def test_unknown_key_with_suggestion_and_hint():
    f = fields("title: x\ntpoics: [a]\n")
    f.reject_unknown(("title", "topics"), hint='put custom keys under "extra:"')
    assert messages(f) == ['f.md:2: unknown key "tpoics" '
                           '(did you mean "topics"? Otherwise put custom keys under "extra:")']


def test_unknown_key_with_suggestion_and_no_hint():
    f = fields("title: x\ntpoics: [a]\n")
    f.reject_unknown(("title", "topics"))
    assert messages(f) == ['f.md:2: unknown key "tpoics" (did you mean "topics"?)']


def test_typo_of_a_required_key_is_not_also_missing():
    f = fields("titel: x\ndate: 2023-09-21\n", first_line=2)
    f.reject_unknown(("title", "date"))
    assert f.text("title", required=True) is None
    assert messages(f) == ['f.md:2: unknown key "titel" (did you mean "title"?)']


def test_required_key_still_missing_when_the_typo_was_taken_for_another():
    f = fields("dtae: 2023-09-21\n")
    f.reject_unknown(("title", "date"))
    f.text("title", required=True)
    assert messages(f) == ['f.md:1: unknown key "dtae" (did you mean "date"?)',
                           'f.md:1: missing required key "title" (add a line "title: …")']


def test_unknown_key_without_suggestion_lists_known_keys():
    f = fields("zzz: 1\n")
    f.reject_unknown(("title", "date"))
    assert messages(f) == ['f.md:1: unknown key "zzz" (known keys: title, date)']


def test_unknown_key_is_reported_at_the_key_line():
    f = fields("title: x\ntpoics:\n  - a\n")
    f.reject_unknown(("title", "topics"))
    assert f.diagnostics[0].line == 2


def test_unknown_nested_key_is_reported_at_the_key_line():
    f = Fields(parse_yaml("title: x\nsource:\n  url: u\n  outlt:\n    - a\n"), "f.md", ("source",))
    f.reject_unknown(("url", "outlet"))
    assert messages(f) == ['f.md:4: unknown key "outlt" (did you mean "outlet"?)']


@pytest.mark.parametrize("key", ["2024", "true", "null"])
def test_unknown_non_text_key_is_reported_as_written_at_its_line(key):
    f = fields(f"title: x\n{key}: y\n")
    f.reject_unknown(("title",))
    assert messages(f) == [f'f.md:2: unknown key "{key}" (known keys: title)']


def test_nested_fields_name_the_dotted_key():
    f = Fields(parse_yaml("source:\n  url: [1]\n"), "f.md", ("source",))
    f.text("url")
    assert messages(f) == ['f.md:2: "source.url" must be text, not a list']


def test_slugify_and_did_you_mean():
    assert slugify("Nagorno-Karabakh (région)") == "nagorno-karabakh-region"
    assert did_you_mean("budgte", ["budget", "museums"]) == 'did you mean "budget"?'
    assert did_you_mean("zzz", ["budget"]) == ""
