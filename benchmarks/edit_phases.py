#!/usr/bin/env python3
"""Where a one-body edit's build spends its time, phase by phase, from a fresh process.

    python benchmarks/edit_phases.py --dir ARCHIVE [--runs 7]

ARCHIVE is an archive built once already (``benchmarks/incremental.py
--keep --dir ARCHIVE`` leaves one). Each run appends a sentence to one
article's body (a different one each run; all are restored at the end) and
builds it in a new process that times its own phases: each phase is the
wall time of one of the engine's calls, wrapped before the build starts, so
no profiler slows the rest. Prints the median of every phase as a Markdown
table, then the median of the whole process (start-up included, as the
shell sees it). A script, not a test: it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

# (module, class or "", attribute) → phase: the engine's calls a one-edit build makes, in order
PHASES = {
    ("sitegen.build.engine", "", "input_stamp"): "input walk and fingerprint (or the forked walk's result read)",
    ("sitegen.build.engine", "", "load_state"): "state loaded",
    ("sitegen.build.engine", "BuildRun", "registries"): "registries",
    ("sitegen.build.pipeline", "", "load_archive"): "articles surveyed, changed ones read, checked",
    ("sitegen.build.pipeline", "", "build_index"): "index",  # where builds before the index's shape was kept made it
    ("sitegen.build.engine", "BuildRun", "index"): "index",
    ("sitegen.build.engine", "", "plan_pages"): "pages planned",
    ("sitegen.build.pipeline", "", "plan_pages"): "pages planned",  # where builds before 9ef4981 called it
    ("sitegen.build.engine", "BuildRun", "templates"): "templates",
    ("sitegen.build.engine", "BuildRun", "due"): "pages due (their digests)",
    ("sitegen.build.engine", "BuildRun", "write"): "rendered and written",
    ("sitegen.build.engine", "BuildRun", "state_for_next_build"): "next state made",
    ("sitegen.build.engine", "", "save_state"): "state saved",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, required=True, help="an archive built once already")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.dir)
    # sitegen compiled to .pyc first, as pip install leaves it (see incremental.py)
    subprocess.run([args.python, "-m", "compileall", "-q", str(Path(__file__).resolve().parent.parent / "sitegen")],
                   check=True)
    articles = sorted((args.dir / "content" / "articles").rglob("*.md"))
    if not articles:
        sys.exit(f"no articles under {args.dir}/content/articles")
    originals: dict[Path, bytes] = {}
    phases: dict[str, list[float]] = {}
    walls = []
    try:
        for run in range(args.runs + 1):  # the first run is a warm-up, not counted
            path = articles[(run * 7919) % len(articles)]
            originals.setdefault(path, path.read_bytes())
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"\nOne more sentence, run {run}.\n")
            started = time.perf_counter()
            done = subprocess.run([args.python, __file__, "--child", "--dir", str(args.dir)],
                                  capture_output=True, text=True)
            wall = time.perf_counter() - started
            if done.returncode != 0:
                sys.exit(f"the build failed:\n{done.stderr}")
            if run == 0:
                continue
            walls.append(wall)
            for name, seconds in json.loads(done.stdout.strip().splitlines()[-1]).items():
                phases.setdefault(name, []).append(seconds)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    print(f"one body edited, {args.runs} runs, medians; {args.dir}")
    print()
    print("| phase | s |")
    print("|---|---|")
    for name, values in phases.items():
        print(f"| {name} | {statistics.median(values):.3f} |")
    print(f"| **whole process, as the shell sees it** | **{statistics.median(walls):.3f}** |")
    return 0


def child(archive: Path) -> int:
    """One build, its phases timed; prints them as JSON on the last line of stdout."""
    started = time.perf_counter()
    from sitegen.build import collector
    from sitegen.cli import main as cli

    spent = {"imports before the command runs (sitegen.cli)": time.perf_counter() - started}
    if hasattr(cli, "_build"):  # the build's modules are imported after the input walk is forked
        build_after_fork = cli._build

        def timed_build(*args):
            wrap_phases(spent, "imports of the build's modules, Jinja, markdown-it, PyYAML (the walk meanwhile)")
            return build_after_fork(*args)

        cli._build = timed_build
    else:
        wrap_phases(spent, "imports of the build's modules, Jinja, markdown-it, PyYAML")
    code = cli.main(["--root", str(archive), "build", "--quiet"])
    print(json.dumps(spent), flush=True)
    collector.leave_to_the_system()  # and then exit, as the command does (cli.main.run)
    return code


def wrap_phases(spent: dict[str, float], imports: str) -> None:
    """Import the modules that make the phases' calls (timed as ``imports``), and time each call."""
    import importlib

    started = time.perf_counter()
    owners = {}
    for module_name, class_name, _ in PHASES:
        owner = importlib.import_module(module_name)
        owners[module_name, class_name] = getattr(owner, class_name) if class_name else owner
    spent[imports] = time.perf_counter() - started
    for (module_name, class_name, attribute), name in PHASES.items():
        owner = owners[module_name, class_name]
        if hasattr(owner, attribute):  # (another revision may not make this call)
            setattr(owner, attribute, _timed(getattr(owner, attribute), name, spent))


def _timed(function, name: str, spent: dict[str, float]):
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
    return timed


if __name__ == "__main__":
    sys.exit(main())
