"""What each kind of page shows: the template variables, built from the index.

One function per page kind, each returning a plain dict for Jinja. Only data
is built here; every tag lives in templates/. The machine-readable outputs'
(feeds, sitemaps, the JSON export) are machine_readable.py's.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Mapping, NamedTuple

from sitegen.archive.contract import MEDIA
from sitegen.archive.pagination import paginate, part_holding
from sitegen.render.bodies import Bodies
from sitegen.render.charts import sparkline, timeline_chart, year_chart
from sitegen.core.config import Config
from sitegen.core.diagnostics import StateDamaged
from sitegen.archive.history import EMPTY, History, file_history
from sitegen.archive.index import Index
from sitegen.render.jsonld import NewsArticles
from sitegen.core.languages import Language, language
from sitegen.render.links import Links
from sitegen.render.machine_readable import MachineReadable
from sitegen.render.navigation import all_pages, calendar_neighbours, key_url, neighbours, page_link, year_jumps
from sitegen.core.records import Article, Page, Person, Registries, SpeakerRef, Term
from sitegen.archive.review_notes import open_notes
from sitegen.render.sayings import Excerpt, SpeakerLine, excerpt, speaker_line


# Rows of the lists pages show. Named tuples, not dicts: Jinja looks an attribute
# up on the object first, so ``s.person`` on a dict costs a failed lookup each time.
class Entry(NamedTuple):
    article: Article
    line: SpeakerLine  # the listed speaker in this item, with the role shown
    excerpt: Excerpt | None  # their first quote, when they are its main speaker


class Said(NamedTuple):
    article: Article
    speaker: SpeakerLine | None  # the main speaker
    excerpt: Excerpt | None


class Translated(NamedTuple):
    article: Article
    language: Language


class Edition(NamedTuple):
    """A language the source names the item in, with that edition's address if the file gives it."""

    language: Language
    url: str | None


