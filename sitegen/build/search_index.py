"""Full-text search with Pagefind, run on the finished site.

Pagefind (the PyPI package ``pagefind[bin]`` ships its binary) reads the
written HTML and writes a static index and its search UI into
``pagefind/`` beside the pages; readers' browsers search it with no server.
Only article pages are indexed: article.html marks the item with
``data-pagefind-body`` and its speakers, topics and year with
``data-pagefind-filter``.

A full build indexes the staging folder before it is swapped in, so the
index is part of the atomic switch. An incremental build indexes again only
when an article page was written or removed (or the index is missing),
into a temporary folder, and site_folder.py copies over the files that changed.
Without the binary, the build says so and goes on without search; the
search page then says search is unavailable.

Pagefind keeps the whole index in memory while it works, in proportion to
the pages it indexes (BENCHMARKS.md has the figures). Unless site.yaml
says ``search: true``, an archive of more than ``AUTO_LIMIT`` article files
is built without search, and the build says why (``search: false`` turns
search off without a word).
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sitegen.core.diagnostics import SitegenError, error

BUNDLE = "pagefind"  # the index's folder inside the site
ENTRY = "pagefind-entry.json"  # the index's entry point: written last when it changes
ARTICLE_PAGE = re.compile(r"^\d{4}/\d{2}/\d{2}/[^/]+/index\.html$")  # what the index covers
AUTO_LIMIT = 5_000  # article files; Pagefind's memory for this many pages: ~1.4 GiB
TOO_MANY = ("search is off: {count:,} articles are more than the {limit:,} that Pagefind indexes "
            "within about 1.5 GB of memory (it holds ~0.3 MB per page); set \"search: true\" in "
            "site.yaml to index them anyway, or \"search: false\" to build without search quietly")
MISSING = ("search is off: the Pagefind binary was not found, so the site has no search index "
           "(install it with: pip install 'pagefind[bin]')")


def find_pagefind() -> Path | None:
    """The Pagefind binary, looked for where the ``pagefind`` package looks: the
    PAGEFIND_BINARY_PATH variable, the ``pagefind_bin`` wheel (``pagefind[bin]``),
    then PATH. None when there is none. (Not through ``pagefind.service`` itself:
    importing it loads asyncio, a cost every no-op build would pay.)"""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named is not None:
        candidates = [Path(named)]
    else:
        candidates = [path for path in (_wheel_binary("pagefind_bin_extended"), _wheel_binary("pagefind_bin"))
                      if path is not None]
        candidates += [Path(found) for found in map(shutil.which, ("pagefind_extended", "pagefind")) if found]
    return next((path for path in candidates if path.is_file() and os.access(path, os.X_OK)), None)


def _wheel_binary(package: str) -> Path | None:
    try:
        module = importlib.import_module(package)
        return Path(module.get_executable())
    except (ImportError, FileNotFoundError, OSError, AttributeError):
        return None


@dataclass(frozen=True)
class Search:
    """Whether and how this build makes its search index."""

    binary: Path | None  # None: no index (not installed, or turned off)
    wanted: bool = True  # False: turned off (--no-search, search: false, too many articles)
    skipped: str | None = None  # why search was turned off for this archive's size

    @classmethod
    def for_build(cls, wanted: bool, setting: str = "auto", articles: int = 0) -> "Search":
        """``wanted``: not --no-search; ``setting``: site.yaml's (core/config.py); ``articles``: files."""
        if not wanted or setting == "off":
            return cls(None, False)
        if setting == "auto" and articles > AUTO_LIMIT:
            return cls(None, False, TOO_MANY.format(count=articles, limit=AUTO_LIMIT))
        return cls(find_pagefind(), True)

    @property
    def enabled(self) -> bool:
        return self.binary is not None

    @property
    def notice(self) -> str | None:
        """What the build should tell the user about search, if anything."""
        if self.skipped:
            return self.skipped
        return MISSING if self.wanted and not self.enabled else None

    def index_into(self, site: Path) -> int:
        """Index a site folder nobody reads yet (a full build's staging); files written."""
        if not self.enabled:
            return 0
        self._run(site, site / BUNDLE)
        return count_files(site / BUNDLE)

    def build_bundle(self, site: Path) -> Path:
        """Index a live site into a new temporary folder beside it, for site_folder.py to sync in."""
        temp = Path(tempfile.mkdtemp(prefix=f".{site.name}.search-", dir=site.parent))
        try:
            self._run(site, temp / BUNDLE)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        return temp / BUNDLE

    def is_due(self, site: Path, changed: Iterable[str]) -> bool:
        """After an incremental update: is the index stale or missing?"""
        if not self.enabled:
            return False
        return not (site / BUNDLE / ENTRY).is_file() or \
            any(ARTICLE_PAGE.match(name) for name in changed)

    def _run(self, site: Path, bundle: Path) -> None:
        command = [str(self.binary), "--site", str(site), "--output-path", str(bundle), "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False,
                                  stdin=subprocess.DEVNULL)
        except OSError as exc:
            raise SitegenError(error(self.binary, None, f"Pagefind could not be started: {exc}",
                                     "reinstall it: pip install --force-reinstall 'pagefind[bin]'")) from None
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise SitegenError(error(self.binary, None, "Pagefind failed to index the site: "
                                     + (" / ".join(said) or f"exit status {done.returncode}"),
                                     "run sitegen build --no-search to build without search"))


def count_files(folder: Path) -> int:
    count = 0
    pending = [str(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            else:
                count += 1
    return count
