#!/usr/bin/env python3
"""Time sitegen's incremental builds on a synthetic 10k-article archive.

    python benchmarks/incremental.py [--n 10000] [--runs 3] [--keep] [--dir DIR]
                                     [--gen ../shared/bench/gen_corpus.py] [--verify] [--no-search]

Generates an archive with the shared benchmark kit's gen_corpus.py
(``--flavour sitegen``), copies in this repository's site.yaml, templates/ and
assets/, and times ``python -m sitegen --root DIR build`` as a subprocess
(whole-process wall time, start-up included):

  (0) start-up floor: ``python -m sitegen --version`` (interpreter and imports);
  (a) cold full build: output folder and build state deleted first;
  (b) no-op rebuild;
  (c) rebuild after appending a sentence to one article's body;
  (d) rebuild after changing one article's topics (front-matter);
  (e) as (c), but in one long-lived process, the way ``sitegen serve``
      rebuilds: the same warm Builder for every edit, timed inside it.

Each row is the median of ``--runs`` measured runs after one unmeasured
warm-up; (c) and (d) edit a different article in every run, so every run
is a real change. Peak RSS is the build process's own (``os.wait4``); files
written are counted on disk: files that are new or whose mtime changed.
This is a script, not a test: it prints a Markdown table and exits 0 even
when a goal is missed (1 only when a build fails).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
STATE_NAMES = (".sitegen-cache",)  # build state under the archive root, deleted for (a)
GOALS = {"0": None, "a": None, "b": 0.5, "c": 0.3, "d": None, "e": 0.3}
MARKER = ".sitegen-build"  # sitegen's own file in the output folder: not counted as written
HUGO_10K_COLD = 5.29  # shared/bench/README.md, Hugo 0.168 on the same kind of machine


@dataclass
class Step:
    key: str
    label: str
    walls: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    written: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    note: str = ""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # sitegen compiled to .pyc first, as pip install leaves it: where PYTHONDONTWRITEBYTECODE is
    # set, every fresh process would otherwise compile all of it again (~0.1 s of each build)
    subprocess.run([args.python, "-m", "compileall", "-q", str(REPO / "sitegen")], check=True)
    archive = args.dir.resolve()
    prepare_archive(args, archive)
    out = archive / "build"
    edited: dict[Path, bytes] = {}  # restored at the end, so --keep reuses a pristine corpus
    steps = [Step("0", "start-up floor: `sitegen --version`"), Step("a", "(a) cold full build"), Step("b", "(b) no-op rebuild"),
             Step("c", "(c) one article's body edited"), Step("d", "(d) one article's topics edited"),
             Step("e", "(e) one body edited, warm rebuild as in `sitegen serve`")]
    articles = sorted((archive / "content" / "articles").rglob("*.md"))
    topics = registry_ids(archive / "content" / "topics.yaml")
    summary_line = ""
    try:
        for step in steps:
            if step.key == "e":
                warm_rebuilds(archive, args, articles, edited, step)
                continue
            for run in range(args.runs + 1):  # run 0 is the warm-up
                if step.key == "a":
                    delete_output_and_state(archive, out)
                elif step.key == "c":
                    edit_body(pick(articles, run, salt=1), run, edited)
                elif step.key == "d":
                    edit_topics(pick(articles, run, salt=2), topics, edited)
                before = scan(out)
                wall, rss, output = run_build(archive, args.python, version=step.key == "0")
                after = scan(out)
                summary_line = output or summary_line
                if run == 0:
                    continue
                step.walls.append(wall)
                step.rss_kib.append(rss)
                step.written.append(sum(1 for name, t in after.items()
                                        if before.get(name) != t and name != MARKER))
                step.removed.append(len(set(before) - set(after)))
                if args.verbose:
                    print(f"{step.label} run {run}: {wall:.3f} s, {rss / 1024:.0f} MiB, "
                          f"{step.written[-1]} written, {step.removed[-1]} removed", file=sys.stderr)
            if args.verify and step.key in ("c", "d"):
                step.note = verify(archive, out, args.python)
    except BuildFailed as exc:
        print(f"sitegen build failed:\n{exc}", file=sys.stderr)
        return 1
    finally:
        for path, data in edited.items():
            path.write_bytes(data)
        if not args.keep:
            shutil.rmtree(archive, ignore_errors=True)
    print_table(args, steps, summary_line)
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="articles to generate (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per step (default 3)")
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN,
                        help="the kit's gen_corpus.py (default: ../shared/bench/ beside the repo)")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where the archive goes (default: $TMPDIR/sitegen-bench-N)")
    parser.add_argument("--keep", action="store_true",
                        help="reuse the archive in --dir if it is there, and keep it afterwards")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs sitegen")
    parser.add_argument("--verify", action="store_true",
                        help="after (c) and (d), compare the output with a full build elsewhere")
    parser.add_argument("--no-search", action="store_true",
                        help="build without the search index (site.yaml's search: false)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every run")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.dir = args.dir or Path(tempfile.gettempdir()) / f"sitegen-bench-{args.n}"
    return args


# --- the archive -------------------------------------------------------------------


def prepare_archive(args: argparse.Namespace, archive: Path) -> None:
    reuse = args.keep and (archive / "content" / "articles").is_dir()
    if not reuse:
        if not args.gen.is_file():
            sys.exit(f"no gen_corpus.py at {args.gen}: pass --gen PATH")
        shutil.rmtree(archive, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(args.gen), "--n", str(args.n), "--out", str(archive),
                        "--flavour", "sitegen"], check=True)
        print(f"generated {args.n} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    # the theme and config always come from this checkout
    shutil.copyfile(REPO / "site.yaml", archive / "site.yaml")
    if args.no_search:  # every build of the run, the warm one and --verify's included
        with open(archive / "site.yaml", "a", encoding="utf-8") as handle:
            handle.write("\nsearch: false\n")
    for folder in ("templates", "assets"):
        shutil.rmtree(archive / folder, ignore_errors=True)
        shutil.copytree(REPO / folder, archive / folder)


def delete_output_and_state(archive: Path, out: Path) -> None:
    """Everything a cold build must not find: the output, staging folders and any build state."""
    shutil.rmtree(out, ignore_errors=True)
    for name in STATE_NAMES:
        shutil.rmtree(archive / name, ignore_errors=True)
    for sibling in archive.glob(f".{out.name}.*"):  # state or staging kept beside the output
        shutil.rmtree(sibling) if sibling.is_dir() else sibling.unlink()


def pick(articles: list[Path], run: int, salt: int) -> Path:
    """A different article for every run, spread over the archive."""
    return articles[(run * 7919 + salt * 104729) % len(articles)]


def edit_body(path: Path, run: int, edited: dict[Path, bytes]) -> None:
    data = path.read_bytes()
    edited.setdefault(path, data)
    path.write_bytes(data + f"\nThe benchmark added this sentence in run {run}.\n".encode())


TOPICS_LINE = re.compile(r"^topics: \[(.*)\]$", re.MULTILINE)


def edit_topics(path: Path, known: list[str], edited: dict[Path, bytes]) -> None:
    """Replace the article's last topic with a registry topic it does not have."""
    text = path.read_text(encoding="utf-8")
    edited.setdefault(path, text.encode("utf-8"))
    match = TOPICS_LINE.search(text)
    if match is None:
        raise SystemExit(f"{path}: no 'topics: [...]' line to edit")
    current = [t.strip() for t in match.group(1).split(",") if t.strip()]
    new = next(t for t in known if t not in current)
    topics = (current[:-1] if current else []) + [new]
    path.write_text(text[:match.start()] + f"topics: [{', '.join(topics)}]" + text[match.end():],
                    encoding="utf-8")


