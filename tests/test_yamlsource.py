"""yamlsource: narrowed implicit types and line numbers for later messages."""

import pytest

from sitegen.yamlsource import YamlSyntaxError, parse_yaml


def test_no_yes_on_off_stay_strings():
    doc = parse_yaml("language: no\na: yes\nb: on\nc: off\nd: n\n")
    assert doc.data == {"language": "no", "a": "yes", "b": "on", "c": "off", "d": "n"}


def test_true_and_false_are_booleans():
    assert parse_yaml("a: true\nb: False\n").data == {"a": True, "b": False}


def test_dates_and_datetimes_stay_strings():
    doc = parse_yaml("d: 2023-09-21\nt: 2023-09-21T10:00:00+04:00\nbad: 2023-02-30\n")
    assert doc.data == {"d": "2023-09-21", "t": "2023-09-21T10:00:00+04:00", "bad": "2023-02-30"}


def test_numbers_and_null_keep_their_types():
    assert parse_yaml("n: 3\nf: 1.5\nz: ~\n").data == {"n": 3, "f": 1.5, "z": None}


def test_line_of_nested_keys_and_list_items():
    doc = parse_yaml("title: x\nsource:\n  outlet: a\n  url: b\ntopics:\n  - one\n  - two\n")
    assert doc.line_of("title") == 1
    assert doc.line_of("source", "url") == 4
    assert doc.line_of("topics", 1) == 7


def test_line_of_is_offset_by_first_line():
    doc = parse_yaml("title: x\nsource:\n  url: b\n", first_line=2)
    assert doc.line_of("source", "url") == 4


def test_line_of_missing_key_falls_back_to_parent():
    doc = parse_yaml("title: x\nsource:\n  outlet: a\n")
    assert doc.line_of("source", "sha256") == 3  # the mapping under source: starts on line 3
    assert doc.line_of("nope") == 1


def test_top_level_lines_include_list_items():
    doc = parse_yaml("title: x\ntopics:\n  - a\n  - b\n", first_line=2)
    assert doc.top_level_lines() == {"title": 2, "topics": 3, "topics/0": 4, "topics/1": 5}


def test_key_line_is_the_key_not_its_value():
    doc = parse_yaml("title: x\ntopics:\n  - a\n")
    assert doc.key_line("topics") == 2


def test_syntax_error_carries_the_file_line():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("title: x\nvenue: a: b\n", first_line=2)
    assert caught.value.line == 3
    assert caught.value.message.startswith("invalid YAML: mapping values are not allowed")


def test_tab_indentation_is_a_syntax_error():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a:\n\t- b\n")
    assert caught.value.line == 2


def test_empty_text_is_none():
    doc = parse_yaml("")
    assert doc.data is None and doc.line_of("x") is None


def test_two_documents_are_an_error():
    with pytest.raises(YamlSyntaxError):
        parse_yaml("a: 1\n---\nb: 2\n")


def test_duplicate_key_is_an_error_with_its_line():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("title: first\ndate: 2023-09-21\ntitle: second\n", first_line=2)
    assert caught.value.line == 4
    assert caught.value.message == 'key "title" appears twice (first on line 2); only one can count'


def test_duplicate_nested_key_is_an_error():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("speakers:\n  - id: a\n    id: b\n")
    assert caught.value.line == 3


def test_same_key_in_two_mappings_is_fine():
    assert parse_yaml("a:\n  id: 1\nb:\n  id: 2\n").data == {"a": {"id": 1}, "b": {"id": 2}}
