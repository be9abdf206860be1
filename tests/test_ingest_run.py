"""`sitegen ingest` as a curator meets it: idempotent, never overwriting, honest."""

from __future__ import annotations

import json

from ingesting import RAW, archive, articles, ingest, put_raw

STORY = (RAW / "en-armenpress-headline.txt").read_text(encoding="utf-8")


def test_ingesting_again_changes_nothing(tmp_path, capsys):
    root = archive(tmp_path, {"a.txt": STORY})
    assert ingest(root) == 0
    (path,) = (root / "content" / "articles").rglob("*.md")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    capsys.readouterr()
    assert ingest(root) == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert "unchanged" in capsys.readouterr().out
    assert list((root / "content" / "articles").rglob("*.proposed")) == []


def test_a_curators_edit_is_never_overwritten(tmp_path, capsys):
    root = archive(tmp_path, {"a.txt": STORY})
    ingest(root)
    (path,) = (root / "content" / "articles").rglob("*.md")
    edited = path.read_text(encoding="utf-8").replace("Mirzoyan: border", "Mirzoyan: Border")
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert ingest(root) == 0
    assert path.read_text(encoding="utf-8") == edited
    proposed = path.with_name(path.name + ".proposed")
    assert not proposed.exists()  # reported only, unless asked
    assert "--propose writes" in capsys.readouterr().out
    assert ingest(root, "--propose") == 0
    assert path.read_text(encoding="utf-8") == edited
    assert proposed.is_file() and "Mirzoyan: border" in proposed.read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert "edited since ingest" in out and "title" in out


def test_dry_run_writes_nothing(tmp_path, capsys):
    root = archive(tmp_path, {"a.txt": STORY})
    assert ingest(root, "--dry-run") == 0
    assert articles(root) == {}
    assert "would write" in capsys.readouterr().out


def test_the_same_capture_twice_is_a_duplicate(tmp_path, capsys):
    root = archive(tmp_path, {"a.txt": STORY, "b.txt": STORY})
    assert ingest(root) == 0
    assert len(articles(root)) == 1
    out = capsys.readouterr().out
    assert "b.txt: duplicate of" in out and "same sha256" in out


def test_a_near_identical_story_is_a_duplicate(tmp_path, capsys):
    retold = STORY.replace("on Friday", "on Friday morning").replace("Politics", "Society")
    root = archive(tmp_path, {"a.txt": STORY, "b.txt": retold})
    assert ingest(root) == 0
    assert len(articles(root)) == 1
    assert "of its text is already in this article" in capsys.readouterr().out


def test_a_different_story_is_not_a_duplicate(tmp_path):
    other = (RAW / "en-role-only.txt").read_text(encoding="utf-8")
    root = archive(tmp_path, {"a.txt": STORY, "b.txt": other})
    assert ingest(root) == 0
    assert len(articles(root)) == 2


def test_unreadable_captures_fail_the_run_with_file_and_line(tmp_path, capsys):
    root = archive(tmp_path, {"good.txt": STORY, "latin1.txt": b"Line one\nCaf\xe9 news\n",
                              "empty.txt": "  \n\n"})
    assert ingest(root) == 1
    err = capsys.readouterr().err
    assert "content/inbox/latin1.txt:2: file is not valid UTF-8" in err
    assert "content/inbox/empty.txt:1: the capture is empty" in err
    assert "Traceback" not in err
    assert len(articles(root)) == 1  # the readable one is still ingested


def test_json_report_says_what_was_found_and_what_is_unsure(tmp_path, capsys):
    root = archive(tmp_path, {"a.txt": (RAW / "en-tass-dateline-text-year.txt").read_text()})
    assert ingest(root, "--json") == 0
    report = json.loads(capsys.readouterr().out)
    (item,) = report["items"]
    assert item["status"] == "new" and item["outlet"] == "tass"
    assert item["date"] == "2023-10-31" and item["date_confidence"] == "medium"
    assert item["speakers"][0]["id"] == "maria-zakharova"
    assert any(note.startswith("date:") for note in item["review"])
    assert {d["reason"] for d in item["dropped"]} >= {"TASS chrome", "headline"}


