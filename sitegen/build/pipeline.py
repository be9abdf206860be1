"""A build, stage by stage: what every build does, in the order it does it.

Every article is read and validated before any page is planned, and every
page due is rendered before the output folder changes. How each stage runs
(from a cache or afresh, on one core or several, every page or only the
changed ones, into a new folder or the existing one) is the engine's
business (engine.py): it hands this function a ``Run`` holding the means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from sitegen.archive.assets import Assets, collect_assets
from sitegen.archive.index import Index
from sitegen.archive.load import Archive, load_archive
from sitegen.core.config import Config
from sitegen.core.records import Page
from sitegen.markdown.markup import Markup
from sitegen.render.bodies import Bodies
from sitegen.render.contexts import Contexts
from sitegen.render.links import Links


def build_site(config: Config, run: "Run") -> "Site":
    registries = run.registries()  # people, topics, places, outlets: content/*.yaml
    archive = load_archive(config, strict=run.strict, drafts=run.drafts, registries=registries,
                           cache=run.parsed, seen=run.seen, reader=run.reader,
                           keep_bodies=run.keep_bodies, checked=run.checked)  # every article, read and validated
    index = run.index(archive)  # in time order, grouped by speaker, topic, place, month (index.py)
    pages = run.pages(index, archive)  # URL, file, template (routes.plan_pages)
    assets = collect_assets(config.assets_dir, config.root)  # copied under fingerprinted names
    bodies = Bodies(Markup(config.base_path), index.by_id, run.body_text, archive.fresh_bodies,
                    run.derived)  # Markdown → HTML, each when a page first needs it
    contexts = Contexts(config, archive.registries, index, bodies, Links.for_site(config, assets),
                        run.history())  # what each page shows
    templates = run.templates(contexts)  # Jinja, compiled, bound to this build's data
    due = run.due(pages, archive, index, bodies, assets)  # every page, or those whose inputs changed
    written = run.write(templates, contexts, due, assets)  # render, then write: the only stage that does
    return Site(archive, index, pages, assets, bodies, written)


@dataclass(frozen=True)
class Site:
    """What a build made of the archive."""

    archive: Archive
    index: Index
    pages: Sequence[Page]
    assets: Assets
    bodies: Bodies
    written: "Written"


@dataclass(frozen=True)
class Written:
    files: int  # files written
    removed: int = 0  # files of pages that are gone, pruned


class Run(Protocol):
    """The means one build's stages run with: how the engine runs this build."""

    strict: bool
    drafts: bool
    search_enabled: bool
    parsed: object  # records of unchanged files, from the last build (archive/load.py), or None
    seen: object  # file path → FileStat, from the walk that fingerprinted the inputs, or None
    reader: object  # parses article files (archive/load.Reader): on one core or several
    keep_bodies: bool  # keep the Markdown read, or read it again when a page renders it
    derived: object  # body digest → quotes and summary, from the last build
    checked: object  # the last build's scan, whose findings stand while the collection is the same, or None

    def registries(self): ...

    def body_text(self, article) -> str: ...

    def history(self): ...

    def index(self, archive: Archive) -> Index: ...

    def pages(self, index: Index, archive: Archive) -> Sequence[Page]: ...

    def templates(self, contexts: Contexts): ...

    def due(self, pages: Sequence[Page], archive: Archive, index: Index, bodies: Bodies,
            assets: Assets) -> list[Page]: ...

    def write(self, templates, contexts: Contexts, due: list[Page], assets: Assets) -> Written: ...
