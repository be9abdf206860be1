"""config: site.yaml → a frozen Config; every problem named with its line."""

import dataclasses

import pytest

from sitegen.core.config import load_config
from sitegen.core.diagnostics import SitegenError


def config_from(tmp_path, text: str | bytes):
    path = tmp_path / "site.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_config(tmp_path)


def problems(tmp_path, text, monkeypatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SitegenError) as caught:
        config_from(tmp_path, text)
    return [d.format() for d in caught.value.diagnostics]


def test_minimal_config_and_defaults(tmp_path):
    config = config_from(tmp_path, "title: T\nbase_url: https://example.org\n")
    assert config.title == "T"
    assert config.base_url == "https://example.org/"
    assert (config.language, config.home_items, config.feed_items) == ("en", 20, 20)
    assert config.base_path == "/"
    assert config.content_dir == tmp_path / "content"


def test_sub_path_base_url(tmp_path):
    config = config_from(tmp_path, "title: T\nbase_url: https://user.github.io/project\n")
    assert config.base_url == "https://user.github.io/project/"
    assert config.base_path == "/project/"


def test_norwegian_language_stays_no(tmp_path):
    assert config_from(tmp_path, "title: T\nbase_url: https://x.org/\nlanguage: no\n").language == "no"


def test_config_is_frozen(tmp_path):
    config = config_from(tmp_path, "title: T\nbase_url: https://x.org/\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.title = "other"


def test_with_base_url_normalises(tmp_path):
    config = config_from(tmp_path, "title: T\nbase_url: https://x.org/\n")
    assert config.with_base_url("http://127.0.0.1:8000").base_url == "http://127.0.0.1:8000/"


def test_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SitegenError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == ("site.yaml: no site.yaml here "
                                 "(run sitegen from the archive's folder, or pass --root)")


def test_unknown_keys_all_reported_with_suggestions(tmp_path, monkeypatch):
    assert problems(tmp_path, "title: T\nbase_url: https://x.org/\nbaseurl: x\ncolour: red\n",
                    monkeypatch) == [
        'site.yaml:3: unknown key "baseurl" (did you mean "base_url"?)',
        'site.yaml:4: unknown key "colour" (known keys: title, description, base_url, language, '
        'author, home_items, feed_items, page_items, repository, repository_branch, search)',
    ]


def test_missing_title_and_relative_base_url(tmp_path, monkeypatch):
    assert problems(tmp_path, "base_url: /archive/\n", monkeypatch) == [
        'site.yaml:1: missing required key "title" (add a line "title: …")',
        'site.yaml:1: base_url "/archive/" is not an absolute http(s) URL '
        '(write e.g. "https://example.org/" or "https://user.github.io/project/")',
    ]


def test_bad_values(tmp_path, monkeypatch):
    found = problems(tmp_path, "title: T\nbase_url: https://x.org/\nlanguage: English\nhome_items: 0\n",
                     monkeypatch)
    assert [line.split(": ")[0] for line in found] == ["site.yaml:3", "site.yaml:4"]


def test_search_setting(tmp_path, monkeypatch):
    base = "title: T\nbase_url: https://x.org/\n"
    assert config_from(tmp_path, base).search == "auto"
    assert [config_from(tmp_path, f"{base}search: {value}\n").search
            for value in ("auto", "true", "false")] == ["auto", "on", "off"]
    assert problems(tmp_path, f"{base}search: sometimes\n", monkeypatch) == [
        'site.yaml:3: "search" must be auto, true or false, not "sometimes" '
        "(auto (the default) and true build the search index; false builds none)"]


def test_malformed_yaml_names_the_line(tmp_path, monkeypatch):
    assert problems(tmp_path, "title: T\nbase_url: a: b\n", monkeypatch) == [
        'site.yaml:2: invalid YAML: a colon and a space (": ") inside a value '
        '(a value that contains ": " must be put in quotes)']


def test_unclosed_list_names_a_line_of_the_file(tmp_path, monkeypatch):
    assert problems(tmp_path, "title: T\nbase_url: [https://x.org/\n", monkeypatch) == [
        'site.yaml:2: invalid YAML: a list in [ ] is not closed '
        '(close it with "]", and put items that contain "," "[" or "]" in quotes)']


def test_empty_title_is_reported_at_its_line(tmp_path, monkeypatch):
    assert problems(tmp_path, "base_url: https://x.org/\ntitle:\n", monkeypatch) == [
        'site.yaml:2: "title" is empty (give it a value)']


def test_typo_of_title_is_not_also_missing(tmp_path, monkeypatch):
    assert problems(tmp_path, "titel: T\nbase_url: https://x.org/\n", monkeypatch) == [
        'site.yaml:1: unknown key "titel" (did you mean "title"?)']


def test_not_a_mapping(tmp_path, monkeypatch):
    assert problems(tmp_path, "- a\n- b\n", monkeypatch) == [
        'site.yaml:1: site.yaml must be a mapping of settings (write lines like "title: My archive")']


def test_not_utf8(tmp_path, monkeypatch):
    assert problems(tmp_path, "title: T\nauthor: Caf\xe9\n".encode("latin-1"), monkeypatch) == [
        "site.yaml:2: file is not valid UTF-8: byte 0xe9 cannot be decoded (re-save the file with UTF-8 encoding)"]


def test_byte_order_mark_is_accepted(tmp_path):
    config = config_from(tmp_path, "\ufefftitle: T\nbase_url: https://x.org/\n")
    assert config.title == "T"


def test_site_yaml_that_is_a_folder_is_a_message(tmp_path, monkeypatch):
    (tmp_path / "site.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SitegenError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith("site.yaml: ")


def test_site_yaml_that_is_a_folder_says_so(tmp_path, monkeypatch):
    (tmp_path / "site.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SitegenError) as caught:
        load_config(tmp_path)
    assert "folder" in str(caught.value) and "no site.yaml here" not in str(caught.value)