def registry_ids(path: Path) -> list[str]:
    return re.findall(r"^([a-z0-9][a-z0-9-]*):", path.read_text(encoding="utf-8"), re.MULTILINE)


# --- running and measuring ---------------------------------------------------------


class BuildFailed(Exception):
    pass


def run_build(archive: Path, python: str, out: Path | None = None,
              version: bool = False) -> tuple[float, int, str]:
    """One ``python -m sitegen build``: (wall seconds, peak RSS KiB, its "built …" line).

    ``version=True`` runs ``sitegen --version`` instead: start-up and imports only.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    command = [python, "-m", "sitegen", "--root", str(archive), "build"]
    if version:
        command = [python, "-m", "sitegen", "--version"]
    if out is not None:
        command += ["--out", str(out)]
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env, cwd=archive)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        text = stdout.read().decode("utf-8", "replace")
        if process.returncode != 0:
            raise BuildFailed(text + stderr.read().decode("utf-8", "replace")[-4000:])
    built = next((line for line in text.splitlines() if line.startswith("built ")), "")
    return wall, usage.ru_maxrss, built  # ru_maxrss is in KiB on Linux


WARM = """
import json, sys, time
from pathlib import Path
from sitegen.build.engine import Builder
from sitegen.core.config import load_config
archive, files = Path(sys.argv[1]), sys.argv[2:]
builder = Builder(load_config(archive), archive / "build", keep_warm=True)
builder.build()
for run, name in enumerate(files):
    time.sleep(1.0)  # a person types between saves; lets the state save in the background
    with open(name, "a", encoding="utf-8") as handle:
        handle.write(f"\\nWarm edit {run}.\\n")
    started = time.perf_counter()
    report = builder.build()
    print(json.dumps([time.perf_counter() - started, report.written, report.removed]), flush=True)
