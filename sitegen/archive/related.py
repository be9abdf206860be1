"""Related items for an article page: same speakers, shared topics, close in time.

Candidates are the items nearest in time to the article within each of its
speaker and topic groups (``WINDOW`` on each side), so the work per article
stays small however large a topic grows. Each candidate gets whole-number
points, and ties are broken by distance in days, then by id, so the choice
is the same on every build and every machine:

* 4 per shared speaker, 2 per shared topic, 1 per shared place;
* 2 more within 30 days of the article, 1 more within a year.

Translations of the article are not related items: the page links them as
translations already.
"""

from __future__ import annotations

from typing import Mapping, Protocol

from sitegen.core.records import Article

LIMIT = 5  # items shown
WINDOW = 6  # neighbours in time taken from each group, on each side

SPEAKER_POINTS, TOPIC_POINTS, PLACE_POINTS = 4, 2, 1


class Subjects:
    """What articles are about, as bit masks, so that a pair is scored with one AND.

    Each speaker, topic and place gets as many bits of its own as it is worth
    points, so what two articles share scores ``(a & b).bit_count()``. That is
    several times faster than intersecting sets, and every article page needs
    its related items scored against a few dozen candidates.
    """

    def __init__(self) -> None:
        self._bits: dict[tuple[str, str], int] = {}  # (kind, id) → its bits
        self._next = 0

    def mask(self, article: Article) -> int:
        mask = 0
        for kind, ids, worth in (("speaker", [s.id for s in article.speakers], SPEAKER_POINTS),
                                 ("topic", article.topics, TOPIC_POINTS),
                                 ("place", article.places, PLACE_POINTS)):
            for key in ids:
                bits = self._bits.get((kind, key))
                if bits is None:
                    bits = self._bits[kind, key] = ((1 << worth) - 1) << self._next
                    self._next += worth
                mask |= bits
        return mask


class Grouped(Protocol):
    """What related items are picked from: the index (index.py), which holds a Related."""

    by_id: Mapping[str, Article]
    speakers: Mapping[str, tuple[str, ...]]
    topics: Mapping[str, tuple[str, ...]]
    translations: Mapping[str, tuple[str, ...]]


class Related:
    """Related item ids per article, worked out on first use and kept."""

    def __init__(self, index: Grouped, limit: int = LIMIT, window: int = WINDOW):
        self.index = index
        self.limit = limit
        self.window = window
        self._positions: dict[int, Mapping[str, int]] = {}  # id(group tuple) → id → position
        self._subjects = Subjects()
        self._scored: dict[str, tuple[int, int]] = {}  # id → (subject mask, day ordinal)
        self._found: dict[str, tuple[str, ...]] = {}

    def of(self, article_id: str) -> tuple[str, ...]:
        found = self._found.get(article_id)
        if found is None:
            mask, day = self._scored_of(article_id)
            scored = self._scored
            ranked = []
            for other in self._candidates(self.index.by_id[article_id]):
                their_mask, their_day = scored.get(other) or self._scored_of(other)
                days = abs(day - their_day)
                # most points first, then nearest in time, then id
                ranked.append((-_points((mask & their_mask).bit_count(), days), days, other))
            ranked.sort()
            found = self._found[article_id] = tuple(other for *_, other in ranked[:self.limit])
        return found

    def found(self, article_ids) -> dict[str, tuple[str, ...]]:
        """What has been worked out for these articles (a worker sends it to the parent)."""
        return {i: self._found[i] for i in article_ids if i in self._found}

    def remember(self, found: Mapping[str, tuple[str, ...]]) -> None:
        """Take in results worked out elsewhere (by a worker process), as ``of`` would give them."""
        self._found.update(found)

    def articles(self, article_id: str) -> list[Article]:
        return [self.index.by_id[i] for i in self.of(article_id)]

    def _candidates(self, article: Article) -> set[str]:
        groups = [self.index.speakers[s.id] for s in article.speakers]
        groups += [self.index.topics[t] for t in article.topics]
        found: set[str] = set()
        for group in groups:
            at = self._position(group)[article.id]
            found.update(group[max(0, at - self.window):at + self.window + 1])
        found.discard(article.id)
        found.difference_update(self.index.translations.get(article.id, ()))  # linked as translations
        return found

    def _position(self, group: tuple[str, ...]) -> Mapping[str, int]:
        positions = self._positions.get(id(group))
        if positions is None:  # the index holds its groups for as long as this object lives
            positions = self._positions[id(group)] = {item: i for i, item in enumerate(group)}
        return positions

    def _scored_of(self, article_id: str) -> tuple[int, int]:
        scored = self._scored.get(article_id)
        if scored is None:
            article = self.index.by_id[article_id]
            scored = self._scored[article_id] = (self._subjects.mask(article), article.day.toordinal())
        return scored


def _points(shared: int, days: int) -> int:
    """Points for what two articles share (already weighted), plus nearness in time."""
    return shared + (2 if days <= 30 else 1 if days <= 365 else 0)


def score(article: Article, other: Article, days: int) -> int:
    """The points ``other`` gets as a related item of ``article``, ``days`` apart."""
    subjects = Subjects()
    return _points((subjects.mask(article) & subjects.mask(other)).bit_count(), days)
