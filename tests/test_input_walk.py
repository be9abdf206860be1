"""input_walk: the walk over every input file, in this process or begun ahead in a child."""

import os
import threading

from sitegen.build.input_walk import WalkAhead, walk_inputs
from tests.factory import make_archive, md

A = "content/articles/2024/"


def archive(tmp_path):
    root = make_archive(tmp_path / "site", {A + "2024-03-01-one.md": md("title: One\ndate: 2024-03-01"),
                                            "templates/extra.html": "x", "assets/site.css": "body {}"})
    (root / A / "2024-03-02-linked.md").symlink_to(root / A / "2024-03-01-one.md")
    return root


def test_the_walk_begun_in_a_child_is_the_walk_made_here(tmp_path):
    root = str(archive(tmp_path))
    with WalkAhead(root) as ahead:
        assert ahead._child is not None, "a process without threads forks the walk"
        walked = ahead.result()
    assert walked == walk_inputs(root)
    digest, seen = walked
    one, linked = seen[f"{root}/{A}2024-03-01-one.md"], seen[f"{root}/{A}2024-03-02-linked.md"]
    assert one[2] is False and linked[2] is True and linked[:2] == one[:2]


def test_any_change_of_a_name_size_or_link_changes_the_digest(tmp_path):
    root = archive(tmp_path)
    before = walk_inputs(str(root))[0]
    (root / "assets" / "site.css").write_text("body { color: red }")
    after_size = walk_inputs(str(root))[0]
    (root / A / "2024-03-02-linked.md").unlink()
    (root / A / "2024-03-02-linked.md").symlink_to(root / "assets" / "site.css")
    after_link = walk_inputs(str(root))[0]
    assert len({before, after_size, after_link}) == 3


def test_a_child_whose_walk_failed_leaves_the_walk_to_the_parent(tmp_path, monkeypatch):
    root = str(archive(tmp_path))
    monkeypatch.setattr("sitegen.build.input_walk.marshal.dumps", lambda value: 1 / 0)  # in the child
    with WalkAhead(root) as ahead:
        assert ahead._child is not None
        monkeypatch.undo()
        assert ahead.result() == walk_inputs(root)


def test_a_walk_nobody_asked_for_ends_with_its_block(tmp_path):
    """The command failed before its build began: the child is ended and reaped, not left."""
    with WalkAhead(str(archive(tmp_path))) as ahead:
        pid = ahead._child[0]
    try:
        os.waitpid(pid, os.WNOHANG)
        raise AssertionError("the child was not reaped")
    except ChildProcessError:
        pass


def test_a_process_with_threads_walks_itself(tmp_path):
    root = str(archive(tmp_path))
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        with WalkAhead(root) as ahead:
            assert ahead._child is None
            assert ahead.result() == walk_inputs(root)
    finally:
        release.set()
        thread.join()
