#!/usr/bin/env python3
"""A one-body edit's build from a fresh process, revisions side by side on one archive.

    python benchmarks/edit_ab.py --dir ARCHIVE REV [REV ...] [--runs 11]

ARCHIVE is any archive (``incremental.py --keep --dir ARCHIVE`` leaves a 10k
one). Each REV (a commit, a branch, or ``.`` for this working tree) is
checked out with ``git worktree`` into a temporary folder, byte-compiled, and
builds ARCHIVE into its own output folder (``$TMPDIR/sitegen-ab-N``), so each
keeps its own state. Each run appends a sentence to one article's body (a
different one each run, all restored at the end) and then every revision
builds it with ``python -m sitegen build --quiet``, in an order that
alternates from run to run: on a machine whose speed drifts within minutes,
revisions measured in the same minutes compare better than runs an hour
apart. The first run is a warm-up. Prints a Markdown table of wall and CPU
seconds per revision (medians, min–max). A script, not a test: it asserts
nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revs", nargs="+", help="commits to compare; '.' is this working tree")
    parser.add_argument("--dir", type=Path, required=True, help="the archive to edit and build")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)
    articles = sorted((args.dir / "content" / "articles").rglob("*.md"))
    if not articles:
        sys.exit(f"no articles under {args.dir}/content/articles")
    work = Path(tempfile.mkdtemp(prefix="sitegen-ab-"))
    originals: dict[Path, bytes] = {}
    walls: dict[str, list[float]] = {rev: [] for rev in args.revs}
    cpus: dict[str, list[float]] = {rev: [] for rev in args.revs}
    try:
        code = {rev: _checkout(rev, work / f"code-{n}") for n, rev in enumerate(args.revs)}
        out = {rev: work / f"out-{n}" for n, rev in enumerate(args.revs)}
        for rev in args.revs:
            subprocess.run([args.python, "-m", "compileall", "-q", str(code[rev] / "sitegen")], check=True)
            _build(args.python, code[rev], args.dir, out[rev])  # the state each starts from
        for run in range(args.runs + 1):
            path = articles[(run * 7919 + 29) % len(articles)]
            originals.setdefault(path, path.read_bytes())
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"\nOne more sentence, run {run}.\n")
            for rev in (args.revs if run % 2 else list(reversed(args.revs))):
                wall, cpu = _build(args.python, code[rev], args.dir, out[rev])
                if run:
                    walls[rev].append(wall)
                    cpus[rev].append(cpu)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        for rev in args.revs:
            if rev != ".":
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                                str(work / f"code-{args.revs.index(rev)}")], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    print(f"one body edited, {args.runs} runs per revision after a warm-up, alternating; {args.dir}")
    print()
    print("| revision | wall s, median (min–max) | CPU s, median |")
    print("|---|---|---|")
    for rev in args.revs:
        name = rev if rev == "." else _short(rev)
        print(f"| {name} | **{statistics.median(walls[rev]):.3f}** ({min(walls[rev]):.3f}–{max(walls[rev]):.3f}) "
              f"| {statistics.median(cpus[rev]):.3f} |")
    return 0


def _checkout(rev: str, folder: Path) -> Path:
    if rev == ".":
        return REPO
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(folder), rev], check=True)
    return folder


def _short(rev: str) -> str:
    done = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", rev], capture_output=True, text=True)
    return done.stdout.strip() or rev


def _build(python: str, code: Path, archive: Path, out: Path) -> tuple[float, float]:
    """One build in a new process: its wall time, and its CPU time (user and system, with
    what it waited for: git)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    process = subprocess.Popen([python, "-m", "sitegen", "--root", str(archive), "build", "--quiet",
                                "--out", str(out)], env=env, cwd=tempfile.gettempdir())
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        sys.exit(f"the build of {code} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())
