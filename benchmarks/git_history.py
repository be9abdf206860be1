#!/usr/bin/env python3
"""The one-body edit in a git checkout with a long history, committed or not.

    python benchmarks/git_history.py --dir ARCHIVE [--commits 2000] [--runs 5] [--verify] [--code DIR]

An archive grows by pull requests, so its checkout has a commit for every few
items, and article pages show when each item was added and last revised
(archive/history.py: one ``git log`` over content/articles/). This copies
ARCHIVE's content/, site.yaml, templates/ and assets/ into a new checkout
under ``$TMPDIR`` (deleted at the end), whose history adds the articles in
``--commits`` commits (made with ``git fast-import``, in seconds), and times
``python -m sitegen build --quiet`` from a fresh process (whole process):

  (g0) the ``git log`` sitegen reads the history with, alone;
  (g1) one article's body edited, not committed (HEAD the same);
  (g2) one article's body edited and committed (a new HEAD).

Each row is the median of ``--runs`` runs after one warm-up, a different
article each run. ``--verify`` compares the site after (g2) with a full
build's, byte for byte. ``--code DIR`` runs the sitegen of another checkout
(``git worktree add DIR REV``), for a before and after. A script, not a
test: it asserts nothing about speed.
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
LOG = ["-c", "log.showSignature=false", "log", "-z", "-M", "--relative", "--name-status",
       "--format=%x01%H%x00%aI%x00%aN", "HEAD", "--", "content/articles"]  # as archive/history.py


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, required=True, help="an archive (incremental.py --keep leaves one)")
    parser.add_argument("--commits", type=int, default=2000, help="commits the articles are added in")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose sitegen runs (default: this one)")
    args = parser.parse_args(argv)
    code = args.code.resolve()
    subprocess.run([args.python, "-m", "compileall", "-q", str(code / "sitegen")], check=True)
    work = Path(tempfile.mkdtemp(prefix="sitegen-git-"))
    checkout = work / "archive"
    try:
        started = time.perf_counter()
        articles = make_checkout(args.dir, checkout, args.commits)
        print(f"a checkout of {len(articles)} articles in {args.commits + 1} commits, "
              f"made in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        build(args.python, code, checkout)  # the state every later build starts from
        rows = {"g0": [], "g1": [], "g2": []}
        for run in range(args.runs + 1):
            started = time.perf_counter()
            git(checkout, *LOG)
            log = time.perf_counter() - started
            append(articles[(run * 7919 + 11) % len(articles)], run)
            uncommitted = build(args.python, code, checkout)
            append(articles[(run * 7919 + 23) % len(articles)], run)
            git(checkout, "commit", "-q", "-a", "-m", f"edit {run}")
            committed = build(args.python, code, checkout)
            if run:
                rows["g0"].append(log)
                rows["g1"].append(uncommitted)
                rows["g2"].append(committed)
        verified = verify(args.python, code, checkout, work / "full") if args.verify else ""
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(articles)} articles, {args.commits + 1} commits; {args.runs} runs after a warm-up, medians; "
          f"sitegen {revision(code)}")
    print()
    print("| step | wall s, median (min–max) |")
    print("|---|---|")
    labels = {"g0": "(g0) `git log` over content/articles, alone",
              "g1": "(g1) one body edited, not committed", "g2": "(g2) one body edited and committed"}
    for key, label in labels.items():
        values = rows[key]
        print(f"| {label} | **{statistics.median(values):.2f}** ({min(values):.2f}–{max(values):.2f}) |")
    if verified:
        print(f"|  ↳ check after (g2) | {verified} |")
    return 0


def make_checkout(archive: Path, checkout: Path, commits: int) -> list[Path]:
    """The archive's files in a new repository: a first commit of everything but the
    articles, then the articles, in name order, over ``commits`` commits a day apart."""
    checkout.mkdir(parents=True)
    for name in ("content", "templates", "assets"):
        shutil.copytree(archive / name, checkout / name, symlinks=True)
    shutil.copyfile(archive / "site.yaml", checkout / "site.yaml")
    files = sorted(p for p in checkout.rglob("*") if p.is_file())
    articles = [p for p in files if p.suffix == ".md" and "articles" in p.relative_to(checkout).parts]
    chosen = set(articles)
    rest = [p for p in files if p not in chosen]
    groups = [rest] + [articles[i::commits] for i in range(commits)]
    stream = bytearray()
    when = 1_600_000_000
    for number, group in enumerate(groups, 1):
        message = b"archive" if number == 1 else f"add {len(group)} items".encode()
        stream += b"commit refs/heads/main\n"
        stream += f"mark :{number}\ncommitter Curator <curator@example.org> {when + number * 86400} +0000\n".encode()
        stream += b"data %d\n%s\n" % (len(message), message)
        if number > 1:
            stream += f"from :{number - 1}\n".encode()
        for path in group:
            data = path.read_bytes()
            stream += f"M 100644 inline {path.relative_to(checkout).as_posix()}\n".encode()
            stream += b"data %d\n%s\n" % (len(data), data)
    git(checkout, "init", "-q", "-b", "main")
    git(checkout, "fast-import", "--quiet", stdin=bytes(stream))
    git(checkout, "reset", "-q")  # the index as HEAD has it: the files are the same already
    return articles


def append(path: Path, run: int) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\nThe benchmark added this sentence in run {run}.\n")


def build(python: str, code: Path, root: Path, *options: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([python, "-m", "sitegen", "--root", str(root), "build", "--quiet", *options],
                          cwd=tempfile.gettempdir(), env={**os.environ, "PYTHONPATH": str(code)},
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"sitegen build failed:\n{done.stderr}")
    return time.perf_counter() - started


def verify(python: str, code: Path, root: Path, full: Path) -> str:
    build(python, code, root, "--full", "--out", str(full))
    done = subprocess.run(["diff", "-rq", str(root / "build") + "/", str(full) + "/"], capture_output=True, text=True)
    return "same bytes as a full build" if done.returncode == 0 else f"DIFFERS: {done.stdout[:300]}"


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "curator@example.org",
           "GIT_COMMITTER_NAME": "Curator", "GIT_COMMITTER_EMAIL": "curator@example.org"}
    done = subprocess.run(["git", "-C", str(root), *args], input=stdin, env=env, capture_output=True, check=True)
    return done.stdout


def revision(code: Path) -> str:
    done = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "?"


if __name__ == "__main__":
    sys.exit(main())
