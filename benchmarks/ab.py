"""Two revisions of sitegen, full builds alternating on one archive: which is faster?

This machine's speed drifts by up to a third within minutes, so two builds
timed minutes apart say little about a change. Alternating A and B, and
counting in how many of the pairs B was faster, does: a change that wins 7
or 8 pairs of 8 is real; one that wins 4 is noise, whatever the medians say.

    python benchmarks/ab.py HEAD~1 HEAD                  # 10k articles, 8 pairs
    python benchmarks/ab.py main WORKTREE --runs 12 --size 1k
    python benchmarks/ab.py HEAD WORKTREE --out-dir /dev/shm   # no disk in the timing

``WORKTREE`` is this checkout as it is (edits included); anything else is a
git revision, exported with its site.yaml, templates/ and assets/ (each
build copies its own revision's into the archive first, not timed). Archives
come from the benchmark kit, as for compare.py, and are shared with it.
Outputs go to new folders, deleted only at the end (deleting a large tree
slows the next files created on this disk for minutes).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402  - the kit, archives, exports and timing are compare.py's

WORKTREE = "WORKTREE"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(args.work)
    kit = compare.prepare_kit(Path(args.kit), work)
    corpus = compare.make_corpus(kit, work, compare.parse_size(args.size), "sitegen", fresh=False)
    sources = {name: source(rev, work, args.python) for name, rev in (("A", args.a), ("B", args.b))}
    out_root = Path(tempfile.mkdtemp(prefix="sitegen-ab-", dir=args.out_dir))
    timings: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    try:
        for run in range(args.runs + 1):  # the first pair warms both up and is not counted
            for name in ("A", "B") if run % 2 == 0 else ("B", "A"):  # each goes first as often
                tree, _ = sources[name]
                compare.install_theme(corpus, tree)
                compare.clear_state(corpus)
                compare.wait_until_idle(args.wait_idle)
                command = [args.python, "-m", "sitegen", "--root", str(corpus), "build",
                           "--out", str(out_root / f"{name}-{run}"), "--full", "--quiet", "--no-search",
                           *args.sitegen_arg]
                wall, cpu, _, _, _ = compare.timed_run(command, compare.sitegen_env(tree), corpus)
                if run:
                    timings[name].append((wall, cpu))
                if args.verbose:
                    what = f"run {run}" if run else "warm-up"
                    compare.log(f"{name} {what}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    except compare.BuildFailed as exc:
        sys.exit(f"a build failed: {exc}")
    finally:
        shutil.rmtree(out_root, ignore_errors=True)
    print(report(args, sources, timings))
    return 0


def source(rev: str, work: Path, python: str) -> tuple[Path, str]:
    if rev == WORKTREE:
        return compare.byte_compiled(compare.REPO, python), f"{compare.revision()} (this checkout)"
    return compare.sitegen_source(rev, work, python)


def report(args, sources, timings) -> str:
    lines = [f"{args.runs} pairs of cold full builds, alternating, on the {args.size} archive "
             f"(`--full --quiet --no-search`), after a pair of warm-ups:", "",
             "| | sitegen | wall s, median (min–max) | CPU s, median |", "|---|---|---|---|"]
    for name in ("A", "B"):
        walls = [wall for wall, _ in timings[name]]
        cpus = [cpu for _, cpu in timings[name]]
        lines.append(f"| {name} | {sources[name][1]} | {statistics.median(walls):.2f} "
                     f"({min(walls):.2f}–{max(walls):.2f}) | {statistics.median(cpus):.2f} |")
    pairs = list(zip(timings["A"], timings["B"]))
    faster = sum(b[0] < a[0] for a, b in pairs)
    ratio = statistics.median(b[0] / a[0] for a, b in pairs)
    lines += ["", f"B was faster in {faster} of {len(pairs)} pairs; B ÷ A, median of the pairs: {ratio:.3f}."]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", help=f"a git revision, or {WORKTREE} for this checkout as it is")
    parser.add_argument("b", help="the other one")
    parser.add_argument("--size", default="10k", help="archive size: 1k, 10k, 100k or a number (default 10k)")
    parser.add_argument("--runs", type=int, default=8, help="measured pairs (default 8)")
    parser.add_argument("--kit", default=str(compare.DEFAULT_KIT), help="the shared benchmark kit")
    parser.add_argument("--work", default=str(compare.DEFAULT_WORK),
                        help="folder for the kit's copy, the archives and exports (shared with compare.py)")
    parser.add_argument("--out-dir", default=None,
                        help="where the outputs go (default: the system's temporary folder)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs sitegen")
    parser.add_argument("--sitegen-arg", action="append", default=[], metavar="ARG",
                        help="extra argument for `sitegen build` (repeatable), e.g. --sitegen-arg=--jobs=1")
    parser.add_argument("--wait-idle", type=float, default=30,
                        help="before each build, wait up to this long for the CPUs to be idle (default 30)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every build")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(main())
