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
    archived = max(0, count // size - 1)  # full pages with at least a page of newer items after them
    numbered = [page_url(landing_url, n) for n in range(1, archived + 1)]
    urls = [*numbered, landing_url]
    parts = []
    for i, url in enumerate(urls):
        landing = i == archived
        parts.append(Part(
            number=i + 1,
            start=i * size,
            stop=count if landing else (i + 1) * size,
            landing=landing,
            landing_url=landing_url,
            prev_url=urls[i - 1] if i > 0 else None,
            next_url=None if landing else urls[i + 1],
        ))
    return parts


def part_holding(parts: list[Part], position: int) -> Part:
    """The part that shows the item at ``position`` (0: the listing's oldest)."""
    return next(part for part in parts if part.start <= position < part.stop)
