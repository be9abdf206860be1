"""load: the whole archive validated together; clashes and unknown ids across files."""

import os

import pytest

from sitegen.build.input_stamp import input_stamp
from sitegen.core.config import load_config
from sitegen.core.diagnostics import Severity, SitegenError, warning
from sitegen.archive.load import Checked, article_files, load_archive, scan_archive
from tests.factory import make_archive, md

A = "content/articles/2023/"


def archive(tmp_path, monkeypatch, files=None, **options):
    root = make_archive(tmp_path, files, site_files=False)
    monkeypatch.chdir(root)
    return load_archive(load_config(root), **options)


def problems(tmp_path, monkeypatch, files, **options) -> list[str]:
    with pytest.raises(SitegenError) as caught:
        archive(tmp_path, monkeypatch, files, **options)
    return [d.format() for d in caught.value.diagnostics]


def test_base_archive_loads(tmp_path, monkeypatch):
    loaded = archive(tmp_path, monkeypatch)
    assert [a.id for a in loaded.articles] == ["2023-09-21-smyth-on-budget"]
    assert loaded.warnings == ()
    assert loaded.articles[0].path == A + "2023-09-21-smyth-on-budget.md"


def test_drafts_only_when_asked(tmp_path, monkeypatch):
    files = {A + "2023-10-01-draft.md": md("title: D\ndate: 2023-10-01\ndraft: true")}
    assert len(archive(tmp_path, monkeypatch, files).articles) == 1
    assert len(archive(tmp_path / "again", monkeypatch, files, drafts=True).articles) == 2


def test_duplicate_id_names_both_files(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, {
        "content/articles/2024/2023-09-21-smyth-on-budget.md": md("title: Y\ndate: 2023-09-21")})
    assert found[0] == ('content/articles/2024/2023-09-21-smyth-on-budget.md:1: id "2023-09-21-smyth-on-budget" '
                        f"is also claimed by {A}2023-09-21-smyth-on-budget.md (rename one of the two files)")


def test_duplicate_url_names_both_files(tmp_path, monkeypatch):
    # one message for the pair, at the date line of the second file
    assert problems(tmp_path, monkeypatch, {A + "smyth-on-budget.md": md("title: Y\ndate: 2023-09-21")}) == [
        f"{A}smyth-on-budget.md:3: URL /2023/09/21/smyth-on-budget/ is also claimed by "
        f"{A}2023-09-21-smyth-on-budget.md (give one of the two articles a different slug or date)"]


def test_duplicate_id_is_not_also_a_duplicate_url(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, {
        "content/articles/2024/2023-09-21-smyth-on-budget.md": md("title: Y\ndate: 2023-09-21")})
    assert len(found) == 1 and ' id "2023-09-21-smyth-on-budget" ' in found[0]


def test_clash_paths_are_relative_to_the_working_folder(tmp_path, monkeypatch):
    root = make_archive(tmp_path, {
        "content/articles/2024/2023-09-21-smyth-on-budget.md": md("title: Y\ndate: 2023-09-21")},
        site_files=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SitegenError) as caught:
        load_archive(load_config(root))
    assert [d.format() for d in caught.value.diagnostics] == [
        'site/content/articles/2024/2023-09-21-smyth-on-budget.md:1: id "2023-09-21-smyth-on-budget" '
        f"is also claimed by site/{A}2023-09-21-smyth-on-budget.md (rename one of the two files)"]


def test_article_path_stays_relative_to_the_archive(tmp_path, monkeypatch):
    root = make_archive(tmp_path, site_files=False)
    monkeypatch.chdir(tmp_path)
    assert load_archive(load_config(root)).articles[0].path == A + "2023-09-21-smyth-on-budget.md"


UNKNOWN = md("""
title: Unknowns
date: 2023-10-01
speakers:
  - jane-smith
topics:
  - budget
  - budgte
places: [zzz]
people: [bob]
""")


def test_unknown_ids_warn_with_lines(tmp_path, monkeypatch):
    loaded = archive(tmp_path, monkeypatch, {A + "2023-10-01-u.md": UNKNOWN})
    assert [a.id for a in loaded.articles] == ["2023-09-21-smyth-on-budget", "2023-10-01-u"]
    assert {d.severity for d in loaded.warnings} == {Severity.WARNING}
    assert [d.format() for d in loaded.warnings] == [
        f'{A}2023-10-01-u.md:5: warning: unknown speaker "jane-smith" (did you mean "jane-smyth"?)',
        f'{A}2023-10-01-u.md:8: warning: unknown topic "budgte" (did you mean "budget"?)',
        f'{A}2023-10-01-u.md:9: warning: unknown place "zzz" (add it to content/places.yaml)',
        f'{A}2023-10-01-u.md:10: warning: unknown person "bob" (add it to content/people.yaml)',
    ]


