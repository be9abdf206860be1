"""What each page is made from, as one digest per output file.

A page is re-rendered when its digest differs from the one recorded by the
previous build. The digest covers:

* the environment every page shares: sitegen's version, the config, the
  registries and the fingerprinted asset names;
* the templates the page's template loads: its own file and every template
  it extends, includes or imports, found by reading their Jinja syntax
  (``jinja2.meta``), transitively;
* the data it shows: an article page its own file plus the front-matter of
  its neighbours, its related items and its translations, and its git history
  (archive/history.py); a listing page the front-matter of the items it lists (not
  their bodies): one page of a long listing its own items and its numbered
  neighbours' (their dates label the links), and which page it is (its
  ``part``), while a landing page covers the whole listing (every page's dates,
  the sparkline); a speaker page also the quotes of the items it lists; day,
  month and year pages also which day, month or year with items comes before
  and after them; a feed the full items it carries; site-wide pages (home,
  timeline, indexes, sitemap) the front-matter of every item, and home the
  quotes of the items it shows.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import jinja2
from jinja2 import meta

from sitegen.archive.pagination import pages, part_number
from sitegen.render.bodies import Bodies
from sitegen.archive.history import EMPTY, History
from sitegen.archive.index import Index
from sitegen.archive.load import same_front_matter
from sitegen.core.records import Page
from sitegen.build.template_cache import remembered


def _hash(parts: Iterable[str]) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


def template_fingerprints(templates_dir: Path) -> dict[str, str]:
    """Template name → digest of it and of every template it pulls in.

    Kept between runs under a digest of every template's name and text
    (templatecache.remembered): finding what each pulls in means parsing them all.
    """
    sources = {p.relative_to(templates_dir).as_posix(): p.read_text(encoding="utf-8", errors="replace")
               for p in sorted(templates_dir.rglob("*")) if p.is_file()}
    everything = _hash(f"{n}\n{s}" for n, s in sources.items())
    return remembered("fingerprints", everything, lambda: _fingerprints(sources, everything))


def _fingerprints(sources: dict[str, str], everything: str) -> dict[str, str]:
    env = jinja2.Environment()
    direct: dict[str, set[str] | None] = {}
    for name, source in sources.items():
        try:
            referenced = set(meta.find_referenced_templates(env.parse(source)))
        except jinja2.TemplateSyntaxError:
            referenced = {None}  # unreadable: let rendering report it, depend on everything
        direct[name] = None if None in referenced else referenced
    fingerprints = {}
    for name in sources:
        closure = _closure(name, direct)
        fingerprints[name] = everything if closure is None else \
            _hash(f"{n}\n{sources.get(n, '<missing>')}" for n in sorted(closure))
    return fingerprints


def _closure(name: str, direct: dict[str, set[str] | None]) -> set[str] | None:
    """Every template ``name`` reaches; None when one is chosen at run time."""
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        references = direct.get(current, set())
        if references is None:
            return None
        pending.extend(references)
    return seen


def every_item_digest(index: Index) -> str:
    """The front-matter of every item, in the index's order: what site-wide pages show."""
    return _hash(a.meta_digest for a in index.articles)


class _MetaDigests(dict):
    """Article id → its front-matter's digest, looked up as asked (a few dozen items, after
    a body edit), each once."""

    def __init__(self, by_id: Mapping[str, Any]):
        super().__init__()
        self.by_id = by_id

    def __missing__(self, article_id: str) -> str:
        found = self[article_id] = self.by_id[article_id].meta_digest
        return found


def page_digests(pages: Sequence[Page], index: Index, bodies: Bodies, environment: str,
                 templates: dict[str, str], feed_items: int, history: History = EMPTY,
                 home_items: int | None = None, every_item: str | None = None) -> dict[str, str]:
    """``feed_items``, ``home_items``: how many items a feed carries and home shows (the config's).
    ``every_item``: ``every_item_digest(index)``, if known already."""
    meta_of = _MetaDigests(index.by_id)
    every_item = every_item or every_item_digest(index)
    digests = {}
    for page in pages:
        shared = (environment, templates.get(page.template, "<missing template>"),
                  page.kind, page.url, repr(page.key), repr(page.part))
        data = _data(page, index, bodies, meta_of, every_item, feed_items, home_items)
        if page.kind == "article":  # its page shows when the file was added and changed
            data.append(history.digest_of(index.by_id[page.key].path))
        # an article page's inputs are a few short digests: keep them as they are
        digests[page.output] = "|".join((*shared, *data)) if page.kind == "article" \
            else _hash((*shared, *data))
    return digests


