"""sitegen check: each check with a bad case and a good case, the output formats, PATHS."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from sitegen.check.checks import check
from sitegen.cli.main import main
from sitegen.core.config import load_config
from tests.factory import make_archive, md

A = "content/articles/2023/"
BASE = A + "2023-09-21-smyth-on-budget.md"
WORDS = ("minister budget parliament treaty border summit envoy council reform vote tariff "
         "pipeline grid harbour railway clinic school court press statement").split()


def prose(seed: int, words: int = 120) -> str:
    """Text that shares no five-word run with another seed's (a fresh order per seed)."""
    picked = [WORDS[(i * (seed + 3) + i // len(WORDS) * seed) % len(WORDS)] + str((i * seed) % 97)
              for i in range(words)]
    return " ".join(picked) + ".\n"


def run(root, monkeypatch, capsys, *args):
    monkeypatch.chdir(root)
    code = main(["--root", str(root), "check", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    return code, lines[:-1] if args[:2] != ("--format", "json") else lines, out


def problems(root, monkeypatch, capsys, *args):
    code, lines, _ = run(root, monkeypatch, capsys, *args)
    return code, lines


# --- the build's own validation ---------------------------------------------------------


def test_valid_archive_passes(tmp_path, monkeypatch, capsys):
    code, lines, out = run(make_archive(tmp_path), monkeypatch, capsys)
    assert (code, lines) == (0, [])
    assert out.startswith("sitegen check: 0 errors, 0 warnings in 1 article file (")


def test_what_build_rejects_check_rejects(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "2023-10-01-x.md": md("title: X\ndate: 2023-02-30")})
    assert problems(root, monkeypatch, capsys) == (1, [
        f'{A}2023-10-01-x.md:3: impossible date "2023-02-30": day is out of range for month '
        "(use a real calendar date)"])


def test_unknown_id_is_a_warning_with_did_you_mean(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "2023-10-01-u.md": md(
        "title: U\ndate: 2023-10-01\nspeakers:\n  - jane-smith")})
    expected = f'{A}2023-10-01-u.md:5: warning: unknown speaker "jane-smith" (did you mean "jane-smyth"?)'
    assert problems(root, monkeypatch, capsys) == (0, [expected])
    assert problems(root, monkeypatch, capsys, "--strict") == (1, [expected.replace("warning: ", "")])


def test_duplicate_id_names_both_files(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {"content/articles/2024/2023-09-21-smyth-on-budget.md":
                                   md("title: Again\ndate: 2023-09-21")})
    code, lines = problems(root, monkeypatch, capsys)
    assert code == 1
    assert lines == ["content/articles/2024/2023-09-21-smyth-on-budget.md: warning: is outside the expected "
                     "layout content/articles/YYYY/YYYY-MM-DD-<slug>.md (move it to "
                     f"{BASE})",
                     f'content/articles/2024/2023-09-21-smyth-on-budget.md:1: id "2023-09-21-smyth-on-budget" '
                     f"is also claimed by {BASE} (rename one of the two files)"]


def test_duplicate_url_is_reported_when_checking_either_file(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "smyth-on-budget.md": md("title: Z\ndate: 2023-09-21")})
    clash = (f"{A}smyth-on-budget.md:3: URL /2023/09/21/smyth-on-budget/ is also claimed by {BASE} "
             "(give one of the two articles a different slug or date)")
    for chosen in (BASE, A + "smyth-on-budget.md"):
        code, lines = problems(root, monkeypatch, capsys, chosen)
        assert code == 1 and clash in lines


# --- near-duplicates ----------------------------------------------------------------------


SHA = "a" * 64


def test_same_source_sha256_is_an_error_naming_both(tmp_path, monkeypatch, capsys):
    front = f"date: 2023-10-0{{}}\nsource:\n  sha256: {SHA}"
    root = make_archive(tmp_path, {A + "2023-10-01-one.md": md("title: One\n" + front.format(1), prose(1)),
                                   A + "2023-10-02-two.md": md("title: Two\n" + front.format(2), prose(2))})
    assert problems(root, monkeypatch, capsys) == (1, [
        f"{A}2023-10-02-two.md:5: same source as {A}2023-10-01-one.md: both were made from the raw file "
        "with sha256 aaaaaaaaaaaa… (keep one item and delete the other, or merge them)"])


def test_overlapping_text_is_a_near_duplicate(tmp_path, monkeypatch, capsys):
    story = prose(1)
    root = make_archive(tmp_path, {
        A + "2023-10-01-one.md": md("title: One\ndate: 2023-10-01", story),
        A + "2023-10-02-two.md": md("title: Two\ndate: 2023-10-02", "Reworded lead.\n\n" + story),
    })
    assert problems(root, monkeypatch, capsys) == (0, [
        f"{A}2023-10-02-two.md:5: warning: near-duplicate of {A}2023-10-01-one.md: 100% of the shorter "
        "text's 5-word runs appear in both (if it is the same story, keep one item; if not, reword it)"])


def test_different_stories_and_short_bodies_are_not_duplicates(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {
        A + "2023-10-01-one.md": md("title: One\ndate: 2023-10-01", prose(1)),
        A + "2023-10-02-two.md": md("title: Two\ndate: 2023-10-02", prose(2)),
        A + "2023-10-03-short.md": md("title: Short\ndate: 2023-10-03", "Body.\n"),
        A + "2023-10-04-short.md": md("title: Short too\ndate: 2023-10-04", "Body.\n"),
    })
    assert problems(root, monkeypatch, capsys) == (0, [])


# --- internal links ---------------------------------------------------------------------


GOOD_LINKS = """Links that work: [the item](/2023/09/21/smyth-on-budget/), [relative](../../21/smyth-on-budget/),
[a speaker](/speakers/jane-smyth/), [absolute](https://example.test/topics/budget/),
[the feed](/feed.xml), [elsewhere](https://example.org/2023/09/21/nope/), [mail](mailto:a@example.org),
[in page](#top) and code: `[not a link](/nope/)`.

    [indented code](/nope/either/)
"""


def test_working_internal_links_pass(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "2023-09-22-links.md": md("title: L\ndate: 2023-09-22", GOOD_LINKS)})
    assert problems(root, monkeypatch, capsys) == (0, [])