def test_unknown_ids_fail_under_strict(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, {A + "2023-10-01-u.md": UNKNOWN}, strict=True)
    assert found[0] == f'{A}2023-10-01-u.md:5: unknown speaker "jane-smith" (did you mean "jane-smyth"?)'
    assert len(found) == 4


def test_unknown_outlet_points_at_the_outlet_line(tmp_path, monkeypatch):
    loaded = archive(tmp_path, monkeypatch, {
        A + "2023-10-01-o.md": md("title: O\ndate: 2023-10-01\nsource:\n  url: https://x.test/\n  outlet: daily")})
    assert [d.format() for d in loaded.warnings] == [
        f'{A}2023-10-01-o.md:6: warning: unknown outlet "daily" (add it to content/outlets.yaml)']


def test_unknown_topic_after_a_repeated_one_points_at_its_own_line(tmp_path, monkeypatch):
    loaded = archive(tmp_path, monkeypatch, {
        A + "2023-10-01-t.md": md("title: T\ndate: 2023-10-01\ntopics:\n  - budget\n  - budget\n  - zzz")})
    assert [d.format() for d in loaded.warnings] == [
        f'{A}2023-10-01-t.md:7: warning: unknown topic "zzz" (add it to content/topics.yaml)']


def test_repeated_unknown_topic_is_reported_once_at_its_first_line(tmp_path, monkeypatch):
    loaded = archive(tmp_path, monkeypatch, {
        A + "2023-10-01-t.md": md("title: T\ndate: 2023-10-01\ntopics:\n  - zzz\n  - budget\n  - zzz")})
    assert [(d.line, d.message) for d in loaded.warnings] == [(5, 'unknown topic "zzz"')]


def test_unknown_speaker_given_as_a_mapping_points_at_its_item(tmp_path, monkeypatch):
    loaded = archive(tmp_path, monkeypatch, {
        A + "2023-10-01-s.md": md("title: S\ndate: 2023-10-01\nspeakers:\n  - jane-smyth\n"
                                  "  - id: bob\n    role: Host")})
    assert [(d.line, d.message) for d in loaded.warnings] == [(6, 'unknown speaker "bob"')]


def test_file_name_date_disagreeing_with_date_warns(tmp_path, monkeypatch):
    loaded = archive(tmp_path, monkeypatch, {A + "2023-10-01-w.md": md("title: W\ndate: 2023-10-02")})
    assert [d.format() for d in loaded.warnings] == [
        f"{A}2023-10-01-w.md:3: warning: file name says 2023-10-01 but the date is 2023-10-02 "
        "(rename the file to 2023-10-02-w.md)"]


def test_errors_of_every_file_come_together(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, {
        A + "2023-10-01-a.md": md("title: A"),
        A + "2023-10-02-b.md": "",
        "content/articles/2024/2024-01-01-c.md": md("title: C\ndate: 2024-01-01\ntopics: [Bad Id]"),
    })
    assert [line.split(": ")[0] for line in found] == [
        f"{A}2023-10-01-a.md:2", f"{A}2023-10-02-b.md:1", "content/articles/2024/2024-01-01-c.md:4"]


def test_registry_and_article_errors_come_together(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, {
        "content/topics.yaml": "budget:\n  nmae: Budget\n",
        A + "2023-10-01-a.md": md("title: A"),
    })
    # the typo "nmae" is not also reported as a missing "name"
    assert found == [
        'content/topics.yaml:2: unknown key "nmae" (did you mean "name"?)',
        f'{A}2023-10-01-a.md:2: missing required key "date" (add a line "date: …")',
    ]


def test_ids_are_not_checked_against_a_registry_that_failed(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, {
        "content/topics.yaml": "budget:\n  name: [Budget\n",
        A + "2023-10-01-t.md": md("title: T\ndate: 2023-10-01\ntopics: [budget]"),
    }, strict=True)
    assert found == [
        'content/topics.yaml:2: invalid YAML: a list in [ ] is not closed '
        '(close it with "]", and put items that contain "," "[" or "]" in quotes)']


