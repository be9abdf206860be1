"""The templates tried on the archive: one page of every kind rendered, nothing written.

A template that does not compile, includes one that is missing, or asks
for a variable its page does not have fails the build; ``sitegen check``
renders one page of each kind the archive has (its newest article, a
speaker, a month…), so a pull request that changes a template hears of it
before the build does.
"""

from __future__ import annotations

from sitegen.archive.article import body_reader
from sitegen.archive.assets import collect_assets
from sitegen.archive.index import build_index
from sitegen.archive.load import Archive, Scan
from sitegen.archive.routes import plan_pages
from sitegen.core.config import Config
from sitegen.core.diagnostics import Diagnostic, SitegenError
from sitegen.core.sourcefiles import links_out_of
from sitegen.markdown.markup import Markup
from sitegen.render.bodies import Bodies
from sitegen.render.contexts import Contexts
from sitegen.render.links import Links
from sitegen.render.templates import make_environment, render_pages


def template_problems(config: Config, scan: Scan) -> list[Diagnostic]:
    """What rendering one page of each kind says, with every template and line at fault."""
    linked_out = links_out_of(config.templates_dir, config.root)
    if linked_out:
        return linked_out
    articles = _one_per_id_and_url(a for a in scan.articles if not a.draft)  # clashes are reported elsewhere
    index = build_index(Archive(config, scan.registries, articles, ()))
    pages = plan_pages(index, config.page_items, problems=[])
    assets = collect_assets(config.assets_dir, config.root, problems=[])
    one_of_each = list({page.kind: page for page in reversed(pages)}.values())
    bodies = Bodies(Markup(config.base_path), index.by_id, body_reader(config.root), scan.fresh_bodies, {})
    contexts = Contexts(config, scan.registries, index, bodies, Links.for_site(config, assets))
    try:
        for _ in render_pages(make_environment(config.templates_dir, contexts), contexts, one_of_each):
            pass
    except SitegenError as exc:
        return exc.diagnostics
    return []


def _one_per_id_and_url(articles) -> tuple:
    ids, urls, kept = set(), set(), []
    for article in articles:
        if article.id not in ids and article.url not in urls:
            ids.add(article.id)
            urls.add(article.url)
            kept.append(article)
    return tuple(kept)