def test_year_hint_dates_a_dateline_without_a_year(tmp_path):
    raw = (RAW / "ru-tass-dateline.txt").read_text(encoding="utf-8")
    root = archive(tmp_path, {"a.txt": raw})
    assert ingest(root, "--year", "2023") == 0
    (name, text), = articles(root).items()
    assert name.startswith("2023/2023-09-21-")
    assert "date_confidence: medium" in text and "draft: false" in text
    assert "given with --year 2023" in text


def test_into_writes_elsewhere_and_paths_pick_captures(tmp_path):
    root = archive(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(STORY, encoding="utf-8")
    target = tmp_path / "proposed-articles"
    assert ingest(root, str(outside), "--into", str(target)) == 0
    (written,) = target.rglob("*.md")
    assert written.parent.name == "2023"
    assert articles(root) == {}


def test_a_bad_outlet_regex_is_reported_with_its_line(tmp_path, capsys):
    root = archive(tmp_path, {"a.txt": STORY})
    outlets = root / "content" / "outlets.yaml"
    outlets.write_text(outlets.read_text(encoding="utf-8")
                       + "\nbroken:\n  name: Broken\n  ingest:\n    match: ['(unclosed']\n",
                       encoding="utf-8")
    assert ingest(root) == 1
    err = capsys.readouterr().err
    line = outlets.read_text(encoding="utf-8").splitlines().index("broken:") + 1
    assert f"content/outlets.yaml:{line}: outlet \"broken\" ingest.match: bad regex" in err
    assert articles(root) == {}


def test_a_new_outlet_is_data_not_code(tmp_path):
    raw = "Daily Example\n\nRIVERTOWN, March 3 -- Daily Example. The council said the bridge would reopen.\n"
    root = archive(tmp_path, {"a.txt": raw})
    outlets = root / "content" / "outlets.yaml"
    outlets.write_text(outlets.read_text(encoding="utf-8") + (
        "\ndaily-example:\n  name: Daily Example\n  ingest:\n"
        "    match: ['Daily Example\\.']\n    chrome: ['Daily Example']\n"
        "    dateline: ['^(?P<place>[A-Z]+), (?P<month>[A-Z][a-z]+) (?P<day>\\d+) -- Daily Example\\.']\n"),
        encoding="utf-8")
    assert ingest(root, "--year", "2022") == 0
    (name, text), = articles(root).items()
    assert name.startswith("2022/2022-03-03-")
    assert "outlet: daily-example" in text
    assert "\nDaily Example\n" not in text


def test_the_inbox_skips_hidden_files(tmp_path):
    root = archive(tmp_path, {"a.txt": STORY})
    put_raw(root, ".DS_Store", b"\x00\x01binary")
    assert ingest(root) == 0


def test_many_captures_on_every_core_give_what_one_process_gives(tmp_path, monkeypatch):
    from sitegen.ingest import fanout

    raws = {p.name: p.read_bytes() for p in sorted(RAW.glob("*.txt"))}
    serial = archive(tmp_path / "serial", raws)
    assert ingest(serial) == 0
    monkeypatch.setattr(fanout, "PARALLEL_FROM", 4)
    monkeypatch.setattr(fanout.os, "cpu_count", lambda: 2)
    parallel = archive(tmp_path / "parallel", raws)
    assert ingest(parallel) == 0
    assert articles(parallel) == articles(serial) and len(articles(serial)) == len(raws)


def test_a_bad_year_is_refused_before_anything_runs(tmp_path, capsys):
    import pytest

    root = archive(tmp_path, {"a.txt": STORY})
    with pytest.raises(SystemExit) as exit_:
        ingest(root, "--year", "23")
    assert exit_.value.code == 2
    assert "'23' is not a four-digit year" in capsys.readouterr().err
    assert articles(root) == {}


def test_an_unwritable_target_is_reported_not_raised(tmp_path, capsys):
    root = archive(tmp_path, {"a.txt": STORY})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the articles folder should be\n")
    assert ingest(root, "--into", str(blocker)) == 1
    err = capsys.readouterr().err
    assert "cannot write the article" in err and "Traceback" not in err


def test_a_capture_of_chrome_alone_is_reported_not_written(tmp_path, capsys):
    root = archive(tmp_path, {"chrome.txt": "Show news feed\nRead more:\nPrint\n\nDecember 11\n"})
    assert ingest(root) == 0
    assert articles(root) == {}
    assert "nothing to ingest" in capsys.readouterr().out