def test_an_article_linked_from_outside_the_archive_is_refused(tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ntitle: Not ours\ndate: 2023-09-21\n---\nPrivate notes.\n")
    root = make_archive(tmp_path / "site", None, site_files=False)
    (root / A / "2023-09-21-linked.md").symlink_to(outside)
    monkeypatch.chdir(root)
    with pytest.raises(SitegenError) as caught:
        load_archive(load_config(root))
    assert [d.format() for d in caught.value.diagnostics] == [
        f"{A}2023-09-21-linked.md: is a symbolic link to a file outside the archive "
        "(replace the link with the file itself)"]


def test_the_files_the_input_walk_saw_are_the_files_on_disk(tmp_path):
    """The build hands the survey the files its input walk found (build/input_walk.py) instead
    of listing the folder again: the same files, in the same order, with the same sizes and
    mtimes, links as links."""
    root = make_archive(tmp_path / "site", {
        A + "2023-10-01-b.md": md("title: B\ndate: 2023-10-01"),
        "content/articles/2023-10/2023-10-02-c.md": md("title: C\ndate: 2023-10-02"),
        "content/articles/2023/notes.txt": "not an article",
    }, site_files=False)
    (root / A / "2023-10-03-linked.md").symlink_to(root / A / "2023-10-01-b.md")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "2023-10-04-far.md").write_text(md("title: F\ndate: 2023-10-04"))
    (root / "content" / "articles" / "linked-folder").symlink_to(tmp_path / "elsewhere")  # not followed
    config = load_config(root)
    _, seen = input_stamp(config)
    listed = article_files(config.content_dir)
    assert article_files(config.content_dir, seen) == listed
    assert [(os.path.basename(path), linked) for path, (_, _, linked) in listed] == [
        ("2023-10-02-c.md", False), ("2023-09-21-smyth-on-budget.md", False), ("2023-10-01-b.md", False),
        ("2023-10-03-linked.md", True)]


def test_a_linked_articles_folder_is_listed_from_the_disk(tmp_path):
    """The input walk does not follow a link to a folder; the survey then lists the folder itself,
    as it always did."""
    root = make_archive(tmp_path / "site", None, site_files=False)
    (root / "content" / "articles").rename(tmp_path / "kept-elsewhere")
    (root / "content" / "articles").symlink_to(tmp_path / "kept-elsewhere")
    config = load_config(root)
    _, seen = input_stamp(config)
    found = article_files(config.content_dir, seen)
    assert [os.path.basename(path) for path, _ in found] == ["2023-09-21-smyth-on-budget.md"]


def test_an_earlier_scans_findings_stand_while_only_bodies_change(tmp_path):
    """With ``checked`` (an earlier scan of the same registries), the whole-collection checks
    are not run again while every file has the same front-matter: their findings stand."""
    root = make_archive(tmp_path / "site", {A + "2023-10-01-t.md": md("title: T\ndate: 2023-10-01\ntopics: [zzz]")},
                        site_files=False)
    config = load_config(root)
    first = scan_archive(config)
    assert [d.message for d in first.diagnostics] == ['unknown topic "zzz"']
    stand_in = (warning(root / A / "2023-10-01-t.md", 1, "what the earlier scan found", "nothing"),)
    path = root / A / "2023-10-01-t.md"
    path.write_text(path.read_text(encoding="utf-8") + "Another sentence.\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    again = scan_archive(config, cache=first.sources, checked=Checked(first.sources, stand_in))
    assert again.same_collection and again.diagnostics == stand_in  # not worked out again
    assert again.sources[A + "2023-10-01-t.md"] is not first.sources[A + "2023-10-01-t.md"]  # parsed again

    path.write_text(path.read_text(encoding="utf-8").replace("[zzz]", "[zzy]"), encoding="utf-8")
    os.utime(path, ns=(2, 2))
    changed = scan_archive(config, cache=first.sources, checked=Checked(first.sources, stand_in))
    assert not changed.same_collection
    assert [d.message for d in changed.diagnostics] == ['unknown topic "zzy"']


def test_an_earlier_scans_findings_do_not_stand_for_another_set_of_files(tmp_path):
    root = make_archive(tmp_path / "site", None, site_files=False)
    config = load_config(root)
    first = scan_archive(config)
    (root / A / "2023-10-01-new.md").write_text(md("title: N\ndate: 2023-10-02"), encoding="utf-8")
    again = scan_archive(config, cache=first.sources, checked=Checked(first.sources, ()))
    assert not again.same_collection
    assert [d.message for d in again.diagnostics] == ["file name says 2023-10-01 but the date is 2023-10-02"]