def test_broken_internal_links_are_errors_at_their_line(tmp_path, monkeypatch, capsys):
    body = ("First paragraph.\n\nSee [the vote](/2023/09/20/smyth-on-budget/) and\n"
            "[this](https://example.test/speakers/john-doe/).\n\n![chart](../missing.png)\n\n"
            "[ref]: /2023/13/01/x/\n\nAnd [the draft][ref2].\n\n[ref2]: /2023/09/23/plan/\n")
    root = make_archive(tmp_path, {
        A + "2023-09-22-links.md": md("title: L\ndate: 2023-09-22", body),
        A + "2023-09-23-plan.md": md("title: Plan\ndate: 2023-09-23\ndraft: true"),
    })
    path = A + "2023-09-22-links.md"
    assert problems(root, monkeypatch, capsys) == (1, [
        f'{path}:7: link "/2023/09/20/smyth-on-budget/" leads to no page of the site '
        "(check the date and slug in the link)",
        f'{path}:8: link "https://example.test/speakers/john-doe/" leads to no page of the site '
        "(check the date and slug in the link)",
        f'{path}:10: link "../missing.png" leads to no page of the site (check the date and slug in the link)',
        f'{path}:14: link "/2023/09/23/plan/" is a draft, not published '
        "(link to it once it is published, or drop the link)",
    ])


# --- review notes, future dates ------------------------------------------------------------


