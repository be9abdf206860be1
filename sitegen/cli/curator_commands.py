"""The commands for contributors and curators: check, new, review, cms, demo.

main.py owns the parser and the error handling; this module adds these
commands to it and runs them. What each command needs is imported when it
runs: every ``sitegen build`` loads this module to know the commands, and
should not pay for loading check's link and near-duplicate checkers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitegen.cli.check_output import FORMATS, render
from sitegen.core.diagnostics import Diagnostic, Severity, SitegenError, display_path


def add_commands(commands) -> None:
    check_cmd = commands.add_parser(
        "check", help="validate content for a pull request; exit 1 on errors")
    check_cmd.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                           help="report only on these files or folders (default: the whole archive)")
    check_cmd.add_argument("--strict", action="store_true",
                           help="treat warnings (unknown ids, open review notes…) as errors")
    check_cmd.add_argument("--format", choices=FORMATS, default="text",
                           help="text (default), github (Actions annotations) or json")
    check_cmd.set_defaults(run=run_check)

    new_cmd = commands.add_parser("new", help="scaffold an article with valid front-matter")
    new_cmd.add_argument("--title", help='the headline (default: "New item")')
    new_cmd.add_argument("--date", help="YYYY-MM-DD, or a date and time with offset (default: today)")
    new_cmd.add_argument("--speaker", action="append", default=[], metavar="ID",
                         help="a speaker's id from people.yaml (repeat for more)")
    new_cmd.add_argument("--topic", action="append", default=[], metavar="ID",
                         help="a topic id from topics.yaml (repeat for more)")
    new_cmd.add_argument("--slug", help="the file name's last part (default: made from the title)")
    new_cmd.set_defaults(run=run_new)

    review_cmd = commands.add_parser("review", help="list open review notes, oldest item first")
    review_cmd.add_argument("--json", action="store_true", help="print JSON for tools")
    review_cmd.add_argument("--people", action="store_true",
                            help="list speaker and person ids people.yaml lacks, with entries to paste")
    review_cmd.set_defaults(run=run_review)

    cms_cmd = commands.add_parser(
        "cms", help="write admin/registries.yml, the lists the web editor's pickers read")
    cms_cmd.set_defaults(run=run_cms)

    demo_cmd = commands.add_parser(
        "demo", help="write an invented archive (made-up people and quotes) to see a large archive's pages")
    demo_cmd.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    demo_cmd.add_argument("--items", type=_positive, default=2000, metavar="N",
                          help="how many items (default: 2000)")
    demo_cmd.set_defaults(run=run_demo)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of items, 1 or more")
    return int(text)


def run_check(args: argparse.Namespace) -> int:
    from sitegen.check.checks import check
    from sitegen.core.config import load_config

    try:
        report = check(load_config(args.root), args.paths, strict=args.strict)
        diagnostics, files, seconds = list(report.diagnostics), report.files, report.seconds
    except SitegenError as exc:  # no usable site.yaml: nothing else can be judged
        diagnostics, files, seconds = exc.diagnostics, 0, 0.0
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    summary = (f"sitegen check: {_count(errors, 'error')}, {_count(warnings, 'warning')} "
               f"in {_count(files, 'article file')} ({seconds:.2f} s)")
    counts = {"errors": errors, "warnings": warnings, "files": files, "seconds": round(seconds, 3)}
    sys.stdout.write(render(diagnostics, args.format, summary, counts))
    return 1 if errors else 0


def run_demo(args: argparse.Namespace) -> int:
    from sitegen.archive.demo import make_demo

    target = make_demo(args.dir, args.root, args.items)
    print(f"wrote an invented archive of {_count(args.items, 'item')} to {display_path(target)}: "
          f"every person, place and quote in it is made up. See it with: "
          f"sitegen --root {display_path(target)} serve")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from sitegen.archive.new_article import plan_article, write_article
    from sitegen.core.config import load_config

    config = load_config(args.root)
    article = plan_article(config, title=args.title, when=args.date, slug=args.slug,
                           speakers=tuple(args.speaker), topics=tuple(args.topic))
    path = write_article(config, article)
    print(f"created {display_path(path)}: write the item below its front-matter, "
          f"then run sitegen check")
    return 0


def run_review(args: argparse.Namespace) -> int:
    from sitegen.archive.load import scan_archive
    from sitegen.archive.review_notes import as_json, open_notes
    from sitegen.core.config import load_config

    if args.people:
        from sitegen.ingest import unknown_people as people
        sys.stdout.write((people.json_report if args.json else people.text_report)(
            people.unknown_people(args.root)))
        return 0

    config = load_config(args.root)
    scan = scan_archive(config)
    notes = open_notes(scan.articles)
    if args.json:
        print(json.dumps({"notes": [as_json(n) for n in notes], "count": len(notes)},
                         ensure_ascii=False, indent=2))
    else:
        for note in notes:
            print(f"{display_path(config.root / note.path)}:{note.line}: {note.question}")
        print(f"{_count(len(notes), 'open review note')} in "
              f"{_count(len({n.path for n in notes}), 'item')}")
    return _unreadable(scan.diagnostics)


def run_cms(args: argparse.Namespace) -> int:
    from sitegen.check.cms_lists import write_registry_lists
    from sitegen.core.config import load_config

    config = load_config(args.root)
    path, changed = write_registry_lists(config)
    print(f"{'wrote' if changed else 'unchanged:'} {display_path(path)}")
    return 0


def _unreadable(diagnostics: tuple[Diagnostic, ...]) -> int:
    """Files with errors hold notes the list cannot show: say so, and fail."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        print(f"sitegen: {_count(len(errors), 'error')} kept some files out of the list; "
              f"run sitegen check to see them", file=sys.stderr)
    return 1 if errors else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