def _data(page: Page, index: Index, bodies: Bodies, meta_of: dict, every_item: str,
          feed_items: int, home_items: int | None) -> list[str]:
    kind, key = page.kind, page.key
    if kind == "article":
        article = index.by_id[key]
        neighbours = [index.newer(article), index.older(article)]
        return [article.meta_digest, article.body_digest,
                *(n.meta_digest if n else "-" for n in neighbours),
                *(meta_of[i] for i in index.related.of(key)), "translations:",
                *(meta_of[i] for i in index.translations.get(key, ()))]
    listed = {
        "month": lambda: index.months[key], "year": lambda: _year(index, key),
        "topic": lambda: index.topics[key], "place": lambda: index.places[key],
        "person": lambda: index.mentioned[key], "day": lambda: index.calendar.days[key],
    }
    if kind in listed:
        ids = listed[kind]()
        data = [meta_of[i] for i in _shown(page, ids)]
        if kind == "person":  # the page links to the speaker page while there is one
            data.append(str(key in index.speakers))
        if kind in ("day", "month", "year"):  # its links to the nearest ones with items
            calendar_key = key if isinstance(key, tuple) else (key,)
            data.append(repr((index.calendar.earlier(calendar_key), index.calendar.later(calendar_key))))
        return data
    if kind == "speaker":
        ids = index.speakers[key]
        listed_here = page.part.ids(ids) if page.part else ids
        first = index.first_speaker
        quotes = [bodies.quotes_digest(i) for i in listed_here if first.get(i) == key]
        return [*(meta_of[i] for i in _shown(page, ids)), *quotes]
    if kind == "home":  # the first quotes of its items (the newest; how many is the config's)
        return [every_item, *(bodies.quotes_digest(a.id) for a in index.articles[:home_items])]
    if kind == "feed":
        scope, subject = key
        ids = {"speaker": index.speakers, "topic": index.topics}.get(scope, {}).get(subject) \
            if scope != "site" else [a.id for a in index.articles[:feed_items]]
        whole = scope == "site"  # the other feeds carry summaries only (render/contexts.py)
        return [f"{meta_of[i]}{index.by_id[i].body_digest if whole else bodies.summary_digest(i)}"
                for i in list(ids)[:feed_items]]
    if kind == "data_year":
        ids = _year(index, key)
        return [*(meta_of[i] for i in ids), *(bodies.summary_digest(i) for i in ids)]
    if kind == "sitemap_part" and key[0] == "articles":
        ids = key[-1]
        return [*(meta_of[i] for i in ids), "translations:",
                *(meta_of[t] for i in ids for t in index.translations.get(i, ()))]
    return [every_item]  # home, timeline, the indexes, sitemaps of pages, 404, robots, data index


def _shown(page: Page, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The items a listing page depends on: on the landing page all of them (it lists every
    page with its dates); on a numbered page its own and its numbered neighbours'
    (render/navigation.py)."""
    part = page.part
    if part is None or part.landing:
        return ids
    size, count = part.stop - part.start, len(ids)  # a numbered page is a full page
    around = [part_number(part.landing_url, count, size, n) for n in (part.number - 1, part.number, part.number + 1)
              if 0 < n < pages(count, size)]  # its numbered neighbours (render/navigation.py)
    return tuple(i for p in around for i in p.ids(ids))


def _year(index: Index, year: int) -> list[str]:
    return [i for month in index.years[year] for i in index.months[(year, month)]]


def shared_inputs(environment: str, templates: dict[str, str], *options: object) -> str:
    """What all pages depend on at once: when it changes, every digest is recomputed."""
    return _hash([environment, repr(sorted(templates.items())), repr(options)])


def body_edits(previous: Mapping[str, Any], current: Mapping[str, Any],
               same_front_matter_known: bool = False) -> set[str] | None:
    """Ids of articles whose body alone changed since the previous build.

    None when anything else changed (a file added, removed or renamed, or any
    front-matter): then every page's digest has to be worked out again.
    ``same_front_matter_known``: the survey found that nothing else changed
    (archive/load.Checked), so it is not asked again.
    """
    if not same_front_matter_known and not same_front_matter(previous, current):
        return None
    return {source.article.id for rel_path, source in current.items()
            if source is not (before := previous[rel_path])  # not the very record the cache handed back
            and source.article.body_digest != before.article.body_digest}


def pages_showing_bodies(pages: Iterable[tuple[str, Any, str]], index: Index, edited: set[str]) -> list[str]:
    """The output files of the pages that show something of these articles' bodies (see
    ``_data``), from each page's (kind, key, output)."""
    speakers = {s.id for i in edited for s in index.by_id[i].speakers}
    topics = {t for i in edited for t in index.by_id[i].topics}
    feeds = {("site", None)} if edited else set()
    feeds |= {("speaker", s) for s in speakers} | {("topic", t) for t in topics}
    years = {index.by_id[i].day.year for i in edited}
    showing = {"article": edited, "speaker": speakers, "feed": feeds, "data_year": years}
    return [output for kind, key, output in pages
            if (kind == "home" and edited)  # it shows the newest items' first quotes
            or key in showing.get(kind, ())]


def pages_of_articles(pages: Iterable[tuple[str, Any, str]], ids: set[str]) -> list[str]:
    """The output files of these articles' own pages, from each page's (kind, key, output)."""
    return [output for kind, key, output in pages if kind == "article" and key in ids]
