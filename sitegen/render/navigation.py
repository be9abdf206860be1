"""Ways through long listings and the calendar: page numbers with dates, year jumps, neighbours.

A listing's pages are numbered from the oldest (archive/pagination.py); a
reader picks one by the dates it covers, so each page link carries its
range. The landing page, which depends on the whole listing anyway, lists
every page; a numbered page names only itself and its numbered neighbours,
whose items stay put as newer items arrive (build/page_digests.py digests
exactly those).
"""

from __future__ import annotations

from datetime import date
from typing import Mapping, NamedTuple

from sitegen.archive.calendar import Calendar, Key
from sitegen.archive.pagination import Part, pages, paginate, part_holding, part_number
from sitegen.core.records import Article


class PageLink(NamedTuple):
    number: int
    url: str  # site-relative
    first: date  # the day of its oldest item
    last: date  # the day of its newest item
    landing: bool
    current: bool


class YearJump(NamedTuple):
    year: int
    link: PageLink  # the page holding the year's oldest item


class Neighbour(NamedTuple):
    key: Key
    url: str


def page_link(part: Part, ids: tuple[str, ...], by_id: Mapping[str, Article], current: Part) -> PageLink:
    shown = part.ids(ids)  # newest first
    return PageLink(part.number, part.url, by_id[shown[-1]].day, by_id[shown[0]].day, part.landing,
                    part.number == current.number)


def all_pages(part: Part, ids: tuple[str, ...], by_id: Mapping[str, Article], size: int) -> list[PageLink]:
    """Every page of the listing ``part`` belongs to, oldest first."""
    return [page_link(p, ids, by_id, part) for p in paginate(part.landing_url, len(ids), size)]


def year_jumps(part: Part, ids: tuple[str, ...], by_id: Mapping[str, Article], pages: list[PageLink],
               size: int) -> list[YearJump]:
    """For each year the listing has items in, oldest first, the page its oldest item is on."""
    count = len(ids)
    firsts: dict[int, int] = {}  # year → position of its oldest item, counted from the oldest
    for newest_first, article_id in enumerate(ids):
        firsts[by_id[article_id].day.year] = count - 1 - newest_first
    parts = paginate(part.landing_url, count, size)
    return [YearJump(year, pages[part_holding(parts, position).number - 1])
            for year, position in sorted(firsts.items())]


def neighbours(part: Part, ids: tuple[str, ...], by_id: Mapping[str, Article],
               size: int) -> tuple[PageLink | None, PageLink | None]:
    """The numbered pages either side of ``part`` (the landing page, if next, is left to the
    template: its dates change as items arrive, and a numbered page must not)."""
    count = len(ids)
    before = part_number(part.landing_url, count, size, part.number - 1) if part.number > 1 else None
    after = part_number(part.landing_url, count, size, part.number + 1) \
        if part.number + 1 < pages(count, size) else None  # the landing page is not named by dates
    return (page_link(before, ids, by_id, part) if before else None,
            page_link(after, ids, by_id, part) if after else None)


def calendar_neighbours(calendar: Calendar, key: Key) -> tuple[Neighbour | None, Neighbour | None]:
    """The nearest earlier and later day, month or year with items."""
    return tuple(Neighbour(found, key_url(found)) if found else None
                 for found in (calendar.earlier(key), calendar.later(key)))


def key_url(key: Key) -> str:
    """``2023/``, ``2023/09/`` or ``2023/09/21/``."""
    return "".join(f"{part:04d}/" if i == 0 else f"{part:02d}/" for i, part in enumerate(key))
