"""The engine that runs the pipeline (pipeline.py): as little as possible, on every core.

Before a build it fingerprints every input (input_stamp.py): if nothing
changed since the last build the site is exact and the build stops there.
Otherwise it hands the pipeline a ``BuildRun``: the last build's parsed
records and rendered quotes (last_build.py), a reader of article files on
several processes for large archives (parallel_read.py), the templates
compiled once and kept (template_cache.py), and the pages whose inputs
changed (page_digests.py). A full build renders into a new folder; an
incremental one rewrites only the changed files (publish.py). The state for
the next build is saved after the output, so a state on disk is never newer
than the site it describes.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping, Sequence

from sitegen import __version__
from sitegen.archive.article import body_reader
from sitegen.archive.assets import Assets
from sitegen.archive.history import Checkout, History, find_checkout, read_history
from sitegen.archive.index import KEPT, Index, Shape, build_index, index_from_shape, shape_of
from sitegen.archive.load import Archive, Checked
from sitegen.archive.routes import plan_pages
from sitegen.build import collector, fault_points
from sitegen.build.input_stamp import Memo, folder_signature, input_stamp
from sitegen.build.input_walk import WalkAhead
from sitegen.build.kept_plan import Plan
from sitegen.build.kept_records import DamagedRecord, KeptDerived, next_derived
from sitegen.build.last_build import (BuildState, OnDisk, SearchState, Summary, load_search_state, load_state,
                                      load_summary, new_build_id, pickle_state, save_search_state, save_state)
from sitegen.build.page_digests import (body_edits, every_item_digest, page_digests, pages_of_articles,
                                        pages_showing_bodies, shared_inputs, template_fingerprints)
from sitegen.build.parallel_read import read_in_parallel
from sitegen.build.pipeline import Site, Written, build_site
from sitegen.build.progress import Progress
from sitegen.build.output_folder import OutputFolder
from sitegen.build.publish import Change, write_changes, write_everything
from sitegen.build.search_index import (BUNDLE, Search, facet_names, make_index, search_documents,
                                        search_fingerprint, write_index)
from sitegen.build.template_cache import template_cache
from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, SitegenError
from sitegen.core.sourcefiles import links_out_of
from sitegen.core.records import Page
from sitegen.core.registries import REGISTRY_FILES, load_registries_once
from sitegen.render.bodies import Bodies
from sitegen.render.contexts import Contexts
from sitegen.render.templates import COMPILE_OPTIONS, bind, long_date, make_environment, reusable

PARALLEL_FROM = 500  # articles; below this, forking costs more than it saves
FORGET_BODIES_FROM = 20_000  # articles; above this the parent drops bodies before forking


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


def build(config: Config, out_dir: Path, *, strict: bool = False, drafts: bool = False,
          incremental: bool = True, jobs: int | None = None,
          progress: Progress | None = None, search: bool = True, ahead: WalkAhead | None = None) -> BuildReport:
    """One build, as ``sitegen build`` runs it. ``ahead``: the walk over its inputs, begun
    before sitegen was imported whole (input_walk.py)."""
    builder = Builder(config, out_dir, strict=strict, drafts=drafts, jobs=jobs, progress=progress,
                      search=search)
    builder.ahead = ahead
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
        self.output = OutputFolder(out_dir)
        self.state_path = self.output.state_path
        self._last: tuple[Summary, BuildState] | None = None
        self._templates = Memo()
        self._env = Memo()  # the Jinja environment, while no template changes
        self._last_bound = None  # the environment the last build bound its data to
        self._history = Memo()  # git history, while HEAD is the same commit
        self._saving: threading.Thread | None = None
        self._on_disk: OnDisk | None = None  # the state its files hold, as last read or written
        self.ahead: WalkAhead | None = None  # the next build's walk over its inputs, begun already

    def build(self, incremental: bool = True) -> BuildReport:
        started = time.perf_counter()
        self.output.check(self.config)
        self.wait()  # a state still being saved is this folder's too
        with self.output.locked(_say):
            notices = tuple(self.output.tidy())
            try:
                report = self._build(incremental, started)
            except DamagedRecord:  # a record the last build kept cannot be read: start afresh
                self._last = self._on_disk = None
                report = self._build(False, started)
        return replace(report, notices=notices + report.notices)

    def _build(self, incremental: bool, started: float) -> BuildReport:
        config = self.config
        checkout_found = _meanwhile(find_checkout, config.root)  # git runs while the files are walked
        ahead, self.ahead = self.ahead, None
        stamp, seen = input_stamp(config, self.strict, self.drafts, str(self.output.out), ahead=ahead)
        checkout = checkout_found()
        search = Search.for_build(self.search_wanted, config.search)
        stamp += f":{checkout.stamp}"  # a new commit changes what article pages show
        stamp += ":search" if search.enabled else ""  # the search page says whether there is an index
        summary = self._summary() if incremental else None
        if summary and summary.stamp == stamp:  # no input changed: the site is exact
            return BuildReport(self.out_dir, summary.articles, summary.pages, summary.files,
                               time.perf_counter() - started, summary.warnings, full=False,
                               notices=_notices(search))
        with collector.reading():
            previous = self._state() if incremental else None
            # How many processes to read and render with is judged by the archive's size: the
            # last build's count will do, without a pass over every file to count them again.
            files = summary.articles if summary else article_file_count(config, seen)
            run = BuildRun(self, previous, seen, checkout, search, files, summary)
            site = build_site(config, run)
        state = run.state_for_next_build(site)
        files_now = len(site.pages) + len(site.assets.files) + _files_in(self.out_dir / BUNDLE)
        summary = Summary(run.build_id, stamp, len(site.index.articles), len(site.pages), files_now,
                          site.archive.warnings)
        self._last = (summary, state)
        fault_points.reached("after-switch")
        self._save(summary, state, run.pickled)
        if run.search_state is not None:
            save_search_state(self.output.search_state_path, run.search_state)
        return BuildReport(self.out_dir, len(site.index.articles), len(site.pages), files_now,
                           time.perf_counter() - started, site.archive.warnings,
                           written=site.written.files, removed=site.written.removed,
                           full=previous is None, notices=_notices(search))

    def jobs_for(self, articles: int) -> int:
        """Processes for reading or rendering this many articles: every core for many."""
        return self.jobs or (os.cpu_count() or 1 if articles >= PARALLEL_FROM else 1)

    def _save(self, summary: Summary, state: BuildState, pickled: Mapping[str, bytes] | None = None) -> None:
        """Persist the state (``pickled`` ahead, if it was). Written after the output, so a state
        on disk is never newer than the site it describes: an older one only means more
        re-rendering."""
        self.wait()
        on_disk = self._on_disk
        if not self.keep_warm:
            self._on_disk = save_state(self.state_path, summary, state, on_disk, pickled)
            return

        def save_meanwhile():
            # The folder's lock again (build() let it go): a build by another process must not
            # start from, tidy away or be overwritten by a state half saved.
            with self.output.locked(lambda _message: None):
                self._on_disk = save_state(self.state_path, summary, state, on_disk, pickled)
            collector.between_builds()

        self._saving = threading.Thread(target=save_meanwhile, name="sitegen-save-state", daemon=False)
        self._saving.start()

    def wait(self) -> None:
        """Let a background state write finish (before exiting, before forking, or the next save)."""
        if self._saving is not None:
            self._saving.join()
            self._saving = None

    def _summary(self) -> Summary | None:
        live = self.output.live_build()
        if self._last and live == self._last[0].build_id:
            return self._last[0]
        return load_summary(self.state_path, live)

    def _state(self) -> BuildState | None:
        live = self.output.live_build()
        if self._last and live == self._last[0].build_id:
            return self._last[1]
        self._on_disk = load_state(self.state_path, live)
        return self._on_disk.state if self._on_disk else None


class BuildRun:
    """One build's means, as the pipeline asks for them (pipeline.Run)."""

    def __init__(self, builder: Builder, previous: BuildState | None, seen: dict, checkout: Checkout,
                 search: Search, files: int, summary: Summary | None = None):
        config = builder.config
        self.builder, self.config, self.previous = builder, config, previous
        self.checkout, self.search, self.seen = checkout, search, seen
        self.strict, self.drafts = builder.strict, builder.drafts
        self.search_enabled = search.enabled
        self.jobs = builder.jobs_for(files)
        if self.jobs > 1:
            builder.wait()  # no thread may be running across a fork
        # Parsed records hold the site's default language where a file names none:
        # they are reusable only while that default is the same.
        same_default = previous is not None and previous.parse_context == config.language
        self.parsed = previous.sources if same_default else None
        # A large full build on many cores drops the bodies before rendering anyway
        # (the workers read them again): not keeping them at all saves the memory.
        self.keep_bodies = previous is not None or self.jobs == 1 or files < FORGET_BODIES_FROM
        self.derived = KeptDerived(previous.derived) if previous else {}
        # The last build's whole-collection checks and plan of pages stand while nothing they
        # are made from changed but bodies (archive/load.Checked): a one-body edit of a 10k
        # archive skips a pass over every item for each (BENCHMARKS.md).
        self._registries_digest = _registries_digest(config)  # their bytes, read once for both digests
        self.collection = _collection(config, self._registries_digest, self.strict, self.drafts, search.enabled)
        same = previous is not None and summary is not None and previous.collection == self.collection
        self.checked = Checked(previous.sources, summary.warnings) if same else None
        self._plan: Plan | None = None
        self._index: Index | None = None
        self._registries: Mapping[str, tuple] = {}  # the registries read, for the next build
        self._history: Mapping[str, History] | None = None  # the history at this commit, once asked for
        self._shape: Mapping[str, Shape | str] | None = None  # the last build's, while it stands
        self._every: str | None = None  # the digest of every item's front-matter, once asked for
        self.body_text = body_reader(config.root)
        self.build_id = new_build_id()  # an older copy of the output must never match a newer state
        self.before = builder.output.live_build()  # the site this build starts from
        self.change: Change | None = None
        self.pickled: Mapping[str, bytes] | None = None
        self.digests: dict[str, str] | None = None  # None for a full build until it has rendered
        self.search_state: SearchState | None = None  # this build's, once its index is made
        self._environment = self._shared = self._search = ""
        self._fingerprints: dict[str, str] = {}
        self._sources: dict = {}
        self._full_state: BuildState | None = None

    def reader(self, files, default_language: str, keep_bodies: bool):
        return read_in_parallel(files, default_language, keep_bodies, jobs=self.jobs)

    def registries(self):
        """The last build's, read again only when one's bytes or where a link leads (or
        what they are read with: the config, sitegen) changed (``_registries_digest``)."""
        content = self.config.content_dir
        key = self.collection
        kept = self.previous.registries.get(key) if self.previous is not None else None
        if kept is not None:
            self._registries = self.previous.registries  # handed on as it is: not written again
            return kept
        read = load_registries_once(content)
        self._registries = {key: read}
        return read

    def history(self) -> History:
        """The history at this commit: the last build's while HEAD is the same (``git log``
        over a long history takes most of a second), else the last build's carried forward
        by the commits since, or read whole (archive/history.py)."""
        stamp = self.checkout.stamp
        if self._history is None:
            kept = self.previous.history if self.previous is not None else {}
            since = next(iter(kept.values()), None)
            self._history = kept if stamp in kept else {stamp: self.builder._history.get(
                stamp, lambda: read_history(self.config.root, self.checkout, since))}
        return self._history[stamp]

    def index(self, archive: Archive) -> Index:
        """Made from the last build's shape of it while the collection is the same (no record
        need be read for it, kept_records.py); else sorted and grouped anew (index.py)."""
        kept = self.previous.index.get("shape") if archive.same_collection else None
        index = index_from_shape(kept, archive) if kept is not None else None
        if index is None:
            index = build_index(archive)
        else:
            self._shape = self.previous.index
        self._index = index
        return index

    def pages(self, index: Index, archive: Archive) -> Plan:
        """The last build's plan while the collection is the same (each page made from the
        state's row when needed, kept_plan.py); else planned (routes.py)."""
        if archive.same_collection and self.previous.pages:
            self._plan = Plan(self.previous.pages)
        else:
            self._plan = Plan.of(plan_pages(index, self.config.page_items, self.search_enabled, review=self.drafts))
        return self._plan

    def templates(self, contexts: Contexts):
        templates_dir = self.config.templates_dir
        linked_out = links_out_of(templates_dir, self.config.root)  # a template could publish any file
        if linked_out:
            raise SitegenError(linked_out)
        signature = folder_signature(templates_dir)
        self._fingerprints = self.builder._templates.get(signature, lambda: template_fingerprints(templates_dir))
        def make():
            return make_environment(templates_dir, bytecode_cache=template_cache(COMPILE_OPTIONS))

        env = self.builder._env.get(signature, make)
        if self.builder._last_bound is env and not reusable(env):
            env = self.builder._env.value = make()
        self.builder._last_bound = env
        bind(env, contexts)
        return env

    def due(self, pages: Sequence[Page], archive: Archive, index: Index, bodies: Bodies,
            assets: Assets) -> list[Page]:
        """Every page for a full build; else the pages whose digest differs from the last build's."""
        self._sources = archive.sources
        self._environment = _environment(self.config, self._registries_digest, assets)
        # Not the commit: an article page's digest covers its own history (page_digests.py), and
        # a new commit changes only the pages of the items whose history it changed (_retold).
        self._shared = shared_inputs(self._environment, self._fingerprints, self.drafts,
                                     self.checkout.prefix, self.search.enabled)
        self._search = search_fingerprint(index, archive.registries) if self.search.enabled else ""
        self.builder._last = None  # from here on the output changes: trust only what gets saved
        if self.previous is None:  # everything is due; digests wait until the bodies are rendered
            return list(pages)
        self.digests, worked_out = self._digests(pages, index, bodies, archive.same_collection)
        return [p for p in worked_out if self.previous.outputs.get(p.output) != self.digests[p.output]]

    def _digests(self, pages: Sequence[Page], index: Index, bodies: Bodies,
                 same_collection: bool) -> tuple[dict[str, str], list[Page]]:
        """Every page's digest, and the pages whose digest was worked out again: after body
        edits alone, only the pages that show bodies (the others keep the last build's)."""
        previous = self.previous
        edited = (body_edits(previous.sources, self._sources, same_collection)
                  if previous.shared == self._shared else None)
        retold = self._retold(index) if edited is not None else None
        if retold is not None and previous.outputs.keys() == self._plan.rows.keys():
            edited &= index.by_id.keys()  # a hidden draft's body shows on no page
            outputs = pages_showing_bodies(self._plan.subjects(), index, edited)
            if retold:
                outputs = list(dict.fromkeys([*outputs, *pages_of_articles(self._plan.subjects(), retold)]))
            showing = [self._plan.page(output) for output in outputs]
            digests = dict(previous.outputs)
            digests.update(self._page_digests(showing, index, bodies))
            return digests, showing
        return self._page_digests(pages, index, bodies), pages

    def _retold(self, index: Index) -> set[str] | None:
        """Ids of the items whose history (archive/history.py) differs from the last build's:
        none at the same commit; None when the last build's is not known (every page's
        digest is then worked out again)."""
        kept = self.previous.history
        if self.checkout.stamp in kept:
            return set()
        if len(kept) != 1:
            return None
        before, now = next(iter(kept.values())).files, self.history().files
        paths = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
        return {a.id for a in index.articles if a.path in paths} if paths else set()

    def _page_digests(self, pages: Sequence[Page], index: Index, bodies: Bodies) -> dict[str, str]:
        config = self.config
        return page_digests(pages, index, bodies, self._environment, self._fingerprints, config.feed_items,
                            self.history(), config.home_items, self._every_item(index))

    def _every_item(self, index: Index) -> str:
        """The digest of every item's front-matter (page_digests.py): kept with the index's shape."""
        if self._every is None:
            kept = self._shape.get("every_item") if self._shape is not None else None
            self._every = kept or every_item_digest(index)
        return self._every

    def write(self, env, contexts: Contexts, due: list[Page], assets: Assets) -> Written:
        builder, output = self.builder, self.builder.output
        if self.previous is None:
            if self.jobs > 1:
                builder.wait()  # no thread may be running across a fork
                if len(contexts.index.articles) >= FORGET_BODIES_FROM:
                    contexts.bodies.forget_texts()  # workers read them again: memory over speed
            written, self._full_state = write_everything(
                env, contexts, due, assets, output, self.build_id, self._indexer(contexts), self.jobs,
                builder.progress, meanwhile=lambda: self._state_after_full(contexts, due, assets))
            return Written(written)
        gone = self.previous.outputs.keys() - self.digests.keys()
        last = Change(self.previous.before, self.previous.changed, self.previous.removed)
        self.change = write_changes(env, contexts, due, gone, assets, self.previous.assets, output,
                                    self.build_id, self._indexer(contexts), last)
        return Written(len(self.change.written), len(self.change.removed))

    def _indexer(self, contexts: Contexts):
        """Writes this build's search index into a copy of the site (search_index.py): made again
        only when a document changed, by changing the last index made where documents changed."""
        def index_search(folder):
            if not self.search.enabled:
                return write_index(folder, {})
            previous = self.previous
            if previous is not None and previous.search == self._search and (folder / BUNDLE / "meta.json").exists():
                return [], []  # the site's index is this build's
            docs = search_documents(contexts.index, contexts.registries, self.body_text,
                                    contexts.bodies.summary, long_date)
            last = load_search_state(self.builder.output.search_state_path)
            # a full build trusts the last index only for the terms of documents it knows
            made = make_index(docs, last.inverted if last else None,
                              facet_names(contexts.index, contexts.registries), change=previous is not None)
            self.search_state = SearchState(made.inverted)
            return write_index(folder, made.files)

        return index_search

    def _state_after_full(self, contexts: Contexts, pages: list[Page], assets: Assets) -> BuildState:
        """A full build's state: its digests need every body, rendered by now. Pickled ahead
        while workers render (a serial build has no such wait), unless it would hold much memory."""
        index, bodies = contexts.index, contexts.bodies
        digests = self._page_digests(pages, index, bodies)
        state = self._state(self._sources, bodies, digests, assets)
        if self.jobs > 1 and len(index.articles) < FORGET_BODIES_FROM:
            self.pickled = pickle_state(state)
        return state

    def state_for_next_build(self, site: Site) -> BuildState:
        if self.previous is None:
            return self._full_state
        return self._state(site.archive.sources, site.bodies, self.digests, site.assets)

    def _state(self, sources, bodies: Bodies, digests: dict[str, str], assets: Assets) -> BuildState:
        change = self.change or Change(self.before, None)
        return BuildState(self.build_id, sources, next_derived(bodies), digests, self._plan.rows, self._index_shape(),
                          self._registries, self._history_kept(), tuple(a.output for a in assets.files.values()), self._shared, self.config.language,
                          change.before, change.written, change.removed, self._search, self.collection)

    def _history_kept(self) -> Mapping[str, History]:
        """This commit's history, if this build or the last one read it (not a failed read:
        the next build tries again)."""
        kept = self._history
        if kept is None:
            kept = self.previous.history if self.previous is not None else {}
        found = kept.get(self.checkout.stamp)
        return kept if found is not None and found.checkout == self.checkout else {}

    def _index_shape(self) -> Mapping[str, Shape | str]:
        """The last build's shape, handed on as it was while it stands and nothing more was
        worked out from every item this time; else this index's."""
        index = self._index
        if self._shape is not None and self._shape["shape"].kept.keys() == set(KEPT) & index.__dict__.keys():
            return self._shape
        return {"shape": shape_of(index), "every_item": self._every_item(index)}


