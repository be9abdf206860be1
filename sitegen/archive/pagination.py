"""Long listings cut into pages whose addresses keep their items.

Items are counted from the oldest and cut into pages of a fixed size, so
page 3 of a speaker always holds that speaker's items 101–150 (with 50 a
page) however many newer items arrive. The newest items are on the
landing page, the listing's own address (``speakers/x/``), which holds
everything not yet on a numbered page: between one and two pages' worth,
so it is never nearly empty. A numbered page appears only once a full page
of newer items follows it; until then its items are on the landing page.

Only an item inserted among older ones (a backdated item) or a deleted one
moves items between numbered pages; adding newer items never does.
"""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Part:
    """Which slice of a listing one page shows.

    ``start``/``stop`` index the listing counted from the oldest item (0 is
    the oldest), so they also read as "items start+1 to stop".
    """

    number: int  # 1: the oldest items; the landing page has the highest number
    start: int
    stop: int
    landing: bool
    landing_url: str  # site-relative, the listing's own address
    prev_url: str | None = None  # the page of older items, if any
    next_url: str | None = None  # the page of newer items, if any

    @property
    def url(self) -> str:
        return self.landing_url if self.landing else page_url(self.landing_url, self.number)

    @property
    def first_item(self) -> int:
        return self.start + 1

    def ids(self, newest_first: tuple[str, ...]) -> tuple[str, ...]:
        """This page's ids from the whole listing, newest first as pages show them."""
        count = len(newest_first)
        return newest_first[count - self.stop:count - self.start]


def page_url(landing_url: str, number: int) -> str:
    return f"{landing_url}page/{number}/"


def paginate(landing_url: str, count: int, size: int) -> list[Part]:
    """The parts of a listing of ``count`` items, numbered pages first, landing last."""
    return [part_number(landing_url, count, size, number) for number in range(1, pages(count, size) + 1)]


def pages(count: int, size: int) -> int:
    """How many pages a listing of ``count`` items has: the full pages with at least a
    page of newer items after them, and the landing page."""
    return max(0, count // size - 1) + 1


def part_number(landing_url: str, count: int, size: int, number: int) -> Part:
    """Part ``number`` (1: the oldest items) of a listing, worked out alone: a page that
    names its neighbours need not make every part of a long listing."""
    last = pages(count, size)
    landing = number == last

    def url(n: int) -> str:
        return landing_url if n == last else page_url(landing_url, n)

    return Part(number=number, start=(number - 1) * size, stop=count if landing else number * size,
                landing=landing, landing_url=landing_url,
                prev_url=url(number - 1) if number > 1 else None,
                next_url=None if landing else url(number + 1))


def part_holding(parts: list[Part], position: int) -> Part:
    """The part that shows the item at ``position`` (0: the listing's oldest)."""
    return next(part for part in parts if part.start <= position < part.stop)
