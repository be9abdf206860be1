"""The whole build, top to bottom: every stage named once, in order.

Every article is read and validated before any page is rendered, and no
file of the output is touched until every page has rendered.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from sitegen.assets import collect_assets
from sitegen.config import Config
from sitegen.context import Contexts
from sitegen.errors import Diagnostic
from sitegen.index import build_index
from sitegen.links import Links
from sitegen.load import load_archive
from sitegen.markup import Markup
from sitegen.render import make_environment, render_pages
from sitegen.routes import plan_pages
from sitegen.write import write_site


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
    archive = load_archive(config, strict=strict, drafts=drafts)
    index = build_index(archive)
    markup = Markup(config.base_path)
    bodies = MappingProxyType({a.id: markup.render(a.body) for a in index.articles})
    pages = plan_pages(index)
    assets = collect_assets(config.assets_dir, config.root)
    contexts = Contexts(config, archive.registries, index, bodies, Links.for_site(config, assets))
    env = make_environment(config.templates_dir, contexts)
    files = write_site(out_dir, render_pages(env, contexts, pages), assets)
    return BuildReport(out_dir, len(index.articles), len(pages), files,
                       time.perf_counter() - started, archive.warnings, written=files)