def test_open_review_note_is_a_warning_and_strict_fails(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "2023-10-01-r.md": md(
        'title: R\ndate: 2023-10-01\nreview:\n  - "date: the year is a guess"\n  - speaker unsure')})
    notes = [f'{A}2023-10-01-r.md:5: warning: open review note: "date: the year is a guess" '
             "(settle the question, then delete the note)",
             f'{A}2023-10-01-r.md:6: warning: open review note: "speaker unsure" '
             "(settle the question, then delete the note)"]
    assert problems(root, monkeypatch, capsys) == (0, notes)
    assert problems(root, monkeypatch, capsys, "--strict") == (1, [n.replace("warning: ", "") for n in notes])


def test_settled_review_passes(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "2023-10-01-r.md": md("title: R\ndate: 2023-10-01\nreview: []")})
    assert problems(root, monkeypatch, capsys, "--strict") == (0, [])


def test_date_in_the_future_is_an_error(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {"content/articles/2999/2999-01-01-later.md": md("title: L\ndate: 2999-01-01")})
    assert problems(root, monkeypatch, capsys) == (1, [
        "content/articles/2999/2999-01-01-later.md:3: date 2999-01-01 is in the future "
        "(an archived item has already happened: check the year, month and day)"])


def test_future_is_judged_against_the_earliest_time_zone(tmp_path):
    root = make_archive(tmp_path, {
        "content/articles/2024/2024-05-02-today.md": md("title: T\ndate: 2024-05-02"),
        "content/articles/2024/2024-05-02-tonight.md": md("title: T\ndate: 2024-05-02T23:00:00+00:00"),
        "content/articles/2024/2024-05-03-kiribati.md": md("title: K\ndate: 2024-05-03"),
    })
    now = datetime(2024, 5, 2, 12, 0, tzinfo=timezone.utc)  # already 3 May in UTC+14
    found = [(d.path.rsplit("/", 1)[-1], d.message) for d in check(load_config(root), now=now).diagnostics]
    assert found == [("2024-05-02-tonight.md", "date 2024-05-02T23:00:00+00:00 is in the future")]


# --- quote translations -----------------------------------------------------------------------


def test_a_quote_translation_that_pairs_with_no_quote_is_an_error_at_its_line(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {
        A + "2023-10-01-ru.md": md('title: Р\ndate: 2023-10-01\nlanguage: ru\nquote_translations:\n'
                                   '  - "The budget will balance."\n  - ""\n  - "Next year, too."\n'
                                   '  - "And the year after."',
                                   "> «Бюджет сойдётся».\n\nСмит добавил:\n\n> «Всё будет хорошо».\n"),
        A + "2023-10-02-none.md": md('title: Н\ndate: 2023-10-02\nlanguage: ru\n'
                                     'quote_translations: ["No quote here."]', "Цитаты нет.\n"),
        A + "2023-10-03-paired.md": md('title: П\ndate: 2023-10-03\nlanguage: ru\n'
                                       'quote_translations: ["", "Paired."]', "> «Да».\n\n> «Нет».\n"),
    })
    hint = ('(the first translation renders the text\'s first quote (a blockquote, "> …"), the second '
            "the second, and so on: remove this one, or quote the words it renders as a blockquote)")
    assert problems(root, monkeypatch, capsys) == (1, [
        f"{A}2023-10-01-ru.md:8: quote_translations item 3 pairs with no quote: the text has 2 quotes {hint}",
        f"{A}2023-10-01-ru.md:9: quote_translations item 4 pairs with no quote: the text has 2 quotes {hint}",
        f"{A}2023-10-02-none.md:5: quote_translations item 1 pairs with no quote: the text has 0 quotes {hint}",
    ])


# --- layout ---------------------------------------------------------------------------------


