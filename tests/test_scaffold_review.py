"""sitegen new (a file that passes check, never an overwrite) and the review queue (CLI and page)."""

from __future__ import annotations

import json
from datetime import date

from sitegen.build.engine import build
from sitegen.cli.main import main
from sitegen.core.config import load_config
from sitegen.archive.new_article import front_matter, plan_article
from tests.factory import make_archive, md


def cli(root, monkeypatch, capsys, *args):
    monkeypatch.chdir(root)
    code = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- sitegen new ------------------------------------------------------------------------


def test_new_writes_the_right_path_and_passes_strict_check(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    code, out, err = cli(root, monkeypatch, capsys, "new", "--title", 'Smyth: "No new taxes" — again',
                         "--date", "2023-10-05", "--speaker", "jane-smyth", "--topic", "budget")
    path = root / "content/articles/2023/2023-10-05-smyth-no-new-taxes-again.md"
    assert (code, err) == (0, "")
    assert out == ("created content/articles/2023/2023-10-05-smyth-no-new-taxes-again.md: "
                   "write the item below its front-matter, then run sitegen check\n")
    assert path.read_text() == ('---\ntitle: "Smyth: \\"No new taxes\\" — again"\ndate: 2023-10-05\n'
                                "speakers:\n  - id: jane-smyth\ntopics: [budget]\nlanguage: en\n---\n\n")
    code, out, _ = cli(root, monkeypatch, capsys, "check", "--strict")
    assert (code, out.splitlines()[:-1]) == (0, [])


def test_new_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    existing = root / "content/articles/2023/2023-09-21-smyth-on-budget.md"
    before = existing.read_bytes()
    code, out, err = cli(root, monkeypatch, capsys, "new", "--title", "Smyth on budget", "--date", "2023-09-21")
    assert code == 1 and out == ""
    assert err.splitlines()[0] == ('content/articles/2023/2023-09-21-smyth-on-budget.md: an article with id '
                                   '"2023-09-21-smyth-on-budget" already exists (choose another --title or --slug)')
    assert existing.read_bytes() == before


def test_new_rejects_unknown_ids_bad_dates_and_slugs_together(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path)
    code, out, err = cli(root, monkeypatch, capsys, "new", "--date", "2023-02-30", "--speaker", "jane-smith",
                         "--topic", "budgets", "--slug", "Not A Slug")
    assert code == 1
    assert err.splitlines() == [
        '--date: impossible date "2023-02-30": day is out of range for month (use a real calendar date)',
        '--slug: "Not A Slug" cannot be part of a URL (give --slug as lowercase ASCII words joined by hyphens, '
        'like "budget-vote")',
        '--speaker: unknown id "jane-smith" (did you mean "jane-smyth"?)',
        '--topic: unknown id "budgets" (did you mean "budget"?)',
        "sitegen: 4 errors; nothing was written"]
    assert not list((root / "content/articles").rglob("*new-item*"))


def test_new_defaults_to_today_and_refuses_the_future(tmp_path):
    config = load_config(make_archive(tmp_path))
    planned = plan_article(config, title=None, when=None, slug=None, today=date(2024, 5, 6))
    assert planned.rel_path() == "content/articles/2024/2024-05-06-new-item.md"
    assert front_matter(planned, "en").startswith('---\ntitle: "New item"\ndate: 2024-05-06\n')
    try:
        plan_article(config, title="T", when="2024-05-07", slug=None, today=date(2024, 5, 6))
    except Exception as exc:  # noqa: BLE001
        assert "2024-05-07 is in the future" in str(exc)
    else:
        raise AssertionError("a future date was accepted")


# --- the review queue ---------------------------------------------------------------------


NOTES = {
    "content/articles/2024/2024-01-05-later.md": md('title: Later\ndate: 2024-01-05\nreview:\n  - "who: unsure"'),
    "content/articles/2022/2022-03-01-older.md": md(
        'title: Older\ndate: 2022-03-01\ndraft: true\nreview:\n  - "date: year guessed"\n  - "venue?"'),
}


def test_review_lists_notes_oldest_first(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, NOTES)
    code, out, err = cli(root, monkeypatch, capsys, "review")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "content/articles/2022/2022-03-01-older.md:6: date: year guessed",
        "content/articles/2022/2022-03-01-older.md:7: venue?",
        "content/articles/2024/2024-01-05-later.md:5: who: unsure",
        "3 open review notes in 2 items"]


def test_review_json(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, NOTES)
    code, out, _ = cli(root, monkeypatch, capsys, "review", "--json")
    report = json.loads(out)
    assert report["count"] == 3
    assert report["notes"][0] == {"path": "content/articles/2022/2022-03-01-older.md", "line": 6,
                                  "question": "date: year guessed", "id": "2022-03-01-older",
                                  "title": "Older", "date": "2022-03-01", "draft": True}


def test_review_with_unreadable_files_says_so_and_fails(tmp_path, monkeypatch, capsys):
    root = make_archive(tmp_path, {**NOTES, "content/articles/2023/2023-01-01-bad.md": "no front-matter\n"})
    code, out, err = cli(root, monkeypatch, capsys, "review")
    assert code == 1 and "3 open review notes" in out
    assert err == "sitegen: 1 error kept some files out of the list; run sitegen check to see them\n"


def test_review_page_only_in_drafts_builds(tmp_path):
    root = make_archive(tmp_path, NOTES)
    published, preview = root / "build", tmp_path / "preview"
    build(load_config(root), published)
    build(load_config(root), preview, drafts=True)
    assert not (published / "review").exists()
    assert "review" not in (published / "sitemap.xml").read_text()
    html = (preview / "review/index.html").read_text()
    assert html.index("date: year guessed") < html.index("venue?") < html.index("who: unsure")
    assert "<code>content/articles/2022/2022-03-01-older.md:6</code>" in html
    assert "review/" not in (preview / "sitemap.xml").read_text()


def test_review_page_follows_note_edits_incrementally(tmp_path):
    root = make_archive(tmp_path, NOTES)
    preview = tmp_path / "preview"
    build(load_config(root), preview, drafts=True)
    later = root / "content/articles/2024/2024-01-05-later.md"
    later.write_text(md("title: Later\ndate: 2024-01-05\nreview:\n  - \"who: settled?\"\n  - another"))
    build(load_config(root), preview, drafts=True)
    html = (preview / "review/index.html").read_text()
    assert "who: unsure" not in html and "who: settled?" in html and "another" in html
    full = tmp_path / "full"
    build(load_config(root), full, drafts=True, incremental=False)
    assert (full / "review/index.html").read_bytes() == (preview / "review/index.html").read_bytes()


def test_review_page_is_valid_html(tmp_path, vnu):
    root = make_archive(tmp_path, NOTES)
    preview = tmp_path / "preview"
    build(load_config(root), preview, drafts=True)
    assert vnu([preview / "review/index.html"]) == []
