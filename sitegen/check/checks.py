"""``sitegen check``: everything a build validates, and what a pull request should hear besides.

The build's own validation (archive/load.py: front-matter, registries, unknown ids
with "did you mean", two files with one id or URL) runs unchanged; on top of
it come the checks a build does not need but a reviewer does:

* near-duplicate stories (near_duplicates.py);
* internal links in bodies that lead nowhere (body_links.py);
* open ``review`` notes (archive/review_notes.py): a warning, an error with --strict;
* dates in the future;
* quote translations that pair with no quote (quote_translations.py);
* files outside the expected layout (file_layout.py).

Nothing is written. With PATHS, only problems of those article files (and of
files they clash with) are reported, plus problems of the registries and
config that every file depends on; naming a registry or site.yaml among the
PATHS reports on the whole archive.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable

from sitegen.archive.assets import collect_assets
from sitegen.check.body_links import broken_links, site_of
from sitegen.check.cms_lists import stale_registry_lists
from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, Severity, error, warning
from sitegen.archive.index import build_index
from sitegen.check.file_layout import layout_problems
from sitegen.archive.load import Archive, Scan, front_matter_lines, scan_archive
from sitegen.check.near_duplicates import near_duplicates
from sitegen.check.quote_translations import unpaired_translations
from sitegen.check.templates import template_problems
from sitegen.core.records import Article
from sitegen.archive.review_notes import open_notes
from sitegen.archive.routes import plan_pages

# A bare date is in the future only once it has begun nowhere on Earth (UTC+14).
EARLIEST_ZONE = timedelta(hours=14)


@dataclass(frozen=True)
class CheckReport:
    diagnostics: tuple[Diagnostic, ...]  # in file order
    files: int  # article files checked
    seconds: float

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def check(config: Config, paths: Iterable[Path] = (), *, strict: bool = False,
          now: datetime | None = None) -> CheckReport:
    started = time.perf_counter()
    now = now or datetime.now(timezone.utc)
    scan = scan_archive(config)
    items = _bodies(scan)
    diagnostics = [
        *scan.diagnostics,
        *near_duplicates(config, items),
        *_link_problems(config, scan, items),
        *review_warnings(config, scan.articles),
        *future_dates(config, scan.articles, now),
        *unpaired_translations(config, items),
        *layout_problems(config, scan.articles),
        *stale_registry_lists(config),
        *template_problems(config, scan),
    ]
    if strict:
        diagnostics = [d.as_error() for d in diagnostics]
    selection = Selection.of(config, list(paths))
    chosen = [d for d in diagnostics if selection.includes(d)] + list(selection.missing)
    files = sum(selection.covers(config.root / a.path) for a in scan.articles)
    ordered = sorted(chosen, key=lambda d: (d.path, d.line or 0, d.message))
    return CheckReport(tuple(ordered), files, time.perf_counter() - started)


def _bodies(scan: Scan) -> list[tuple[Article, str]]:
    """Each article with its body, once per id (a second file with one id is already an error)."""
    seen: set[str] = set()
    items = []
    for article in scan.articles:
        if article.id not in seen:
            seen.add(article.id)
            items.append((article, scan.fresh_bodies[article.id]))
    return items


def _link_problems(config: Config, scan: Scan, items: list[tuple[Article, str]]) -> list[Diagnostic]:
    """Links are judged against the published site: the pages a build without drafts plans.
    Pages that clash, or assets that may not be published, are reported too, and the links
    still judged against the rest."""
    published = tuple(a for a, _ in items if not a.draft)
    problems: list[Diagnostic] = []
    pages = plan_pages(build_index(Archive(config, scan.registries, published, ())), config.page_items,
                       problems=problems)
    assets = collect_assets(config.assets_dir, config.root, problems=problems)
    paths = [p.url for p in pages] + [p.output for p in pages]
    site = site_of(config, paths, (a.output for a in assets.files.values()),
                   (a for a, _ in items if a.draft))
    return problems + broken_links(site, items)


def review_warnings(config: Config, articles: Iterable[Article]) -> list[Diagnostic]:
    return [warning(config.root / note.path, note.line, f'open review note: "{note.question}"',
                    "settle the question, then delete the note")
            for note in open_notes(articles)]


def future_dates(config: Config, articles: Iterable[Article], now: datetime) -> list[Diagnostic]:
    problems = []
    for article in articles:
        value = article.date
        late = value > now if isinstance(value, datetime) else value > (now + EARLIEST_ZONE).date()
        if late:
            shown = value.isoformat()
            problems.append(error(config.root / article.path, front_matter_lines(config, article).get("date"),
                                  f"date {shown} is in the future", "an archived item has already happened: "
                                  "check the year, month and day"))
    return problems


@dataclass(frozen=True)
class Selection:
    """The files named on the command line; none named means the whole archive."""

    roots: tuple[Path, ...]
    articles_dir: Path
    missing: tuple[Diagnostic, ...]

    @classmethod
    def of(cls, config: Config, paths: list[Path]) -> "Selection":
        roots, missing = [], []
        articles_dir = Path(os.path.abspath(config.content_dir / "articles"))
        for path in paths:
            if path.exists():
                roots.append(Path(os.path.abspath(path)))
            else:
                missing.append(error(path, None, "no such file or folder", "name files of the archive"))
        if any(not root.is_relative_to(articles_dir) for root in roots):
            roots = []  # a registry or site.yaml: every article depends on it
        return cls(tuple(roots), articles_dir, tuple(missing))

    def covers(self, path: Path | str) -> bool:
        if not self.roots:
            return not self.missing
        text = os.path.abspath(path)  # strings, not Path objects: this runs for 10k files
        return any(text == root or text.startswith(root + os.sep) for root in map(str, self.roots))

    def includes(self, diagnostic: Diagnostic) -> bool:
        """Problems of the chosen files, of files they clash with, and of what all files share."""
        if not os.path.abspath(diagnostic.path).startswith(str(self.articles_dir) + os.sep):
            return True  # site.yaml, a registry, a stray file: every item depends on them
        return self.covers(diagnostic.path) or bool(diagnostic.related) and self.covers(diagnostic.related)