def article_file_count(config: Config, seen: dict) -> int:
    """How many article files the input walk saw (before any is parsed)."""
    articles = os.path.join(str(config.content_dir / "articles"), "")
    return sum(1 for path in seen if path.endswith(".md") and path.startswith(articles))


def _meanwhile(function, *args):
    """Call ``function(*args)`` in a thread (it waits on another process); what is returned
    gives its result, or raises what it raised, once it is done."""
    outcome: list = []

    def call():
        try:
            outcome.append((True, function(*args)))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            outcome.append((False, exc))

    thread = threading.Thread(target=call, name="sitegen-meanwhile", daemon=True)
    thread.start()

    def result():
        thread.join()
        done, value = outcome[0]
        if not done:
            raise value
        return value

    return result


def _say(message: str) -> None:
    print(f"sitegen: {message}", file=sys.stderr, flush=True)


def _files_in(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _notices(search: Search) -> tuple[str, ...]:
    return (search.notice,) if search.notice else ()


def _collection(config: Config, registries: str, *options: object) -> str:
    """What the whole-collection checks and the plan of pages are made from, but the articles:
    sitegen, the config, the registries (``_registries_digest``: by their bytes, as one edited
    in place within its mtime's tick, or copied with its old mtime, must not leave the last
    findings standing), the build's options."""
    text = f"{__version__}\n{config!r}\n{registries}\n{options!r}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _environment(config: Config, registries: str, assets: Assets) -> str:
    """What every page depends on: sitegen itself, the config, registries, asset names."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{__version__}\n{config!r}\n{registries}\n".encode())
    hasher.update(repr(sorted((n, a.output) for n, a in assets.files.items())).encode())
    return hasher.hexdigest()


def _registries_digest(config: Config) -> str:
    """Each registry file's name, length and bytes (a missing one: its name alone), and for
    a link where it leads (a link out of the archive is refused however its file reads)."""
    hasher = hashlib.blake2b(digest_size=16)
    for name in REGISTRY_FILES:
        path = config.content_dir / name
        data = path.read_bytes() if path.is_file() else None
        target = os.path.realpath(path) if path.is_symlink() else ""
        hasher.update(f"{name} {'-' if data is None else len(data)} {target}\n".encode("utf-8", "surrogatepass"))
        hasher.update(data or b"")
    return hasher.hexdigest()
