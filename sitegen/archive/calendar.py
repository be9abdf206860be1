"""The archive's calendar: the days, months and years that have items, and each one's neighbours.

Day, month and year pages link to the nearest earlier and later day, month
or year with items, so a reader never lands on an empty page by following
them. Keys are tuples: (year,), (year, month) and (year, month, day).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from types import MappingProxyType
from typing import Iterable, Mapping

from sitegen.core.records import Article

Key = tuple[int, ...]


class Calendar:
    def __init__(self, articles: Iterable[Article]):
        days: dict[Key, list[str]] = defaultdict(list)
        for article in articles:  # newest first, as the index holds them
            day = article.day
            days[(day.year, day.month, day.day)].append(article.id)
        self.days: Mapping[Key, tuple[str, ...]] = MappingProxyType(
            {key: tuple(ids) for key, ids in sorted(days.items())})
        self._keys = {
            3: tuple(self.days),
            2: tuple(sorted({key[:2] for key in self.days})),
            1: tuple(sorted({key[:1] for key in self.days})),
        }

    def earlier(self, key: Key) -> Key | None:
        """The nearest day, month or year (as long as ``key``) before ``key`` that has items."""
        keys = self._keys[len(key)]
        at = bisect_left(keys, key)
        return keys[at - 1] if at > 0 else None

    def later(self, key: Key) -> Key | None:
        keys = self._keys[len(key)]
        at = bisect_right(keys, key)
        return keys[at] if at < len(keys) else None

    def days_of(self, year: int, month: int) -> tuple[Key, ...]:
        """The days of one month that have items, in order."""
        keys = self._keys[3]
        return keys[bisect_left(keys, (year, month)):bisect_left(keys, (year, month + 1))]

    def __eq__(self, other):  # (two builds' states compare equal: the calendar is in the index's shape)
        return isinstance(other, Calendar) and self.days == other.days

    __hash__ = None
