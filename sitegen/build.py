"""The whole build, top to bottom: every stage named once, in order.

Every article is read and validated before any page is rendered, and no
file of the output is touched until every page due for rendering has
rendered. With the previous build's state at hand (state.py) only pages
whose inputs changed are rendered and written (deps.py); without it, or
with ``incremental=False``, everything is.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from sitegen import __version__
from sitegen.assets import Assets, collect_assets
from sitegen.bodies import Bodies
from sitegen.config import Config
from sitegen.context import Contexts
from sitegen.deps import page_digests, template_fingerprints
from sitegen.errors import Diagnostic
from sitegen.index import build_index
from sitegen.links import Links
from sitegen.load import load_archive
from sitegen.markup import Markup
from sitegen.registry import REGISTRY_FILES
from sitegen.render import make_environment, render_pages
from sitegen.routes import plan_pages
from sitegen.state import BuildState, load_state, new_build_id, save_state, state_file
from sitegen.write import update_site, write_site


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


def build(config: Config, out_dir: Path, *, strict: bool = False, drafts: bool = False,
          incremental: bool = True) -> BuildReport:
    started = time.perf_counter()
    state_path = state_file(out_dir)
    previous = load_state(state_path, out_dir) if incremental else None
    archive = load_archive(config, strict=strict, drafts=drafts,
                           cache=previous.sources if previous else None)
    index = build_index(archive)
    bodies = Bodies(Markup(config.base_path), config.root, index.by_id, archive.fresh_bodies,
                    previous.derived if previous else {})
    pages = plan_pages(index)
    assets = collect_assets(config.assets_dir, config.root)
    digests = page_digests(pages, index, bodies, _environment(config, assets),
                           template_fingerprints(config.templates_dir), config.feed_items)
    due = [p for p in pages if previous is None or previous.outputs.get(p.output) != digests[p.output]]
    contexts = Contexts(config, archive.registries, index, bodies, Links.for_site(config, assets))
    env = make_environment(config.templates_dir, contexts)
    build_id = previous.build_id if previous else new_build_id()
    if previous is None:
        written = write_site(out_dir, render_pages(env, contexts, due), assets, build_id)
        removed = 0
    else:
        rendered = list(render_pages(env, contexts, due))  # all or nothing, before any write
        gone = set(previous.outputs) - set(digests)
        written, removed = update_site(out_dir, rendered, gone, assets, previous.assets, build_id)
    state = BuildState(build_id, archive.sources, bodies.all_derived(), digests,
                       tuple(a.output for a in assets.files.values()))
    if state != previous:  # a no-op build leaves even the state file alone
        save_state(state_path, state)
    return BuildReport(out_dir, len(index.articles), len(pages), len(pages) + len(assets.files),
                       time.perf_counter() - started, archive.warnings, written=written,
                       removed=removed, full=previous is None)


def _environment(config: Config, assets: Assets) -> str:
    """What every page depends on: sitegen itself, the config, registries, asset names."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{__version__}\n{config!r}\n".encode())
    for name in REGISTRY_FILES:
        path = config.content_dir / name
        hasher.update(path.read_bytes() if path.is_file() else b"-")
    hasher.update(repr(sorted((n, a.output) for n, a in assets.files.items())).encode())
    return hasher.hexdigest()
