"""How rendered pages reach the output folder: all of them anew, or the changed ones.

Either way they are written into the output folder's spare copy, which no
reader sees, and that copy becomes the live one only once the pages, the
assets and the search index are all in (output_folder.py). A full build
empties the spare copy and renders every page into it (on every core when
the archive is large: parallel_render.py). An incremental build first
brings the spare copy up to the live site, renders the due pages, all of
them, and only then writes them; then the search index (search_index.py)
writes what of it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

from sitegen.archive.assets import Assets
from sitegen.archive.index import feed_items
from sitegen.build import collector, fault_points
from sitegen.build.output_folder import OutputFolder
from sitegen.build.parallel_render import render_parallel
from sitegen.build.progress import Progress
from sitegen.build.site_folder import copy_assets, empty_folder, remove_files, replace_files, write_files
from sitegen.core.records import Page
from sitegen.render.contexts import Contexts
from sitegen.render.templates import render_pages

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What a build did to the site it started from (the site of build ``before``)."""

    before: str | None
    written: tuple[str, ...] | None  # None: everything (a full build)
    removed: tuple[str, ...] = ()


# Writes the search index into a copy of the site: (paths written, paths removed).
Indexer = Callable[[Path], tuple[list[str], list[str]]]


def write_everything(env, contexts: Contexts, pages: list[Page], assets: Assets, output: OutputFolder,
                     build_id: str, index_search: Indexer, jobs: int, progress: Progress,
                     meanwhile: Callable[[], T]) -> tuple[int, T]:
    """Every page, asset and the search index into the emptied spare copy, then made live.

    Returns the files written and what ``meanwhile`` returns: the build state,
    which a parallel build works out while its workers render their last round
    (by then every body and related item it needs is known)."""
    slot = output.spare()
    folder = output.start(slot)
    with output.abandoned_on_failure():
        empty_folder(folder)
        with collector.rendering(), progress.bar(len(pages), "rendering") as bar:
            if jobs > 1:
                written, extra = render_parallel(env, contexts, folder, pages,
                                                 feed_items(contexts.index, contexts.config.feed_items), jobs,
                                                 bar, meanwhile=meanwhile)
            else:
                written = write_files(folder, bar.count(render_pages(env, contexts, pages)))
                extra = meanwhile()
        written += len(copy_assets(folder, assets))
        fault_points.reached("search")
        written += len(index_search(folder)[0])
        output.publish(slot, build_id)
    return written, extra


def write_changes(env, contexts: Contexts, due: list[Page], gone: set[str], assets: Assets,
                  old_assets: tuple[str, ...], output: OutputFolder, build_id: str, index_search: Indexer,
                  last: Change | None) -> Change:
    """The due pages, new assets and the search index into the spare copy, brought up to the
    live site first by ``last`` (what the live copy's build changed, if known), then made live.
    Nothing is written unless every due page rendered."""
    with collector.rendering():
        rendered = list(render_pages(env, contexts, due))
    slot = output.spare()
    before = output.live_build()
    caught_up = last is not None and last.written is not None and output.built(slot) == last.before
    folder = output.start(slot)
    with output.abandoned_on_failure():
        output.catch_up(slot, last.written if caught_up else None, last.removed if caught_up else ())
        written = replace_files(folder, rendered)
        fault_points.reached("pages-written")
        written += copy_assets(folder, assets, only_missing=True)
        current = {asset.output for asset in assets.files.values()}
        removed = remove_files(folder, [*sorted(gone), *(a for a in old_assets if a not in current)])
        fault_points.reached("search")
        more_written, more_removed = index_search(folder)
        written += more_written
        removed += more_removed
        output.publish(slot, build_id)
    return Change(before, tuple(written), tuple(removed))