builder.wait()
"""


def warm_rebuilds(archive: Path, args, articles: list[Path], edited: dict[Path, bytes],
                  step: Step) -> None:
    """(e): one process, one Builder, a body edit before each timed rebuild."""
    chosen = [pick(articles, run, salt=3) for run in range(args.runs + 1)]
    for path in chosen:
        edited.setdefault(path, path.read_bytes())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([args.python, "-c", WARM, str(archive), *map(str, chosen)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildFailed(done.stderr[-4000:])
    import json
    runs = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("[")]
    for wall, written, removed in runs[1:]:  # the first edit is the warm-up
        step.walls.append(wall)
        step.written.append(written)
        step.removed.append(removed)
        step.rss_kib.append(0)


def scan(out: Path) -> dict[str, int]:
    """Output file → mtime_ns."""
    found: dict[str, int] = {}
    pending = [out]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            else:
                found[os.path.relpath(entry.path, out)] = entry.stat(follow_symlinks=False).st_mtime_ns
    return found


def verify(archive: Path, out: Path, python: str) -> str:
    """Compare the incremental output with a full build into a fresh folder."""
    with tempfile.TemporaryDirectory(dir=archive.parent) as scratch:
        full = Path(scratch) / "full"
        run_build(archive, python, out=full)
        a, b = scan(out), scan(full)
        names = (set(a) | set(b)) - {MARKER}
        differ = sorted(n for n in names if n not in a or n not in b
                        or (out / n).read_bytes() != (full / n).read_bytes())
    if differ:
        return f"differs from a full build in {len(differ)} files, e.g. {', '.join(differ[:3])}"
    return "same bytes as a full build"


# --- the report ----------------------------------------------------------------------


def print_table(args: argparse.Namespace, steps: list[Step], summary_line: str) -> None:
    print(f"sitegen incremental benchmark: {args.n} articles, {args.runs} measured runs per step "
          f"after one warm-up; {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"sitegen {revision()}, " + ("without search (search: false)" if args.no_search
                                       else "with the search index (the default)"))
    if summary_line:
        print(f"last build said: {summary_line}")
    print()
    print("| step | wall s, median (min–max) | peak RSS MiB | files written | goal |")
    print("|---|---|---|---|---|")
    for step in steps:
        median = statistics.median(step.walls)
        wall = f"**{median:.2f}** ({min(step.walls):.2f}–{max(step.walls):.2f})"
        rss = f"{max(step.rss_kib) / 1024:.0f}" if any(step.rss_kib) else "—"
        written = spread(step.written)
        if any(step.removed):
            written += f", {spread(step.removed)} removed"
        print(f"| {step.label} | {wall} | {rss} | {written} | {goal(step.key, median)} |")
        if step.note:
            print(f"|  ↳ check | {step.note} | | | |")


def spread(values: list[int]) -> str:
    low, high, mid = min(values), max(values), statistics.median(values)
    return f"{mid:g}" if low == high else f"{mid:g} ({low}–{high})"


def goal(key: str, median: float) -> str:
    if key == "0":
        return "(what no build can go below)"
    if key == "a":
        return f"no slower than Hugo (10k: {HUGO_10K_COLD} s in shared/bench)"
    limit = GOALS[key]
    if limit is None:
        return "—"
    return f"≤ {limit} s {'met' if median <= limit else 'MISSED'}"


def revision() -> str:
    try:
        return subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(no git)"


if __name__ == "__main__":
    sys.exit(main())
