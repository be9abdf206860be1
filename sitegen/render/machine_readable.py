"""What the machine-readable outputs hold: feeds, sitemaps, robots.txt, the JSON export, the 404 page.

Part of the page contexts (contexts.py's ``Contexts`` takes these ``_page_*``
builders from this class); only data is built here, every tag lives in templates/.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import NamedTuple

from sitegen.core.records import Article, Page


class FeedEntry(NamedTuple):
    article: Article
    summary: str
    updated: str
    html: str | None


class MachineReadable:
    """The builders of the machine-readable pages; ``self`` is a render.contexts.Contexts."""

    def _page_feed(self, page: Page) -> dict:
        scope, key = page.key
        if scope == "speaker":
            ids, title, home = self.index.speakers[key], self.person(key).name, f"speakers/{key}/"
        elif scope == "topic":
            ids, title, home = self.index.topics[key], self.term("topics", key).name, f"topics/{key}/"
        else:
            ids, title, home = tuple(a.id for a in self.index.articles), "", ""
        # The site feed carries whole items; speaker and topic feeds their summaries:
        # at 100k items those feeds would otherwise repeat nearly every body.
        full = scope == "site"
        entries = [FeedEntry(a, self.bodies.summary(a.id), timestamp(a.date),
                             self.bodies[a.id].html if full else None)
                   for a in self.index.listed(ids[:self.config.feed_items])]
        return {"feed_title": f"{title} — {self.config.title}" if title else self.config.title,
                "home": home, "entries": entries,
                "updated": entries[0].updated if entries else timestamp(date(1970, 1, 1))}

    def _page_sitemap(self, page: Page) -> dict:
        return {"parts": page.key}

    def _page_sitemap_part(self, page: Page) -> dict:
        group, *_, entries = page.key
        if group == "pages":
            return {"listing_urls": entries, "articles": [], "alternates": {}}
        translations = self.index.translations
        return {"listing_urls": (), "articles": self.index.listed(entries),
                "alternates": {i: self.index.listed(translations[i]) for i in entries if i in translations}}

    def _page_robots(self, page: Page) -> dict:
        return {}

    def _page_not_found(self, page: Page) -> dict:
        return {"latest": self.index.articles[:5]}

    def _page_data(self, page: Page) -> dict:
        years = sorted(self.index.years, reverse=True)
        return {"parts": [{"year": year, "url": self.links.absolute(f"data/articles/{year:04d}.json"),
                           "items": sum(len(self.index.months[(year, m)]) for m in self.index.years[year])}
                          for year in years]}

    def _page_data_year(self, page: Page) -> dict:
        year = page.key
        ids = [i for m in sorted(self.index.years[year], reverse=True) for i in self.index.months[(year, m)]]
        return {"year": year, "items": [self._article_data(a) for a in self.index.listed(ids)]}

    # --- machine-readable records -------------------------------------------------

    def _article_data(self, article: Article) -> dict:
        return {
            "id": article.id,
            "url": self.links.absolute(article.url),
            "title": article.title,
            "date": article.date.isoformat(),
            "date_confidence": article.date_confidence,
            "speakers": [{"id": s.id, "name": self.person(s.id).name, "role": self.role(article, s)}
                         for s in article.speakers],
            "venue": article.venue,
            "medium": article.medium,
            "topics": list(article.topics),
            "places": list(article.places),
            "people": list(article.people),
            "language": article.language,
            "translations": list(article.translations),
            "translation_urls": dict(article.translation_urls),
            "quote_translations": list(article.quote_translations),
            "source": {"outlet": article.source.outlet, "url": article.source.url,
                       "archived": article.source.archived},
            "summary": self.bodies.summary(article.id),
        }


def timestamp(value: date | datetime) -> str:
    """RFC 3339 for feeds; a bare date is taken as midnight UTC."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0), tzinfo=timezone.utc)
    return value.isoformat().replace("+00:00", "Z")