def test_files_outside_the_layout_are_warned_with_where_they_belong(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {
        "content/articles/2023-10-01-top.md": md("title: Top\ndate: 2023-10-01"),
        "content/articles/2024/2023-10-02-wrong-year.md": md("title: W\ndate: 2023-10-02"),
        "content/articles/2023/undated.md": md("title: U\ndate: 2023-10-03"),
        "content/articles/2023/2023-10-04-note.markdown": "---\ntitle: N\n---\n",
        "content/articles/2023/.gitkeep": "",
        "content/notes.txt": "scratch\n",
    })
    layout = " (move it to "
    assert problems(root, monkeypatch, capsys) == (0, [
        "content/articles/2023-10-01-top.md: warning: is outside the expected layout content/articles/YYYY/"
        f"YYYY-MM-DD-<slug>.md{layout}content/articles/2023/2023-10-01-top.md)",
        "content/articles/2023/2023-10-04-note.markdown: warning: is not read: articles are Markdown files "
        "ending in .md (rename it to .md, or move it out of content/articles/)",
        "content/articles/2023/undated.md: warning: is outside the expected layout content/articles/YYYY/"
        f"YYYY-MM-DD-<slug>.md{layout}content/articles/2023/2023-10-03-undated.md)",
        "content/articles/2024/2023-10-02-wrong-year.md: warning: is outside the expected layout "
        f"content/articles/YYYY/YYYY-MM-DD-<slug>.md{layout}content/articles/2023/2023-10-02-wrong-year.md)",
        "content/notes.txt: warning: is not read by sitegen (content/ holds only articles/, inbox/, "
        "people.yaml, topics.yaml, places.yaml, outlets.yaml; move it elsewhere or delete it)",
    ])


# --- PATHS, formats ---------------------------------------------------------------------------


def test_paths_limit_the_report_to_those_files(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {
        A + "2023-10-01-a.md": md("title: A\ndate: 2023-10-01\nreview: [one]"),
        A + "2023-10-02-b.md": md("title: B\ndate: 2023-10-02\nreview: [two]"),
    })
    code, lines, out = run(root, monkeypatch, capsys, A + "2023-10-02-b.md")
    assert lines == [f'{A}2023-10-02-b.md:4: warning: open review note: "two" '
                     "(settle the question, then delete the note)"]
    assert "in 1 article file" in out
    code, lines, _ = run(root, monkeypatch, capsys, "content/nowhere.md")
    assert (code, lines) == (1, ["content/nowhere.md: no such file or folder (name files of the archive)"])


def test_github_format_prints_escaped_annotations(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {
        A + "2023-10-01-a.md": md('title: A\ndate: 2023-10-01\nreview: ["100%, sure: no\\nnot really"]'),
        A + "2023-10-02-x.md": md("title: X\ndate: 2023-02-30"),
    })
    code, lines = problems(root, monkeypatch, capsys, "--format", "github")
    assert code == 1
    assert lines == [
        f"::warning file={A}2023-10-01-a.md,line=4,title=sitegen check::open review note: "
        '"100%25, sure: no%0Anot really" (settle the question, then delete the note)',
        f"::error file={A}2023-10-02-x.md,line=3,title=sitegen check::impossible date \"2023-02-30\": "
        "day is out of range for month (use a real calendar date)",
    ]


def test_github_format_escapes_file_properties(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {"content/odd, name: here.txt": "x"})
    code, lines = problems(root, monkeypatch, capsys, "--format", "github")
    assert lines[0].startswith("::warning file=content/odd%2C name%3A here.txt,title=sitegen check::")


def test_json_format(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {A + "2023-10-01-a.md": md("title: A\ndate: 2023-10-01\nreview: [why?]")})
    code, _, out = run(root, monkeypatch, capsys, "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["problems"] == [{"path": A + "2023-10-01-a.md", "line": 4, "severity": "warning",
                                   "message": 'open review note: "why?"',
                                   "hint": "settle the question, then delete the note", "related": None}]
    assert (report["errors"], report["warnings"], report["files"]) == (0, 1, 2)


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_broken_site_yaml_is_reported_in_the_chosen_format(tmp_path, monkeypatch, capsys, fmt):
    root = make_archive(tmp_path, {"site.yaml": "title: [unclosed\n"})
    code, _, out = run(root, monkeypatch, capsys, "--format", fmt)
    assert code == 1
    assert out.startswith({"text": "site.yaml:1: invalid YAML", "github": "::error file=site.yaml,line=1,",
                           "json": '{\n  "problems": [\n    {\n      "path": "site.yaml",'}[fmt])
