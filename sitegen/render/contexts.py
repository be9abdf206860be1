"""What each kind of page shows: the template variables, built from the index.

One function per page kind, each returning a plain dict for Jinja. Only data
is built here; every tag lives in templates/.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any, Callable, Mapping, NamedTuple

from sitegen.render.bodies import Bodies
from sitegen.render.charts import sparkline, timeline_chart, year_chart
from sitegen.core.config import Config
from sitegen.archive.history import EMPTY, History, file_history
from sitegen.archive.index import Index
from sitegen.render.jsonld import NewsArticles
from sitegen.core.languages import Language, language
from sitegen.render.links import Links
from sitegen.core.records import Article, Page, Person, Registries, SpeakerRef, Term
from sitegen.archive.review_notes import open_notes


# Rows of the lists pages show. Named tuples, not dicts: Jinja looks an attribute
# up on the object first, so ``s.person`` on a dict costs a failed lookup each time.
class SpeakerLine(NamedTuple):
    person: Person
    role: str | None


class Entry(NamedTuple):
    article: Article
    role: str | None


class Quote(NamedTuple):
    article: Article
    text: str


class Translated(NamedTuple):
    article: Article
    language: Language


class FeedEntry(NamedTuple):
    article: Article
    summary: str
    updated: str
    html: str | None


class Contexts:
    def __init__(self, config: Config, registries: Registries, index: Index,
                 bodies: Bodies, links: Links, history: History = EMPTY):
        self.config = config
        self.registries = registries
        self.index = index
        self.bodies = bodies
        self.links = links
        self.history = history
        self._speaker_names: dict[str, str] = {}
        self._news = NewsArticles(config.title, links.absolute(), lambda i: self.term("topics", i).name,
                                  lambda i: self.term("places", i).name, self.person)
        self._builders: dict[str, Callable[[Page], dict]] = {
            name[len("_page_"):]: getattr(self, name) for name in dir(self) if name.startswith("_page_")
        }

    def prepare(self, pages: list[Page]) -> None:
        """Work out ahead what these pages' contexts take longest to make (their articles'
        bodies and related items), together: see render.RENDER_BATCH."""
        ids = [page.key for page in pages if page.kind == "article"]
        self.bodies.hold(ids)
        related = self.index.related
        for article_id in ids:
            try:
                related.of(article_id)
            except Exception:  # noqa: BLE001 - the page's own render meets it again and reports it
                pass

    def for_page(self, page: Page) -> dict[str, Any]:
        context = {"page": page, "canonical": self.links.absolute(page.url)}
        context.update(self._builders[page.kind](page))
        return context

    # --- helpers shared with templates -------------------------------------------

    def person(self, person_id: str) -> Person:
        return self.index.people[person_id]

    def term(self, kind: str, term_id: str) -> Term:
        return self.index.terms[kind][term_id]

    def speaker_names(self, article: Article) -> str:
        """"Name One, Name Two": plain text for listings (escaped by the template).

        Kept per article: every listing an article is in, and every article
        page it is a related item of, shows its speakers.
        """
        names = self._speaker_names.get(article.id)
        if names is None:
            names = self._speaker_names[article.id] = ", ".join(
                self.index.people[s.id].name for s in article.speakers)
        return names

    def role(self, article: Article, speaker: SpeakerRef) -> str | None:
        """The role as the item states it, else the registry's role on that day."""
        if speaker.role:
            return speaker.role
        return self.index.people[speaker.id].role_on(article.day)

    def listing(self, page: Page, ids: tuple[str, ...], activity: bool = False) -> dict:
        """The items of one page of a listing (archive/pagination.py), newest first.

        The whole listing's size, and its sparkline when ``activity``, only on
        its landing page: a numbered page shows nothing but its own items, so
        it stays the same while newer items arrive (build/page_digests.py digests it so).
        """
        part = page.part
        landing = part is None or part.landing
        return {"items": self.index.listed(part.ids(ids) if part else ids), "part": part,
                "total": len(ids) if landing else None,
                "activity": sparkline(self.index.listed(ids)) if activity and landing else None}

    def ranked(self, groups: Mapping[str, tuple], name_of: Callable[[str], str]) -> list[dict]:
        """Group ids with their counts, most items first, then by name."""
        rows = [{"id": key, "name": name_of(key), "count": len(ids)} for key, ids in groups.items()]
        return sorted(rows, key=lambda row: (-row["count"], row["name"].casefold()))

    # --- page kinds --------------------------------------------------------------

    def _page_home(self, page: Page) -> dict:
        return {
            "latest": self.index.articles[:self.config.home_items],
            "top_speakers": self.ranked(self.index.speakers, lambda i: self.person(i).name)[:10],
            "top_topics": self.ranked(self.index.topics, lambda i: self.term("topics", i).name)[:10],
            "total": len(self.index.articles),
        }

    def _page_article(self, page: Page) -> dict:
        article = self.index.by_id[page.key]
        body = self.bodies[article.id]
        speakers = [SpeakerLine(self.person(s.id), self.role(article, s)) for s in article.speakers]
        return {
            "article": article,
            "body": body,
            "speakers": speakers,
            "topics": [self.term("topics", t) for t in article.topics],
            "places": [self.term("places", p) for p in article.places],
            "mentioned": [self.person(p) for p in article.people],
            "outlet": self.registries.outlets.get(article.source.outlet or ""),
            "language": language(article.language),
            **self._translations(article),
            "related": self.index.related.articles(article.id),
            "newer": self.index.newer(article),
            "older": self.index.older(article),
            "jsonld": self._news.text(article, self.links.absolute(article.url), body.summary, body.quotes,
                                      article.speakers[0].id if article.speakers else None),
            "history": file_history(self.config, self.history, article.path),
        }

    def _translations(self, article: Article) -> dict:
        """Other articles of its translations group, and languages the source names without one."""
        group = self.index.listed(self.index.translations.get(article.id, ()))
        linked = [Translated(a, language(a.language)) for a in group if a is not article]
        covered = {a.language for a in group} | {article.language}
        return {"translated": linked, "alternates": group,
                "translations": [language(code) for code in article.translations if code not in covered]}

    def _page_timeline(self, page: Page) -> dict:
        years = []
        for year, months in sorted(self.index.years.items(), reverse=True):
            counts = {m: len(self.index.months[(year, m)]) for m in months}
            years.append({"year": year, "counts": counts, "total": sum(counts.values())})
        peak = max((c for y in years for c in y["counts"].values()), default=1)
        return {"years": years, "peak": peak, "chart": timeline_chart(self.index.articles)}

    def _page_year(self, page: Page) -> dict:
        year = page.key
        months = [{"month": m, "items": self.index.listed(self.index.months[(year, m)])}
                  for m in sorted(self.index.years[year], reverse=True)]
        total = sum(len(m["items"]) for m in months)
        # a long year lists its months only: each month page holds its items (by month, stable)
        return {"year": year, "months": months, "total": total, "show_items": total <= self.config.page_items,
                "chart": year_chart((a for m in months for a in m["items"]), year)}

    def _page_month(self, page: Page) -> dict:
        year, month = page.key
        return {"year": year, "month": month, **self.listing(page, self.index.months[page.key])}

    def _page_search(self, page: Page) -> dict:
        return {"search": page.key}

    def _page_speakers(self, page: Page) -> dict:
        return {"rows": self.ranked(self.index.speakers, lambda i: self.person(i).name)}

    def _page_speaker(self, page: Page) -> dict:
        person = self.person(page.key)
        listing = self.listing(page, self.index.speakers[page.key], activity=True)
        items = listing["items"]
        entries = [Entry(a, self.role(a, next(s for s in a.speakers if s.id == person.id))) for a in items]
        quotes = [Quote(a, q) for a in items if a.speakers[0].id == person.id for q in self.bodies.quotes(a.id)]
        return {"person": person, "entries": entries, "quotes": quotes, **listing,
                "roles": sorted(person.roles, key=lambda r: r.start, reverse=True)}

    def _page_topics(self, page: Page) -> dict:
        return {"rows": self.ranked(self.index.topics, lambda i: self.term("topics", i).name)}

    def _page_topic(self, page: Page) -> dict:
        return {"term": self.term("topics", page.key),
                **self.listing(page, self.index.topics[page.key], activity=True)}

    def _page_places(self, page: Page) -> dict:
        return {"rows": self.ranked(self.index.places, lambda i: self.term("places", i).name)}

    def _page_place(self, page: Page) -> dict:
        return {"term": self.term("places", page.key), **self.listing(page, self.index.places[page.key])}

    def _page_people(self, page: Page) -> dict:
        return {"rows": self.ranked(self.index.mentioned, lambda i: self.person(i).name)}

    def _page_person(self, page: Page) -> dict:
        return {"person": self.person(page.key), **self.listing(page, self.index.mentioned[page.key]),
                "is_speaker": page.key in self.index.speakers}

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

    def _page_review(self, page: Page) -> dict:
        return {"notes": open_notes(self.index.articles)}

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
            "topics": list(article.topics),
            "places": list(article.places),
            "people": list(article.people),
            "language": article.language,
            "translations": list(article.translations),
            "source": {"outlet": article.source.outlet, "url": article.source.url},
            "summary": self.bodies.summary(article.id),
        }


def timestamp(value: date | datetime) -> str:
    """RFC 3339 for feeds; a bare date is taken as midnight UTC."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0), tzinfo=timezone.utc)
    return value.isoformat().replace("+00:00", "Z")
