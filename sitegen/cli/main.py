"""Command line: parse arguments, run a command, turn errors into messages.

A SitegenError becomes its diagnostics on stderr and exit status 1; nothing
the user can cause ends in a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sitegen import __version__
from sitegen.build import collector
from sitegen.build.input_walk import WalkAhead
from sitegen.cli.curator_commands import add_commands as add_contribution_commands
from sitegen.core.diagnostics import Diagnostic, Severity, SitegenError, error


def run() -> None:
    """The ``sitegen`` command: ``main``, then exit.

    What a large build leaves behind (an index of 100k articles, full of
    reference cycles) would otherwise be collected and freed object by object
    as the interpreter shuts down, a second or more for nothing: frozen, it is
    left to the operating system, which takes the process's memory back at once.
    """
    code = main()
    collector.leave_to_the_system()
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SitegenError as exc:
        report_problems(exc.diagnostics)
        return 1
    except OSError as exc:  # the disk, not the content: permissions, a full disk
        where = f" {exc.filename}" if exc.filename else ""
        print(f"sitegen: cannot write or read{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sitegen: interrupted", file=sys.stderr)
        return 130


def in_file_order(diagnostics) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.path, d.line or 0))


def report_problems(diagnostics: list[Diagnostic]) -> None:
    """Print diagnostics grouped by file, in line order, then a one-line summary."""
    for diagnostic in in_file_order(diagnostics):
        print(diagnostic.format(), file=sys.stderr)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    summary = _count(errors, "error") + (f" and {_count(warnings, 'warning')}" if warnings else "")
    print(f"sitegen: {summary}; nothing was written", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen", description="Static-site generator for a curated news archive.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the archive's folder, holding site.yaml (default: here)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    build_cmd = commands.add_parser("build", help="render content/ into the static site")
    build_cmd.add_argument("--strict", action="store_true",
                           help="treat warnings (unknown ids…) as errors")
    build_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft")
    build_cmd.add_argument("--base-url", help="override site.yaml's base_url (e.g. for a preview)")
    build_cmd.add_argument("--out", type=Path, help="output folder (default: build/)")
    build_cmd.add_argument("--full", action="store_true",
                           help="re-render every page, ignoring what the last build recorded")
    build_cmd.add_argument("--jobs", type=_positive, metavar="N",
                           help="processes for a full build (default: every core, for large archives)")
    build_cmd.add_argument("--quiet", action="store_true",
                           help="print only problems: no progress bar, no summary")
    build_cmd.add_argument("--no-search", dest="search", action="store_false",
                           help="build no search index; /search/ then offers browsing instead")
    build_cmd.set_defaults(run=_run_build)

    serve_cmd = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1:8000, rebuild and live-reload on change")
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="address to listen on and to link to (default: 127.0.0.1, "
                                "this machine only)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft")
    serve_cmd.add_argument("--search", action="store_true",
                           help="build the search index too (slow on large archives: after every edit)")
    serve_cmd.set_defaults(run=_run_serve)

    ingest_cmd = commands.add_parser(
        "ingest", help="normalise raw captures (default: content/inbox/) into articles")
    ingest_cmd.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                            help="capture files or folders (default: content/inbox/)")
    ingest_cmd.add_argument("--into", type=Path, metavar="DIR",
                            help="articles folder to write into (default: content/articles/)")
    ingest_cmd.add_argument("--year", type=_year, metavar="YYYY",
                            help="the year of captures whose date has none (flagged for review)")
    ingest_cmd.add_argument("--dry-run", action="store_true",
                            help="report what would be written; write nothing")
    ingest_cmd.add_argument("--propose", action="store_true",
                            help="beside an article edited since ingest, write ingest's version "
                                 "as <article>.md.proposed")
    ingest_cmd.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest_cmd.set_defaults(run=_run_ingest)
    add_contribution_commands(commands)  # check, new, review, cms
    return parser


def _run_build(args: argparse.Namespace) -> int:
    # The walk over the inputs begins before the build's modules are imported (input_walk.py).
    with WalkAhead(str(args.root.absolute())) as ahead:
        return _build(args, ahead)


def _build(args: argparse.Namespace, ahead: WalkAhead) -> int:
    from sitegen.build.engine import build
    from sitegen.build.progress import Progress
    from sitegen.core.config import load_config

    root = args.root
    config = load_config(root)
    if args.base_url:
        parts = urlsplit(args.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SitegenError(error("--base-url", None, f'"{args.base_url}" is not an absolute http(s) URL',
                                     'write e.g. "http://127.0.0.1:8000/"'))
        config = config.with_base_url(args.base_url)
    out_dir = args.out or root / "build"
    report = build(config, out_dir, strict=args.strict, drafts=args.drafts, incremental=not args.full,
                   jobs=args.jobs, progress=Progress(enabled=False if args.quiet else None),
                   search=args.search, ahead=ahead)
    for diagnostic in in_file_order(report.warnings):
        print(diagnostic.format(), file=sys.stderr)
    for notice in report.notices:
        print(f"sitegen: {notice}", file=sys.stderr)
    if not args.quiet:
        change = "full build" if report.full else \
            f"{_count(report.written, 'file')} written, {report.removed} removed"
        print(f"built {_count(report.articles, 'article')} into {_count(report.pages, 'page')} "
              f"in {_shown(report.out_dir)} ({change}) in {report.seconds:.2f} s")
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from sitegen.serve.server import serve  # imported here: only serve needs tornado and livereload

    return serve(args.root, host=args.host, port=args.port, open_browser=args.open,
                 drafts=args.drafts, search=args.search)


def _run_ingest(args: argparse.Namespace) -> int:
    from sitegen.ingest.report import json_report, text_report
    from sitegen.ingest.run import run_ingest

    outcomes = run_ingest(args.root, args.paths, args.into, args.year, args.dry_run, args.propose)
    report = json_report if args.json else text_report
    sys.stdout.write(report(outcomes, args.dry_run))
    unreadable = [o.problem for o in outcomes if o.problem is not None]
    for problem in unreadable:
        print(problem.format(), file=sys.stderr)
    return 1 if unreadable else 0


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2200):
        raise argparse.ArgumentTypeError(f"{text!r} is not a four-digit year")
    return int(text)


def _positive(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of processes (1 or more)")
    return value


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _shown(path: Path) -> str:
    """The output folder as the user named it: a link, not the copy it points to."""
    folder = Path(os.path.abspath(path))
    try:
        return (folder.parent.resolve() / folder.name).relative_to(Path.cwd().resolve()).as_posix() + "/"
    except ValueError:
        return str(path) + "/"
