"""How rendered pages reach the output folder: all of them anew, or the changed ones.

A full build renders every page into a new staging folder (on every core
when the archive is large: parallel_render.py), indexes it for search and
swaps it in (site_folder.py). An incremental build renders the due pages
first, all of them, and only then writes them into the existing folder,
then indexes the site for search again if an article page changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, TypeVar

from sitegen.archive.assets import Assets
from sitegen.archive.index import feed_items
from sitegen.build import collector
from sitegen.build.parallel_render import render_parallel
from sitegen.build.progress import Progress
from sitegen.build.search_index import BUNDLE, Search
from sitegen.build.site_folder import copy_assets, staged_site, sync_folder, update_site, write_files
from sitegen.core.records import Page
from sitegen.render.contexts import Contexts
from sitegen.render.templates import render_pages

T = TypeVar("T")


def write_everything(env, contexts: Contexts, pages: list[Page], assets: Assets, out_dir: Path,
                     build_id: str, search: Search, jobs: int, progress: Progress,
                     meanwhile: Callable[[], T]) -> tuple[int, T]:
    """Every page and asset into a staging folder, indexed, then swapped in for ``out_dir``.

    Returns the files written and what ``meanwhile`` returns: the build state,
    which a parallel build works out while its workers render their last round
    (by then every body and related item it needs is known)."""
    with staged_site(out_dir, build_id) as staging, collector.rendering(), \
            progress.bar(len(pages), "rendering") as bar:
        if jobs > 1:
            written, extra = render_parallel(env, contexts, staging, pages,
                                             feed_items(contexts.index, contexts.config.feed_items), jobs, bar,
                                             meanwhile=meanwhile)
        else:
            written = write_files(staging, bar.count(render_pages(env, contexts, pages)))
            extra = meanwhile()
        written += copy_assets(staging, assets)
        written += search.index_into(staging)  # before the swap: the index is part of the site
        return written, extra


def write_changes(env, contexts: Contexts, due: list[Page], gone: set[str], assets: Assets,
                  old_assets: tuple[str, ...], out_dir: Path, build_id: str, search: Search) -> tuple[int, int]:
    """The due pages into the existing folder, and the search index again if an indexed page
    changed. Nothing is written unless every due page rendered. Returns (written, removed)."""
    with collector.rendering():
        rendered = list(render_pages(env, contexts, due))
    changed = [name for name, _ in rendered] + sorted(gone)
    refresh = (lambda: _refresh_search(search, out_dir)) if search.is_due(out_dir, changed) else None
    return update_site(out_dir, rendered, gone, assets, old_assets, build_id, then=refresh)


def _refresh_search(search: Search, out_dir: Path) -> tuple[int, int]:
    """Index the updated site anew; copy in the files of the index that changed."""
    bundle = search.build_bundle(out_dir)
    try:
        return sync_folder(bundle, out_dir / BUNDLE, last="pagefind-entry.json")
    finally:
        shutil.rmtree(bundle.parent, ignore_errors=True)