class Contexts(MachineReadable):
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
                                  lambda i: self.term("places", i).name, self.person, config.language)
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
            except StateDamaged:  # the engine's to handle: it builds afresh
                raise
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

        The whole listing's size, every page with its dates, the year jumps and
        the sparkline (when ``activity``) only on its landing page: a numbered page
        shows its own items and its numbered neighbours' dates, which stay the same
        while newer items arrive (build/page_digests.py digests it so).
        """
        part = page.part
        landing = part is None or part.landing
        by_id, size = self.index.by_id, self.config.page_items
        pages = all_pages(part, ids, by_id, size) if part and landing and part.number > 1 else []
        older, newer = neighbours(part, ids, by_id, size) if part and not landing else \
            (pages[-2] if len(pages) > 1 else None, None)
        return {"items": self.index.listed(part.ids(ids) if part else ids), "part": part,
                "total": len(ids) if landing else None,
                "pages": pages, "jumps": year_jumps(part, ids, by_id, pages, size) if len(pages) > 2 else [],
                "older_page": older, "newer_page": newer,
                "shown": page_link(part, ids, by_id, part) if part and not landing else None,
                "activity": self.activity(ids) if activity and landing else None}

    def activity(self, ids: tuple[str, ...]):
        """A sparkline of items per month, or None when it would be one bar or none."""
        chart = sparkline(self.index.listed(ids))
        return chart if _bars(chart) > 1 else None

    def speaker_line(self, article: Article, speaker: SpeakerRef) -> SpeakerLine:
        return speaker_line(self.person(speaker.id), article, speaker, self.config.language)

    def said(self, article: Article) -> Said:
        """An item as who said what: its main speaker and first quote."""
        if not article.speakers:
            return Said(article, None, None)
        return Said(article, self.speaker_line(article, article.speakers[0]),
                    excerpt(article, self.bodies.quotes(article.id)))

    def ranked(self, groups: Mapping[str, tuple], name_of: Callable[[str], str]) -> list[dict]:
        """Group ids with their counts, most items first, then by name."""
        rows = [{"id": key, "name": name_of(key), "count": len(ids)} for key, ids in groups.items()]
        return sorted(rows, key=lambda row: (-row["count"], row["name"].casefold()))

    # --- page kinds --------------------------------------------------------------

    def _page_home(self, page: Page) -> dict:
        count = self.config.home_items
        return {
            "latest": [self.said(a) for a in self.index.articles[:count]],
            "older": self._page_of_month(self.index.articles[count]) if len(self.index.articles) > count else None,
            "top_speakers": self.ranked(self.index.speakers, lambda i: self.person(i).name)[:10],
            "top_topics": self.ranked(self.index.topics, lambda i: self.term("topics", i).name)[:10],
            "years": sorted(self.index.years, reverse=True),
            "total": len(self.index.articles),
        }

    def _page_of_month(self, article: Article) -> str:
        """The URL of the page of its month's listing that shows ``article``."""
        ids = self.index.months[(article.day.year, article.day.month)]
        parts = paginate(key_url((article.day.year, article.day.month)), len(ids), self.config.page_items)
        return part_holding(parts, len(ids) - 1 - ids.index(article.id)).url

    def _page_article(self, page: Page) -> dict:
        article = self.index.by_id[page.key]
        body = self.bodies[article.id]
        return {
            "article": article,
            "body": body,
            # the body cut after each quote, to set the archive's translation beside it
            "pieces": self.bodies.quote_pieces(article.id) if article.quote_translations else None,
            "speakers": [self.speaker_line(article, s) for s in article.speakers],
            "medium": MEDIA.get(article.medium or ""),
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
        urls = dict(article.translation_urls)
        return {"translated": linked, "alternates": group,
                "translations": [Edition(language(code), urls.get(code)) for code in article.translations
                                 if code not in covered]}

    def _page_timeline(self, page: Page) -> dict:
        years = []
        for year, months in sorted(self.index.years.items(), reverse=True):
            counts = {m: len(self.index.months[(year, m)]) for m in months}
            # the months from the year's first with items to its last: no run of empty ones around them
            years.append({"year": year, "counts": counts, "total": sum(counts.values()),
                          "months": range(months[0], months[-1] + 1)})
        peak = max((c for y in years for c in y["counts"].values()), default=1)
        chart = timeline_chart(self.index.articles)
        return {"years": years, "peak": peak, "chart": chart if _bars(chart) > 1 else None}

    def _page_year(self, page: Page) -> dict:
        year = page.key
        months = [{"month": m, "items": self.index.listed(self.index.months[(year, m)])}
                  for m in sorted(self.index.years[year], reverse=True)]
        total = sum(len(m["items"]) for m in months)
        chart = year_chart((a for m in months for a in m["items"]), year)
        earlier, later = calendar_neighbours(self.index.calendar, (year,))
        # a long year lists its months only: each month page holds its items (by month, stable)
        return {"year": year, "months": months, "total": total, "show_items": total <= self.config.page_items,
                "chart": chart if _bars(chart) > 1 else None, "earlier": earlier, "later": later}

    def _page_month(self, page: Page) -> dict:
        year, month = page.key
        earlier, later = calendar_neighbours(self.index.calendar, page.key)
        landing = page.part is None or page.part.landing
        days = self.index.calendar.days_of(year, month) if landing else ()
        return {"year": year, "month": month, "earlier": earlier, "later": later,
                "days": [(key[2], key_url(key)) for key in days] if len(days) > 1 else [],
                **self.listing(page, self.index.months[page.key])}

    def _page_day(self, page: Page) -> dict:
        year, month, day = page.key
        earlier, later = calendar_neighbours(self.index.calendar, page.key)
        return {"day": date(year, month, day), "earlier": earlier, "later": later,
                **self.listing(page, self.index.calendar.days[page.key])}

    def _page_search(self, page: Page) -> dict:
        return {"search": page.key}

    def _page_speakers(self, page: Page) -> dict:
        return {"rows": self.ranked(self.index.speakers, lambda i: self.person(i).name)}

    def _page_speaker(self, page: Page) -> dict:
        person = self.person(page.key)
        listing = self.listing(page, self.index.speakers[page.key], activity=True)
        entries = []
        for a in listing["items"]:
            line = self.speaker_line(a, next(s for s in a.speakers if s.id == person.id))
            # their words, where they are the item's main speaker (its quotes are credited to them)
            said = excerpt(a, self.bodies.quotes(a.id)) if a.speakers[0].id == person.id else None
            entries.append(Entry(a, line, said))
        return {"person": person, "entries": entries, **listing,
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

    def _page_review(self, page: Page) -> dict:
        return {"notes": open_notes(self.index.articles)}

def _bars(chart) -> int:
    """How many months of a chart have items: a chart of one bar says nothing a number would not."""
    return sum(1 for bar in chart.bars if bar.count)
