"""Plan every page of the site: URL, output file, template and subject.

No page is rendered here. Two pages that would write one file is an error
naming both, as in Pelican.
"""

from __future__ import annotations

from sitegen.core.config import PAGE_ITEMS
from sitegen.core.diagnostics import SitegenError, error
from sitegen.archive.index import Index
from sitegen.archive.pagination import paginate
from sitegen.core.records import Page


def plan_pages(index: Index, page_items: int = PAGE_ITEMS, search: bool = False,
               review: bool = False, problems: list | None = None) -> list[Page]:
    """Every page. ``search``: whether a search index will be built (the search page says so);
    ``review`` adds the review queue (previews with drafts only, never published). Two pages
    of one file are an error, raised, or added to ``problems`` when a list is given."""
    pages = [
        _html("home", "", "home.html"),
        _html("timeline", "timeline/", "timeline.html"),
        _html("speakers", "speakers/", "speakers.html"),
        _html("topics", "topics/", "topics.html"),
        _html("places", "places/", "places.html"),
        _html("people", "people/", "people.html"),
        _html("search", "search/", "search.html", search),
        Page("feed", "feed.xml", "feed.xml", "feed.xml", key=("site", None)),
        Page("robots", "robots.txt", "robots.txt", "robots.txt"),
        Page("not_found", "404.html", "404.html", "404.html"),
        Page("data", "data/articles.json", "data/articles.json", "articles.json"),
    ]
    for year in index.years:
        pages.append(Page("data_year", f"data/articles/{year:04d}.json", f"data/articles/{year:04d}.json",
                          "articles_year.json", key=year))
    for article in index.articles:
        pages.append(_html("article", article.url, "article.html", article.id, article.path))
    for (year, month), ids in index.months.items():
        pages += _listing("month", f"{year:04d}/{month:02d}/", "month.html", (year, month), ids, page_items)
    for year in index.years:
        pages.append(_html("year", f"{year:04d}/", "year.html", year))
    for (year, month, day), ids in index.calendar.days.items():
        pages += _listing("day", f"{year:04d}/{month:02d}/{day:02d}/", "day.html", (year, month, day), ids,
                          page_items)
    for person_id, ids in index.speakers.items():
        pages += _listing("speaker", f"speakers/{person_id}/", "speaker.html", person_id, ids, page_items)
        pages.append(Page("feed", f"speakers/{person_id}/feed.xml", f"speakers/{person_id}/feed.xml",
                          "feed.xml", key=("speaker", person_id)))
    for topic_id, ids in index.topics.items():
        pages += _listing("topic", f"topics/{topic_id}/", "topic.html", topic_id, ids, page_items)
        pages.append(Page("feed", f"topics/{topic_id}/feed.xml", f"topics/{topic_id}/feed.xml",
                          "feed.xml", key=("topic", topic_id)))
    for place_id, ids in index.places.items():
        pages += _listing("place", f"places/{place_id}/", "place.html", place_id, ids, page_items)
    for person_id, ids in index.mentioned.items():
        pages += _listing("person", f"people/{person_id}/", "person.html", person_id, ids, page_items)
    if review:
        pages.append(_html("review", "review/", "review.html"))
    listings = ("", *(p.url for p in pages if p.output.endswith("index.html")
                      and p.kind not in ("home", "article", "search", "review")))
    parts = [*_sitemap_parts("pages", listings, key=lambda chunk: ("pages", chunk)),
             *(part for year in index.years
               for part in _sitemap_parts(f"articles-{year:04d}", _of_year(index, year),
                                          key=lambda chunk, year=year: ("articles", year, chunk)))]
    pages += parts
    pages.append(Page("sitemap", "sitemap.xml", "sitemap.xml", "sitemap.xml", key=tuple(p.url for p in parts)))
    clashes = _clashes(pages)
    if clashes and problems is None:
        raise SitegenError(clashes)
    if problems is not None:
        problems += clashes
    return pages


def _html(kind: str, url: str, template: str, key=None, origin: str = "", part=None) -> Page:
    return Page(kind, url, url + "index.html", template, key=key, origin=origin or f"the {kind} page",
                part=part)


def _listing(kind: str, url: str, template: str, key, ids: tuple, page_items: int) -> list[Page]:
    """A listing's pages: numbered pages of older items (pagination.py), then its landing page."""
    return [_html(kind, part.url, template, key, part=part) for part in paginate(url, len(ids), page_items)]


def _clashes(pages: list[Page]) -> list:
    seen: dict[str, Page] = {}
    problems = []
    for page in pages:
        first = seen.setdefault(page.output, page)
        if first is not page:
            problems.append(error(page.origin or page.url, None,
                                  f'{page.output} would be written twice: by {first.origin} and by {page.origin}',
                                  "give one of them another slug"))
    return problems


SITEMAP_URLS = 50_000  # the sitemap protocol's most URLs a file


def _sitemap_parts(name: str, entries: tuple, key) -> list[Page]:
    """The sitemap files of one group (listing pages, a year's articles): one file, or a
    numbered file per SITEMAP_URLS entries. ``key(chunk)`` names each one's slice."""
    chunks = range(0, max(len(entries), 1), SITEMAP_URLS)
    pages = []
    for number, start in enumerate(chunks, 1):
        suffix = "" if len(chunks) == 1 else f"-{number}"
        path = f"sitemaps/{name}{suffix}.xml"
        pages.append(Page("sitemap_part", path, path, "sitemap_part.xml",
                          key=(*key(number), entries[start:start + SITEMAP_URLS])))
    return pages


def _of_year(index: Index, year: int) -> tuple[str, ...]:
    """Ids of the year's articles, newest first."""
    return tuple(i for month in sorted(index.years[year], reverse=True) for i in index.months[(year, month)])