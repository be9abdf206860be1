"""Whatever stops a build, and wherever, the output folder is the last complete site or the new one.

Builds run as ``sitegen build`` processes, killed dead (``os._exit``, as by
kill -9: no clean-up runs) at the named points of build/fault_points.py, or
with writes failing as on a full disk. After each, the output folder must be
byte for byte the site before the build or a full build of the new
content; the next build must say what it found and end equal to a full build.
Two builds at once take turns on a lock.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitebuild import SITES, make_archive, site_files
from tests.factory import REPO

POINTS = ["pages-written", "search", "before-switch", "after-switch"]


def sitegen(root: Path, *args: str, env: dict | None = None, wait: bool = True):
    command = [sys.executable, "-m", "sitegen", "--root", str(root), "build", "--out", str(root / "out"),
               "--quiet", *args]
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    if not wait:
        return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300, check=False)


def tree(out: Path) -> dict[str, bytes]:
    return site_files(out)


def full_build_of(root: Path, tmp: Path, name: str) -> dict[str, bytes]:
    """The site a full build makes of ``root`` as it is now, in a copy of its own."""
    copy = tmp / name
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("out", ".out.*", ".sitegen-cache"))
    done = sitegen(copy, "--full")
    assert done.returncode == 0, done.stderr
    return tree(copy / "out")


def edit_template(root: Path) -> None:
    path = root / "templates" / "article.html"
    path.write_text(path.read_text(encoding="utf-8").replace("</article>", "</article><!-- v2 -->", 1),
                    encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    root = make_archive(SITES / "basic", tmp_path / "site")
    done = sitegen(root)
    assert done.returncode == 0, done.stderr
    return root


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("kind", ["full", "incremental"])
def test_a_build_killed_anywhere_leaves_the_old_site_or_the_new_one(site, tmp_path, kind, point):
    before = tree(site / "out")
    edit_template(site)
    after = full_build_of(site, tmp_path, "after")
    killed = sitegen(site, *(["--full"] if kind == "full" else []), env={"SITEGEN_TEST_CRASH_AT": point})
    assert killed.returncode == 137, killed.stderr
    now = tree(site / "out")
    assert now in (before, after), f"killed at {point}: the output is neither the old site nor the new one"
    if point != "after-switch":
        assert now == before
    again = sitegen(site)
    assert again.returncode == 0, again.stderr
    if point != "after-switch":
        assert "was interrupted before it finished" in again.stderr
    assert tree(site / "out") == after
    home = sorted(p.name for p in (tmp_path / "site" / ".out.sitegen").iterdir())
    assert [name for name in home if not name.startswith("state.")] == \
        ["a", "a.built", "b", "b.built", "lock", "search", "state"]
    assert sorted(name.split(".")[1] for name in home if name.startswith("state.") and "log" not in name) == \
        ["derived", "history", "index", "outputs", "pages", "registries", "sources"]  # one base each: nothing an interrupted save left


def test_a_full_disk_fails_the_build_with_a_message_and_leaves_the_site(site, tmp_path):
    before = tree(site / "out")
    edit_template(site)
    for args in ((), ("--full",)):
        failed = sitegen(site, *args, env={"SITEGEN_TEST_DISK_FULL_AFTER": "3"})
        assert failed.returncode == 1
        assert "No space left on device" in failed.stderr and "Traceback" not in failed.stderr
        assert tree(site / "out") == before
    assert sitegen(site).returncode == 0
    assert tree(site / "out") == full_build_of(site, tmp_path, "after")


def test_an_older_sitegens_folder_is_replaced_atomically_and_a_kill_between_is_repaired(site, tmp_path):
    out = site / "out"
    older = tmp_path / "older"
    shutil.copytree(out, older)
    (older / ".sitegen-build").write_text("built by sitegen; this folder is replaced on every build\nbuild x\n")
    out.unlink()
    shutil.rmtree(site / ".out.sitegen")
    shutil.copytree(older, out)  # what sitegen before two copies left: a real folder
    killed = sitegen(site, env={"SITEGEN_TEST_CRASH_AT": "after-retiring"})
    assert killed.returncode == 137
    again = sitegen(site)
    assert again.returncode == 0, again.stderr
    assert out.is_symlink() and tree(out) == full_build_of(site, tmp_path, "after")


def test_a_second_build_waits_for_the_first(site):
    lock = site / ".out.sitegen" / "lock"
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        waiting = sitegen(site, "--full", wait=False)
        time.sleep(1.5)
        assert waiting.poll() is None, "the second build must wait while the first holds the lock"
        fcntl.flock(handle, fcntl.LOCK_UN)
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "another build is writing out/" in err and "waiting for it to finish" in err


def test_builds_at_once_never_leave_the_site_stale(site, tmp_path):
    for round_ in range(4):
        path = site / "templates" / "article.html"
        path.write_text(path.read_text(encoding="utf-8") + f"<!-- round {round_} -->\n", encoding="utf-8")
        both = [sitegen(site, "--full", wait=False), sitegen(site, wait=False)]
        for process in both:
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
        assert tree(site / "out") == full_build_of(site, tmp_path, f"round-{round_}")
        again = sitegen(site)
        assert again.returncode == 0 and tree(site / "out") == full_build_of(site, tmp_path, f"again-{round_}")
