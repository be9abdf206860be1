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

import heapq
from typing import TYPE_CHECKING, Mapping, NamedTuple

if TYPE_CHECKING:
    from sitegen.index import Index
    from sitegen.records import Article

LIMIT = 5  # items shown
WINDOW = 6  # neighbours in time taken from each group, on each side

SPEAKER_POINTS, TOPIC_POINTS, PLACE_POINTS = 4, 2, 1


class Subjects(NamedTuple):
    """What an article is about, as sets, for scoring many pairs quickly."""

    speakers: frozenset[str]
    topics: frozenset[str]
    places: frozenset[str]
    day: int  # ordinal

    @classmethod
    def of(cls, article: "Article") -> "Subjects":
        return cls(frozenset(s.id for s in article.speakers), frozenset(article.topics),
                   frozenset(article.places), article.day.toordinal())


class Related:
    """Related item ids per article, worked out on first use and kept."""

    def __init__(self, index: "Index", limit: int = LIMIT, window: int = WINDOW):
        self.index = index
        self.limit = limit
        self.window = window
        self._positions: dict[int, Mapping[str, int]] = {}  # id(group tuple) → id → position
        self._subjects: dict[str, Subjects] = {}
        self._found: dict[str, tuple[str, ...]] = {}

    def of(self, article_id: str) -> tuple[str, ...]:
        found = self._found.get(article_id)
        if found is None:
            mine = self._subjects_of(article_id)
            ranked = heapq.nsmallest(self.limit, (self._rank(mine, other) for other in
                                                  self._candidates(self.index.by_id[article_id])))
            found = self._found[article_id] = tuple(other for *_, other in ranked)
        return found

    def found(self, article_ids) -> dict[str, tuple[str, ...]]:
        """What has been worked out for these articles (a worker sends it to the parent)."""
        return {i: self._found[i] for i in article_ids if i in self._found}

    def remember(self, found: Mapping[str, tuple[str, ...]]) -> None:
        """Take in results worked out elsewhere (by a worker process), as ``of`` would give them."""
        self._found.update(found)

    def articles(self, article_id: str) -> list["Article"]:
        return [self.index.by_id[i] for i in self.of(article_id)]

    def _candidates(self, article: "Article") -> set[str]:
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

    def _subjects_of(self, article_id: str) -> Subjects:
        subjects = self._subjects.get(article_id)
        if subjects is None:
            subjects = self._subjects[article_id] = Subjects.of(self.index.by_id[article_id])
        return subjects

    def _rank(self, mine: Subjects, other_id: str) -> tuple[int, int, str]:
        """Sort key: most points first, then nearest in time, then id."""
        theirs = self._subjects_of(other_id)
        days = abs(mine.day - theirs.day)
        return (-points(mine, theirs, days), days, other_id)


def points(mine: Subjects, theirs: Subjects, days: int) -> int:
    total = (SPEAKER_POINTS * len(mine.speakers & theirs.speakers)
             + TOPIC_POINTS * len(mine.topics & theirs.topics)
             + PLACE_POINTS * len(mine.places & theirs.places))
    return total + (2 if days <= 30 else 1 if days <= 365 else 0)


def score(article: "Article", other: "Article", days: int) -> int:
    """The points ``other`` gets as a related item of ``article``, ``days`` apart."""
    return points(Subjects.of(article), Subjects.of(other), days)
