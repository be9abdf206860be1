"""frontmatter: "---" fences around YAML, body after, with file lines."""

import os

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.archive.frontmatter import FrontMatterError, split_front_matter


def test_split_with_lines():
    split = split_front_matter("---\ntitle: x\ndate: 2023-09-21\n---\nBody line.\n")
    assert split.yaml_text == "title: x\ndate: 2023-09-21"
    assert split.yaml_first_line == 2
    assert split.body == "Body line.\n"
    assert split.body_line == 5


def test_dots_close_the_yaml_too():
    assert split_front_matter("---\ntitle: x\n...\nBody\n").body == "Body\n"


def test_trailing_spaces_on_fences_are_fine():
    assert split_front_matter("---  \ntitle: x\n--- \nBody").body == "Body"


def test_a_later_fence_in_the_body_stays_in_the_body():
    split = split_front_matter("---\ntitle: x\n---\nOne\n---\nTwo\n")
    assert split.body == "One\n---\nTwo\n"


def test_empty_front_matter_and_empty_body():
    split = split_front_matter("---\n---\n")
    assert (split.yaml_text, split.body, split.body_line) == ("", "", 3)


@pytest.mark.parametrize("text", ["", "  \n\n", "\n"])
def test_empty_file(text):
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(text)
    assert (caught.value.line, caught.value.message) == (1, "empty file")
    assert "delete the file" in caught.value.hint


@pytest.mark.parametrize("text", ["title: x\n---\nBody\n", "\n---\ntitle: x\n---\n", "+++\ntitle = 'x'\n+++\n"])
def test_no_front_matter(text):
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(text)
    assert (caught.value.line, caught.value.message) == (1, "no front-matter found")
    assert caught.value.hint == 'start the file with a line "---", then the YAML keys, then "---"'


def test_unclosed_front_matter():
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter("---\ntitle: x\ndate: 2023-09-21\nBody\n")
    assert (caught.value.line, caught.value.message) == (1, "front-matter is not closed")
    assert caught.value.hint == 'add a line "---" after the last YAML key'


def split_by_lines(text):
    """The plain statement of the rule, line by line: what split_front_matter must equal."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return "no front-matter"
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return ("\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2)
    return "not closed"


@settings(max_examples=int(os.environ.get("SITEGEN_HYPOTHESIS_EXAMPLES", "100")) * 5, deadline=None)
@given(st.lists(st.sampled_from(["---", "--- ", "...", "---x", " ---", "", "title: x", "a\x85", "b\u2028",
                                 "\x0c", "---\x0b"]), max_size=8).map("\n".join))
def test_split_agrees_with_splitting_into_lines(text):
    if not text.strip():
        return
    try:
        split = split_front_matter(text)
        got = (split.yaml_text, split.body, split.body_line)
    except FrontMatterError as exc:
        got = "no front-matter" if exc.message == "no front-matter found" else "not closed"
    assert got == split_by_lines(text)
