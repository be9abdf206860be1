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
    assert doc.top_level_lines() == {"title": 2, "topics": 3, "topics/0": 4, "topics/1": 5,
                                     "topics=a": 4, "topics=b": 5}


def test_top_level_lines_value_entries_keep_the_first_occurrence():
    doc = parse_yaml("topics:\n  - a\n  - a\n  - b\n")
    lines = doc.top_level_lines()
    assert (lines["topics=a"], lines["topics=b"]) == (2, 4)
    assert (lines["topics/0"], lines["topics/1"], lines["topics/2"]) == (2, 3, 4)


def test_top_level_lines_name_speakers_by_id():
    doc = parse_yaml("speakers:\n  - id: a\n    role: x\n  - b\n  - role: only\n")
    lines = doc.top_level_lines()
    assert (lines["speakers=a"], lines["speakers=b"]) == (2, 4)
    assert not any(key.startswith("speakers=") for key in lines if key not in ("speakers=a", "speakers=b"))


def test_top_level_lines_include_keys_of_a_nested_mapping():
    doc = parse_yaml("title: x\nsource:\n  url: https://x.test/\n  outlet: daily\n", first_line=2)
    lines = doc.top_level_lines()
    assert (lines["source"], lines["source.url"], lines["source.outlet"]) == (3, 4, 5)


def test_key_line_is_the_key_not_its_value():
    doc = parse_yaml("title: x\ntopics:\n  - a\n")
    assert doc.key_line("topics") == 2


def test_key_line_follows_a_path_to_a_nested_key():
    doc = parse_yaml("title: x\nsource:\n  url: u\n  outlet:\n    - a\n", first_line=2)
    assert doc.key_line("source", "outlet") == 5
    assert doc.key_line("source", "missing") == 4  # falls back to the mapping under source:
    assert doc.key_line("nope") == 2


def test_syntax_error_carries_the_file_line():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("title: x\nvenue: a: b\n", first_line=2)
    assert caught.value.line == 3
    assert caught.value.message == "invalid YAML: mapping values are not allowed in this context"
    assert caught.value.hint == 'a value that contains ": " must be put in quotes'


def test_syntax_error_names_the_construct_it_was_in():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("title: x\ntopics: [a, b\nvenue: c\n", first_line=2)
    assert caught.value.line == 4
    assert caught.value.message == ("invalid YAML: did not find expected ',' or ']' "
                                    "in the […] list that starts on line 3")
    assert caught.value.hint == "check the indentation and quoting of this line and the one before"


def test_unclosed_list_in_a_short_file_points_at_a_line_that_exists():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("riverton:\n  name: [Riverton\n")
    assert caught.value.line == 2  # the file has two lines; PyYAML's mark is past the end


def test_unclosed_quote_points_at_where_it_starts():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml('title: x\nvenue: "Hall\n', first_line=2)
    assert caught.value.line == 3
    assert caught.value.message == ("invalid YAML: found unexpected end of stream "
                                    "in the quoted text that starts on line 3")


def test_yaml_tags_are_refused_with_their_own_hint():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("title: x\nvenue: !!python/object/apply:os.system [ls]\n")
    assert caught.value.line == 2
    assert caught.value.message.startswith("invalid YAML: could not determine a constructor for the tag")
    assert caught.value.hint == "YAML tags (!!python/…) are not allowed; write plain values"


@pytest.mark.parametrize("text", ["a: [\n", "a: [1,\n", "a: {\n"])
def test_unclosed_bracket_at_the_end_points_at_its_own_line(text):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert caught.value.line == 1
    assert "flow node" not in caught.value.message


@pytest.mark.parametrize("text", ["a:\n\t- b\n", "a: @x\n", "a: &\n", "a: 1\n---\nb: 2\n"])
def test_syntax_error_message_reads_as_a_sentence(text):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert " in the while " not in caught.value.message
    assert " in the single document " not in caught.value.message


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
    assert caught.value.message == 'key "title" appears twice (first on line 2)'
    assert caught.value.hint == "keep one of the two"


def test_duplicate_nested_key_is_an_error():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("speakers:\n  - id: a\n    id: b\n")
    assert caught.value.line == 3


def test_same_key_in_two_mappings_is_fine():
    assert parse_yaml("a:\n  id: 1\nb:\n  id: 2\n").data == {"a": {"id": 1}, "b": {"id": 2}}


def test_alias_bomb_is_parsed_without_blowing_up():
    # nine levels of nine-fold aliases would be 9**9 nodes if walked naively
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    doc = parse_yaml("\n".join(lines) + "\n")
    assert len(doc.data["a8"]) == 9


@pytest.mark.parametrize("text", [
    "extra: " + "[" * 65 + "1" + "]" * 65,  # flow lists, through libyaml
    "extra:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(70)) + " " * 71 + "x: y",  # plain shape
    "extra:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(3000)) + " " * 3001 + "x: 1",
    "".join(f"a{i}: &a{i} [*a{i - 1}]\n" if i else "a0: &a0 [1]\n" for i in range(100)),  # aliases nest too
])
def test_data_nested_too_deep_is_an_error_not_a_crash(text):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text, first_line=2)
    assert "nested more than 64 deep" in caught.value.message and caught.value.line >= 2


def test_data_nested_64_deep_and_a_list_inside_itself_are_read():
    assert parse_yaml("extra: " + "[" * 63 + "1" + "]" * 63).data["extra"]
    looped = parse_yaml("a: &a [*a]\n").data["a"]
    assert looped[0] is looped
