"""The whole build, top to bottom: every stage named once, in order.

Every article is read and validated before any page is rendered, and no
file of the output is touched until every page due for rendering has
rendered. With the previous build's state at hand (state.py) only pages
whose inputs changed are rendered and written (deps.py); without it, or
with ``incremental=False``, everything is.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sitegen import __version__
from sitegen.archive.assets import Assets, collect_assets
from sitegen.render.bodies import Bodies
from sitegen.core.config import Config
from sitegen.render.contexts import Contexts
from sitegen.build.page_digests import (body_edits, page_digests, pages_showing_bodies, shared_inputs,
                          template_fingerprints)
from sitegen.core.diagnostics import Diagnostic
from sitegen.archive.history import Checkout, History, find_checkout, read_history
from sitegen.archive.index import Index, build_index, feed_items
from sitegen.build.input_stamp import Memo, files_signature, folder_signature, input_stamp
from sitegen.render.links import Links
from sitegen.archive.load import Archive, load_archive
from sitegen.markdown.markup import Markup
from sitegen.core.records import Page
from sitegen.core.registries import REGISTRY_FILES, load_registries_once
from sitegen.render.templates import bind, make_environment, render_pages
from sitegen.archive.routes import plan_pages
from sitegen.build.search_index import BUNDLE, Search, count_files
from sitegen.build.last_build import (BuildState, Summary, load_state, load_summary, marker_build_id,
                           new_build_id, pickle_state, save_state, state_file)
from sitegen.build.parallel_render import render_parallel
from sitegen.build.progress import Progress
from sitegen.build.site_folder import copy_assets, staged_site, sync_folder, update_site, write_files


@dataclass(frozen=True)
class BuildReport:
    out_dir: Path
    articles: int
    pages: int
    files: int  # files the site holds
    seconds: float
    warnings: tuple[Diagnostic, ...]
    written: int = 0  # files this build wrote (0 when nothing changed)
    removed: int = 0  # files of deleted pages this build pruned
    full: bool = True  # False when only changed pages were re-rendered
    notices: tuple[str, ...] = ()  # what the user should know that is not a content problem


@dataclass(frozen=True)
class Plan:
    """What a build found, and the pages it has to render."""

    archive: Archive
    index: Index
    bodies: Bodies
    pages: list[Page]
    assets: Assets
    environment: str  # digest of what every page shares (deps.py)
    templates: dict[str, str]  # template name → digest of it and what it pulls in
    templates_signature: str  # names, sizes and mtimes of the template files
    digests: dict[str, str] | None  # None for a full build: computed after rendering
    due: list[Page]
    shared: str  # deps.shared_inputs
    history: History  # from git: when each article was added and changed


T = TypeVar("T")

PARALLEL_FROM = 500  # articles; below this, forking costs more than it saves
FORGET_BODIES_FROM = 20_000  # articles; above this the parent drops bodies before forking


def build(config: Config, out_dir: Path, *, strict: bool = False, drafts: bool = False,
          incremental: bool = True, jobs: int | None = None,
          progress: Progress | None = None, search: bool = True) -> BuildReport:
    """One build, as ``sitegen build`` runs it."""
    builder = Builder(config, out_dir, strict=strict, drafts=drafts, jobs=jobs, progress=progress,
                      search=search)
    return builder.build(incremental=incremental)


class Builder:
    """Builds one archive into one folder, again and again (``sitegen serve``).

    Between builds it keeps the last state in memory, and the parsed
    registries and template fingerprints while their files are unchanged,
    so a rebuild after one edit reads and renders little more than the edit.
    """

    def __init__(self, config: Config, out_dir: Path, *, strict: bool = False, drafts: bool = False,
                 keep_warm: bool = False, jobs: int | None = None, progress: Progress | None = None,
                 search: bool = True):
        self.config = config
        self.out_dir = out_dir
        self.strict = strict
        self.drafts = drafts
        # keep_warm: a long-lived builder (serve) writes its state file in the
        # background after each build, so the browser reloads sooner.
        self.keep_warm = keep_warm
        self.jobs = jobs  # processes for a full build; None: every core, for large archives
        self.progress = progress or Progress(enabled=False)
        self.search_wanted = search  # False: no search index (--no-search)
        self.state_path = state_file(out_dir)
        self._last: tuple[Summary, BuildState] | None = None
        self._registries = Memo()
        self._templates = Memo()
        self._env = Memo()  # the Jinja environment, while no template changes
        self._history = Memo()  # git history, while HEAD is the same commit
        self._saving: threading.Thread | None = None

    def build(self, incremental: bool = True) -> BuildReport:
        started = time.perf_counter()
        config, out_dir = self.config, self.out_dir
        checkout = find_checkout(config.root)  # a new commit changes what article pages show
        stamp, stats = input_stamp(config, self.strict, self.drafts, str(out_dir.resolve()),
                                   checkout.stamp)
        search = Search.for_build(self.search_wanted, config.search, article_file_count(config, stats))
        stamp += ":search" if search.enabled else ""  # the search page says whether there is an index
        summary = self._summary() if incremental else None
        if summary and summary.stamp == stamp:  # no input changed: the site is exact
            return BuildReport(out_dir, summary.articles, summary.pages, summary.files,
                               time.perf_counter() - started, summary.warnings, full=False,
                               notices=_notices(search))
        # Reading and comparing allocates many long-lived objects and no cycles;
        # the collector would only rescan them. It is back on before rendering.
        gc.disable()
        try:
            previous = self._state() if incremental else None
            plan = self._plan(previous, stats, checkout, search)
        finally:
            gc.enable()
        return self._write(plan, previous, stamp, started, search)

    def _plan(self, previous: BuildState | None, stats: dict, checkout: Checkout,
              search: Search) -> "Plan":
        config = self.config
        registries = self._registries.get(files_signature(config.content_dir, REGISTRY_FILES),
                                          lambda: load_registries_once(config.content_dir))
        # Parsed records hold the site's default language where a file names none:
        # they are reusable only while that default is the same.
        reusable = previous is not None and previous.parse_context == config.language
        files = article_file_count(config, stats)
        jobs = self._jobs(files)
        if jobs > 1:
            self.wait()  # no thread may be running across a fork
        # A large full build on many cores drops the bodies before rendering anyway
        # (the workers read them again): not keeping them at all saves the memory.
        keep_bodies = previous is not None or jobs == 1 or files < FORGET_BODIES_FROM
        archive = load_archive(config, strict=self.strict, drafts=self.drafts,
                               cache=previous.sources if reusable else None, registries=registries,
                               stats=stats, jobs=jobs, keep_bodies=keep_bodies)
        index = build_index(archive)
        bodies = Bodies(Markup(config.base_path), config.root, index.by_id, archive.fresh_bodies,
                        previous.derived if previous else {})
        # the review queue only in previews
        pages = plan_pages(index, config.page_items, search.enabled, review=self.drafts)
        history = self._history.get(checkout.stamp, lambda: read_history(config.root, checkout))
        assets = collect_assets(config.assets_dir, config.root)
        templates_signature = folder_signature(config.templates_dir)
        templates = self._templates.get(templates_signature,
                                        lambda: template_fingerprints(config.templates_dir))
        environment = _environment(config, assets)
        shared = shared_inputs(environment, templates, self.drafts, checkout.stamp, search.enabled)
        if previous is None:  # everything is due; digests wait until the bodies are rendered
            return Plan(archive, index, bodies, pages, assets, environment, templates,
                        templates_signature, None, pages, shared, history)
        digests = self._digests(previous, archive, pages, index, bodies, environment, templates, shared,
                                history)
        due = [p for p in pages if previous.outputs.get(p.output) != digests[p.output]]
        return Plan(archive, index, bodies, pages, assets, environment, templates,
                    templates_signature, digests, due, shared, history)

    def _digests(self, previous, archive, pages, index, bodies, environment, templates, shared, history):
        """Every page's digest; after body edits alone, only for pages that show bodies."""
        edited = body_edits(previous.sources, archive.sources) if previous.shared == shared else None
        if edited is not None and previous.outputs.keys() == {p.output for p in pages}:
            edited &= index.by_id.keys()  # a hidden draft's body shows on no page
            digests = dict(previous.outputs)
            digests.update(page_digests(pages_showing_bodies(pages, index, edited), index, bodies,
                                        environment, templates, self.config.feed_items, history))
            return digests
        return page_digests(pages, index, bodies, environment, templates, self.config.feed_items, history)

    def _write(self, plan: "Plan", previous: BuildState | None, stamp: str, started: float,
               search: Search) -> BuildReport:
        config, out_dir = self.config, self.out_dir
        archive, index, bodies, pages, assets = plan.archive, plan.index, plan.bodies, plan.pages, plan.assets
        contexts = Contexts(config, archive.registries, index, bodies, Links.for_site(config, assets),
                            plan.history)
        env = self._env.get(plan.templates_signature, lambda: make_environment(config.templates_dir))
        bind(env, contexts)
        # A new id every build: an older copy of the output (restored from a
        # backup, checked out) must never match the state of a newer one.
        build_id = new_build_id()
        self._last = None  # from here on the output changes: trust only what gets saved
        asset_outputs = tuple(a.output for a in assets.files.values())
        if previous is None:
            def state_of() -> tuple[BuildState, bytes | None]:
                digests = page_digests(pages, index, bodies, plan.environment, plan.templates,
                                       config.feed_items, plan.history)
                state = BuildState(build_id, archive.sources, bodies.all_derived(), digests, asset_outputs,
                                   plan.shared, config.language)
                # Pickled ahead while workers render (a serial build has no such wait), unless
                # holding it would cost much memory.
                ahead = self._jobs(len(index.articles)) > 1 and len(index.articles) < FORGET_BODIES_FROM
                return state, pickle_state(state) if ahead else None

            written, (state, pickled) = self._write_all(env, contexts, plan, build_id, search, state_of)
            removed = 0
        else:
            written, removed = self._update(env, contexts, plan, previous, build_id, search)
            state = BuildState(build_id, archive.sources, bodies.all_derived(), plan.digests, asset_outputs,
                               plan.shared, config.language)
            pickled = None
        files = len(pages) + len(assets.files) + (count_files(out_dir / BUNDLE) if search.enabled else 0)
        summary = Summary(build_id, stamp, len(index.articles), len(pages), files, archive.warnings)
        self._last = (summary, state)
        self._save(summary, state, pickled)
        return BuildReport(out_dir, len(index.articles), len(pages), files,
                           time.perf_counter() - started, archive.warnings, written=written,
                           removed=removed, full=previous is None, notices=_notices(search))

    def _update(self, env, contexts: Contexts, plan: "Plan", previous: BuildState, build_id: str,
                search: Search) -> tuple[int, int]:
        """An incremental build: the due pages into the existing folder, and the search
        index again if an indexed page changed. Returns (written, removed)."""
        out_dir = self.out_dir
        rendered = list(render_pages(env, contexts, plan.due))  # all or nothing, before any write
        gone = set(previous.outputs) - set(plan.digests)
        changed = [name for name, _ in rendered] + sorted(gone)
        refresh = (lambda: _refresh_search(search, out_dir)) if search.is_due(out_dir, changed) else None
        return update_site(out_dir, rendered, gone, plan.assets, previous.assets, build_id, then=refresh)

    def _write_all(self, env, contexts: Contexts, plan: "Plan", build_id: str, search: Search,
                   state_of: Callable[[], T]) -> tuple[int, T]:
        """A full build into a staging folder: on every core when the archive is large.

        Returns the files written and what ``state_of`` returns (the build state:
        page digests and what each body gives other pages), which a parallel
        build works out while the workers render their last round: by then every
        body and related item it needs is known."""
        jobs = self._jobs(len(plan.index.articles))
        with staged_site(self.out_dir, build_id) as staging, _fewer_collections(), \
                self.progress.bar(len(plan.pages), "rendering") as bar:
            if jobs > 1:
                self.wait()  # no thread may be running across a fork
                if len(plan.index.articles) >= FORGET_BODIES_FROM:
                    plan.bodies.forget_texts()  # workers read them again: memory over speed
                written, state = render_parallel(env, contexts, staging, plan.pages,
                                                 feed_items(plan.index, self.config.feed_items), jobs, bar,
                                                 meanwhile=state_of)
            else:
                written = write_files(staging, bar.count(render_pages(env, contexts, plan.pages)))
                state = state_of()
            written += copy_assets(staging, plan.assets)
            written += search.index_into(staging)  # before the swap: the index is part of the site
            return written, state

    def _jobs(self, articles: int) -> int:
        """Processes for reading or rendering this many articles: every core for many."""
        return self.jobs or (os.cpu_count() or 1 if articles >= PARALLEL_FROM else 1)

    def _save(self, summary: Summary, state: BuildState, pickled: bytes | None = None) -> None:
        """Persist the state (``pickled`` ahead, if it was). Written after the output, so a state
        on disk is never newer than the site it describes: an older one only means more
        re-rendering."""
        self.wait()
        if not self.keep_warm:
            save_state(self.state_path, summary, state, pickled)
            return
        self._saving = threading.Thread(target=save_state, args=(self.state_path, summary, state, pickled),
                                        name="sitegen-save-state", daemon=False)
        self._saving.start()

    def wait(self) -> None:
        """Let a background state write finish (before exiting, or the next save)."""
        if self._saving is not None:
            self._saving.join()
            self._saving = None

    def _summary(self) -> Summary | None:
        if self._last and marker_build_id(self.out_dir) == self._last[0].build_id:
            return self._last[0]
        return load_summary(self.state_path, self.out_dir)

    def _state(self) -> BuildState | None:
        if self._last and marker_build_id(self.out_dir) == self._last[0].build_id:
            return self._last[1]
        return load_state(self.state_path, self.out_dir)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Rendering makes millions of short-lived objects (Markdown tokens, template contexts)
    and almost no cycles: collecting the young ones less often saves ~4 % of it (measured
    on 9,000 article pages). Forked workers inherit the setting."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def article_file_count(config: Config, stats: dict) -> int:
    """How many article files the input walk saw (before any is parsed)."""
    articles = os.path.join(str(config.content_dir / "articles"), "")
    return sum(1 for path in stats if path.endswith(".md") and path.startswith(articles))


def _refresh_search(search: Search, out_dir: Path) -> tuple[int, int]:
    """Index the updated site anew; copy in the files of the index that changed."""
    bundle = search.build_bundle(out_dir)
    try:
        return sync_folder(bundle, out_dir / BUNDLE, last="pagefind-entry.json")
    finally:
        shutil.rmtree(bundle.parent, ignore_errors=True)


def _notices(search: Search) -> tuple[str, ...]:
    return (search.notice,) if search.notice else ()


def _environment(config: Config, assets: Assets) -> str:
    """What every page depends on: sitegen itself, the config, registries, asset names."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{__version__}\n{config!r}\n".encode())
    for name in REGISTRY_FILES:
        path = config.content_dir / name
        hasher.update(path.read_bytes() if path.is_file() else b"-")
    hasher.update(repr(sorted((n, a.output) for n, a in assets.files.items())).encode())
    return hasher.hexdigest()
