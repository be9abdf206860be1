"""Numbers for the build-time charts: items per month as bars and sparklines.

Only geometry and counts are computed here; templates/_charts.html draws
the SVG, its title and description, so the charts need no JavaScript and
a screen reader reads them as one labelled image.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple

from sitegen.core.records import Article

Month = tuple[int, int]  # (year, month)

BAR_STEP = 10  # SVG units per month on the wide charts
PLOT_HEIGHT = 100  # SVG units of the tallest bar
SPARK_STEP = 4  # SVG units per month on a sparkline
SPARK_HEIGHT = 24


class Bar(NamedTuple):
    """One month's bar. A named tuple, not a dataclass: a sparkline has a bar for every
    month of its subject's span, and a frozen dataclass costs several times more to make."""

    year: int
    month: int
    count: int
    x: float
    y: float  # top of the bar
    width: float
    height: float

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]  # one per month of the range, empty months included
    width: float  # of the plot, in SVG units
    height: float
    total: int
    peak: Bar | None  # the busiest month (the earliest of equals), None without items
    years: tuple[tuple[int, float], ...]  # (year, x of its first bar) for the axis labels

    @property
    def first(self) -> Bar | None:
        return self.bars[0] if self.bars else None

    @property
    def last(self) -> Bar | None:
        return self.bars[-1] if self.bars else None


def monthly_counts(articles: Iterable[Article]) -> Counter:
    return Counter((a.day.year, a.day.month) for a in articles)


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last``, both included."""
    start, stop = first[0] * 12 + first[1] - 1, last[0] * 12 + last[1] - 1
    return [(n // 12, n % 12 + 1) for n in range(start, stop + 1)]


def month_chart(counts: Mapping[Month, int], months: list[Month], step: float = BAR_STEP,
                height: float = PLOT_HEIGHT) -> Chart:
    """Bars for ``months`` (in order), scaled so the busiest month is ``height`` tall."""
    top = max((counts.get(m, 0) for m in months), default=0)
    width = round(step * 0.8, 1)
    bars = []
    for i, (year, month) in enumerate(months):
        count = counts.get((year, month), 0)
        # any month with items gets at least one unit: a lone item stays visible
        tall = 0.0 if not count else max(1.0, round(height * count / top, 1))
        bars.append(Bar(year, month, count, round(i * step + step * 0.1, 1), round(height - tall, 1), width, tall))
    peak = max(bars, key=lambda b: (b.count, -b.x)) if top else None
    years = tuple((b.year, b.x) for i, b in enumerate(bars) if i == 0 or b.month == 1)
    return Chart(tuple(bars), len(months) * step, height, sum(counts.get(m, 0) for m in months), peak, years)


def span_chart(articles: Iterable[Article], step: float = BAR_STEP,
               height: float = PLOT_HEIGHT) -> Chart:
    """Bars for every month from the first item's to the last's."""
    counts = monthly_counts(articles)
    months = months_between(min(counts), max(counts)) if counts else []
    return month_chart(counts, months, step, height)


def timeline_chart(articles: Iterable[Article], width: float = 960) -> Chart:
    """Every month of the archive, the bars as wide as ``width`` allows (between 4 and 40 units)."""
    counts = monthly_counts(articles)
    months = months_between(min(counts), max(counts)) if counts else []
    step = max(4.0, min(4.0 * BAR_STEP, round(width / max(len(months), 1), 1)))
    return month_chart(counts, months, step)


def year_chart(articles: Iterable[Article], year: int) -> Chart:
    """Twelve wide bars, January to December, for one year's items."""
    return month_chart(monthly_counts(articles), [(year, m) for m in range(1, 13)], step=4 * BAR_STEP)


def sparkline(articles: Iterable[Article]) -> Chart:
    """A small bar chart over the months from a subject's first item to its last."""
    return span_chart(articles, SPARK_STEP, SPARK_HEIGHT)
