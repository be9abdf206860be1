"""yamlsource: narrowed implicit types and line numbers for later messages."""

import pytest
import yaml

from sitegen.core.yamldoc import YamlSyntaxError, _explain, _nested_too_deep, parse_yaml
from sitegen.core.yamlwording import GENERIC_HINT


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
    assert caught.value.message == 'invalid YAML: a colon and a space (": ") inside a value'
    assert caught.value.hint == 'a value that contains ": " must be put in quotes'


# Each kind of mistake a curator makes, and what sitegen says of it: its own
# words, not PyYAML's, so that a PyYAML release that rewords an error changes nothing here
# unless sitegen no longer recognises it (then this table names the kind).
@pytest.mark.parametrize("text, line, message, hint", [
    ("title: x\ntopics: [a, b\nvenue: c\n", 3, "a list in [ ] is not closed; the list starts on line 2",
     'close it with "]", and put items that contain "," "[" or "]" in quotes'),
    ("a: {x: 1\nb: c\n", 2, "a mapping in { } is not closed; the mapping starts on line 1",
     'close it with "}", and put values that contain "," "{" or "}" in quotes'),
    ("a:\n  - 1\n  b: 2\n", 3, 'a line inside a list does not start with "- "; the list starts on line 2',
     "line list items up under each other"),
    ("a:\n  b: 1\n c: 2\n", 3, 'a line inside a mapping is not a "key: value" line; the mapping starts on line 1',
     "line keys up under each other, and put values that start with a special character in quotes"),
    ('title: x\nvenue: "Hall\n', 2, "quoted text is not closed", "end it with the same quote mark it starts with"),
    ('a: "x\\q"\n', 1, 'an unknown escape sequence ("\\…") in double-quoted text',
     'write "\\\\" for a backslash, or use single quotes'),
    ("a:\n\t- b\n", 2, "a tab character where YAML wants spaces", "indent with spaces"),
    ("a: @x\n", 1, '"@" cannot start a value here', "put the value in quotes"),
    ("a: *x\n", 1, "an alias (*name) that no anchor (&name) defines", "put values that start with * in quotes"),
    ("a: &\n", 1, "an anchor or alias (& or *) without a name", "put values that start with & or * in quotes"),
    ("title: x\nvenue: !!python/object/apply:os.system [ls]\n", 2, "a YAML tag (!!…) where a plain value belongs",
     "YAML tags (!!python/…) are not allowed; write plain values"),
    ("a: !x!y b\n", 1, "a YAML tag (!…) where a plain value belongs", "put values that start with ! in quotes"),
    ("a: 1\n---\nb: 2\n", 2, 'a second document (a line "---")',
     "keep one document; front-matter ends at its closing ---"),
    ("a: 1\n...\nb\n", 3, "text after the end of the document", "indent it under a key, or remove it"),
    ("? [a]\n: b\n", 1, "a key that is a list or mapping", "keys are plain words"),
])
def test_each_kind_of_syntax_error_in_sitegens_words(text, line, message, hint):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message, caught.value.hint) == (line, f"invalid YAML: {message}", hint)


def test_a_problem_sitegen_has_no_words_for_is_still_located():
    mark = yaml.Mark("<text>", 7, 1, 3, None, None)
    error = yaml.MarkedYAMLError(None, None, "found a new kind of mistake", mark)
    explained = _explain(error, "a: 1\nb: ?\n", first_line=4)
    assert (explained.line, explained.message) == (5, "invalid YAML: found a new kind of mistake")
    assert explained.hint == GENERIC_HINT


def test_unclosed_list_in_a_short_file_points_at_a_line_that_exists():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("riverton:\n  name: [Riverton\n")
    assert caught.value.line == 2  # the file has two lines; PyYAML's mark is past the end


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


def test_too_deep_is_found_whatever_libyaml_said():
    # libyaml may stop first at a limit of its own, worded as its release likes
    # (PyYAML 6.0.4: "exceeded maximum nesting depth" at 1,000 levels)
    block = "extra:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(70)) + " " * 71 + "x: y\n"
    error = _nested_too_deep(block, first_line=2)
    assert error.message == "invalid YAML: lists or mappings nested more than 64 deep"
    assert error.line == 2 + 64
    assert _nested_too_deep("a: [1, 2\nb: c\n", first_line=1) is None  # another mistake: not this one
    assert _nested_too_deep("a: [[[1]]]\n", first_line=1) is None


def test_data_nested_64_deep_and_a_list_inside_itself_are_read():
    assert parse_yaml("extra: " + "[" * 63 + "1" + "]" * 63).data["extra"]
    looped = parse_yaml("a: &a [*a]\n").data["a"]
    assert looped[0] is looped
