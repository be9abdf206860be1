"""Git history: one git log read into added/changed per file, on article pages, incrementally."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime

import pytest

from sitegen.build.engine import build
from sitegen.core.config import load_config
from sitegen.archive.history import EMPTY, find_checkout, history_url, read_history
from tests.factory import make_archive, md

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git binary")

A = "content/articles/2023/"
BASE = A + "2023-09-21-smyth-on-budget.md"


def git(root, *args, author="Ann Author", when="2024-01-01T10:00:00+00:00"):
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.test",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "a@example.test",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(root)}
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True)


def commit(root, message, **who):
    git(root, "add", "-A", **who)
    git(root, "commit", "-q", "-m", message, **who)


def repository(tmp_path):
    root = make_archive(tmp_path)
    git(root, "init", "-q", "-b", "main")
    commit(root, "first", author="Ann Author", when="2024-01-01T10:00:00+02:00")
    return root


def history_of(root):
    return read_history(root, find_checkout(root))


def test_added_and_changed_by_whom(tmp_path):
    root = repository(tmp_path)
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    commit(root, "edit", author="Bo Editor", when="2024-02-03T09:30:00+00:00")
    found = history_of(root).of(BASE)
    assert (found.added.author, found.added.when) == ("Ann Author", datetime.fromisoformat("2024-01-01T10:00:00+02:00"))
    assert (found.changed.author, found.changed.when) == ("Bo Editor", datetime.fromisoformat("2024-02-03T09:30:00+00:00"))


def test_renames_keep_the_first_date_and_odd_names_survive(tmp_path):
    root = repository(tmp_path)
    odd = A + "2023-09-22-café and spaces.md"
    (root / odd).write_text(md("title: Odd\ndate: 2023-09-22"))
    commit(root, "odd", author="Cé Unicode", when="2024-03-01T00:00:00+00:00")
    moved = "content/articles/2023/2023-09-21-renamed.md"
    git(root, "mv", BASE, moved)
    commit(root, "rename only", author="Dee Mover", when="2024-04-01T00:00:00+00:00")
    files = history_of(root).files
    assert files[moved].added.author == "Ann Author"
    assert files[moved].changed.author == "Ann Author"  # a pure rename is not a change of the item
    assert files[odd].added.author == "Cé Unicode"
    assert BASE not in files  # its history follows it to the new name


def test_a_file_deleted_and_added_again_starts_afresh(tmp_path):
    root = repository(tmp_path)
    text = (root / BASE).read_text()
    (root / BASE).unlink()
    commit(root, "delete", when="2024-02-01T00:00:00+00:00")
    (root / BASE).write_text(text)
    commit(root, "again", author="Eve Again", when="2024-03-01T00:00:00+00:00")
    found = history_of(root).of(BASE)
    assert found.added.author == "Eve Again" and found.added == found.changed


def test_outside_a_checkout_or_without_git_there_is_no_history(tmp_path, monkeypatch):
    root = make_archive(tmp_path)
    assert history_of(root) == EMPTY
    repo = repository(tmp_path / "repo")
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    assert history_of(repo) == EMPTY


def test_a_shallow_clone_shows_no_history(tmp_path):
    root = repository(tmp_path)
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    commit(root, "edit", when="2024-02-03T09:30:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    assert history_of(clone) == EMPTY


def test_history_urls_per_forge():
    assert history_url("https://github.com/o/r", "main", "content/a b.md") == \
        "https://github.com/o/r/commits/main/content/a%20b.md"
    assert history_url("https://gitlab.com/o/r/", "dev", "x.md") == "https://gitlab.com/o/r/-/commits/dev/x.md"
    assert history_url("https://codeberg.org/o/r", "main", "x.md") == \
        "https://codeberg.org/o/r/commits/branch/main/x.md"


def page(out):
    return (out / "2023/09/21/smyth-on-budget/index.html").read_text()


def test_article_page_shows_history_and_forge_link(tmp_path):
    root = repository(tmp_path)
    (root / "site.yaml").write_text((root / "site.yaml").read_text() +
                                    "repository: https://github.com/owner/archive\n")
    commit(root, "config", when="2024-01-02T00:00:00+00:00")
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    commit(root, "edit", author="Bo Editor", when="2024-02-03T09:30:00+00:00")
    build(load_config(root), root / "build")
    html = page(root / "build")
    # inside "How this item was recorded", crediting the curators by name
    assert '<summary>How this item was recorded</summary>' in html
    assert 'Added to the archive on <time datetime="2024-01-01T10:00:00+02:00">1 January 2024</time> by Ann Author' in html
    assert '; last revised on <time datetime="2024-02-03T09:30:00+00:00">3 February 2024</time> by Bo Editor' in html
    assert f'<a href="https://github.com/owner/archive/commits/main/{BASE}" rel="external">' in html


def test_incremental_build_equals_full_build_after_a_commit(tmp_path):
    root = repository(tmp_path)
    out, full = root / "build", tmp_path / "full"
    build(load_config(root), out)
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    build(load_config(root), out)  # the edit, not yet committed
    assert "by Bo Editor" not in page(out)
    commit(root, "edit", author="Bo Editor", when="2024-02-03T09:30:00+00:00")  # no file changes now
    report = build(load_config(root), out)
    build(load_config(root), full, incremental=False)
    assert "last revised" in page(out) and "by Bo Editor" in page(out)
    assert report.written >= 1 and not report.full
    assert _tree(out) == _tree(full)


def _tree(folder):
    from sitebuild import site_files

    return site_files(folder)


def test_a_build_at_the_same_commit_takes_the_last_builds_history(tmp_path, monkeypatch):
    """``git log`` over a long history takes most of a second: the build state keeps what it
    read at a commit, and a build at the same commit (an edit not yet committed) runs none.
    A new commit is read again, and each build equals a full one."""
    from sitegen.build import engine

    root = repository(tmp_path)
    out = root / "build"
    build(load_config(root), out)
    read = []
    real = engine.read_history
    monkeypatch.setattr(engine, "read_history", lambda *args: read.append(1) or real(*args))
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    report = build(load_config(root), out)  # a fresh builder, as a new process has
    assert not report.full and read == []
    assert "Added to the archive on" in page(out)
    commit(root, "edit", author="Bo Editor", when="2024-02-03T09:30:00+00:00")
    build(load_config(root), out)
    assert read == [1] and "by Bo Editor" in page(out)
    (root / BASE).write_text((root / BASE).read_text() + "Even more.\n")
    build(load_config(root), out)
    assert read == [1]
    assert _tree(out) == _tree(build(load_config(root), tmp_path / "full", incremental=False).out_dir)


def test_a_commit_rewrites_only_the_pages_whose_history_it_changed(tmp_path, monkeypatch):
    """An article page's digest covers its own history: committing an edit already built
    rewrites that item's page alone (it now says who revised it and when), and works out
    the digest of that page alone, not of every page."""
    from sitegen.build import engine

    worked_out = []
    digests = engine.page_digests
    monkeypatch.setattr(engine, "page_digests", lambda pages, *args: worked_out.append(
        sorted(p.output for p in pages)) or digests(pages, *args))
    root = repository(tmp_path)
    other = A + "2023-09-25-second.md"
    (root / other).write_text(md("title: Second\ndate: 2023-09-25\nspeakers: [jane-smyth]"))
    commit(root, "second", when="2024-01-05T00:00:00+00:00")
    out = root / "build"
    build(load_config(root), out)
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    build(load_config(root), out)  # the edit, not yet committed
    before = _mtimes(out)
    commit(root, "edit", author="Bo Editor", when="2024-02-03T09:30:00+00:00")
    worked_out.clear()
    report = build(load_config(root), out)
    assert worked_out == [["2023/09/21/smyth-on-budget/index.html"]]
    after = _mtimes(out)
    rewritten = sorted(p for p, t in after.items() if before.get(p) != t and p != ".sitegen-build")
    assert rewritten == ["2023/09/21/smyth-on-budget/index.html"], rewritten
    assert not report.full and report.written == 1
    assert "by Bo Editor" in page(out)
    assert _tree(out) == _tree(build(load_config(root), tmp_path / "full", incremental=False).out_dir)


def _mtimes(out):
    live = out.resolve()  # the copy of the site the link points to now
    return {p.relative_to(live).as_posix(): p.stat().st_mtime_ns for p in live.rglob("*") if p.is_file()}


def test_the_history_carried_forward_by_later_commits_is_the_whole_logs(tmp_path, monkeypatch):
    """A build at a new commit carries the last build's history forward by the log of the
    commits since (history.read_history's ``since``); after every kind of commit it equals
    the history read from the whole log. Merges and rewritten history read the whole log."""
    from sitegen.archive import history as history_module

    root = repository(tmp_path)
    second, third = A + "2023-09-25-second.md", A + "2023-09-26-third.md"
    copied = A + "2023-09-27-copied.md"
    steps = [
        ("add", lambda: (root / second).write_text(md("title: Second\ndate: 2023-09-25"))),
        ("edit", lambda: (root / BASE).write_text((root / BASE).read_text() + "More.\n")),
        ("rename", lambda: git(root, "mv", second, third)),
        ("rename and edit", lambda: (git(root, "mv", third, second),
                                     (root / second).write_text((root / second).read_text() + "Edited.\n"))),
        ("delete", lambda: (root / second).unlink()),
        ("add again", lambda: (root / second).write_text(md("title: Second again\ndate: 2023-09-25"))),
        ("copy", lambda: (root / copied).write_text((root / BASE).read_text())),
        ("two commits", None),
    ]
    carried = []
    real = history_module._commits_after
    monkeypatch.setattr(history_module, "_commits_after",
                        lambda *args: (lambda found: carried.append(found) or found)(real(*args)))
    last = history_of(root)
    for n, (name, change) in enumerate(steps):
        when = f"2024-0{2 + n % 7}-0{1 + n % 8}T10:00:00+00:00"
        if change is None:  # two commits at once: the log of both carries it forward
            (root / BASE).write_text((root / BASE).read_text() + "Once.\n")
            commit(root, "one", author="Fay One", when=when)
            (root / BASE).write_text((root / BASE).read_text() + "Twice.\n")
        else:
            change()
        commit(root, name, author=f"Author {n}", when=when)
        carried.clear()
        now = read_history(root, find_checkout(root), since=last)
        assert carried and carried[-1], f"{name}: the whole log was read"
        assert now == history_of(root), name
        last = now
    # a rewritten commit: the last history's commit is no longer an ancestor
    (root / BASE).write_text((root / BASE).read_text() + "Amended.\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--amend", "-m", "amended", when="2024-09-09T00:00:00+00:00")
    carried.clear()
    assert read_history(root, find_checkout(root), since=last) == history_of(root)
    assert carried[0] is None
    # a merge: the whole log
    last = history_of(root)
    git(root, "checkout", "-q", "-b", "side")
    (root / third).write_text(md("title: Side\ndate: 2023-09-26"))
    commit(root, "side", when="2024-10-01T00:00:00+00:00")
    git(root, "checkout", "-q", "main")
    (root / BASE).write_text((root / BASE).read_text() + "Main.\n")
    commit(root, "main", when="2024-10-02T00:00:00+00:00")
    git(root, "merge", "-q", "--no-edit", "side", when="2024-10-03T00:00:00+00:00")
    carried.clear()
    assert read_history(root, find_checkout(root), since=last) == history_of(root)
    assert carried[0] is None


def test_a_mailmap_renames_authors_on_every_page_it_reaches(tmp_path):
    """git log names authors through the .mailmap: one committed, or edited and not yet
    committed, shows on every article page as a full build shows it (the history carried
    forward from the last build's would keep the old names)."""
    from sitebuild import site_files

    root = repository(tmp_path)
    other = A + "2023-09-25-second.md"
    (root / other).write_text(md("title: Second\ndate: 2023-09-25"))
    commit(root, "second", author="Ann Author", when="2024-01-05T00:00:00+00:00")
    out = root / "build"
    build(load_config(root), out)
    assert "by Ann Author" in page(out)
    (root / ".mailmap").write_text("Ann Mapped <a@example.test> Ann Author <a@example.test>\n")
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    commit(root, "mailmap and an edit", author="Bo Editor", when="2024-02-03T09:30:00+00:00")
    build(load_config(root), out)
    assert "by Ann Mapped" in (out / "2023/09/25/second/index.html").read_text()
    assert site_files(out) == site_files(build(load_config(root), tmp_path / "full", incremental=False).out_dir)
    (root / ".mailmap").write_text("Ann Remapped <a@example.test> Ann Author <a@example.test>\n")  # not committed
    build(load_config(root), out)
    assert "by Ann Remapped" in (out / "2023/09/25/second/index.html").read_text()
    assert site_files(out) == site_files(build(load_config(root), tmp_path / "full2", incremental=False).out_dir)


def test_a_git_log_that_failed_is_tried_again_by_the_next_build(tmp_path, monkeypatch):
    from sitegen.archive import history as history_module

    root = repository(tmp_path)
    out = root / "build"
    real = history_module._git
    monkeypatch.setattr(history_module, "_git", lambda root, *args: None if "log" in args else real(root, *args))
    build(load_config(root), out)
    assert "Added to the archive on" not in page(out)
    monkeypatch.setattr(history_module, "_git", real)
    (root / BASE).write_text((root / BASE).read_text() + "More.\n")
    build(load_config(root), out)
    assert "Added to the archive on" in page(out)
