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

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from sitegen.index import Index
    from sitegen.records import Article

LIMIT = 5  # items shown
WINDOW = 8  # neighbours in time taken from each group, on each side

SPEAKER_POINTS, TOPIC_POINTS, PLACE_POINTS = 4, 2, 1


class Related:
    """Related item ids per article, worked out on first use and kept."""

    def __init__(self, index: "Index", limit: int = LIMIT, window: int = WINDOW):
        self.index = index
        self.limit = limit
        self.window = window
        self._positions: dict[int, Mapping[str, int]] = {}  # id(group tuple) → id → position
        self._found: dict[str, tuple[str, ...]] = {}

    def of(self, article_id: str) -> tuple[str, ...]:
        found = self._found.get(article_id)
        if found is None:
            article = self.index.by_id[article_id]
            ranked = sorted((self._rank(article, self.index.by_id[other]), other)
                            for other in self._candidates(article))
            found = self._found[article_id] = tuple(other for _, other in ranked[:self.limit])
        return found

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

    def _rank(self, article: "Article", other: "Article") -> tuple[int, int, str]:
        """Sort key: most points first, then nearest in time, then id."""
        days = abs((article.day - other.day).days)
        return (-score(article, other, days), days, other.id)


def score(article: "Article", other: "Article", days: int) -> int:
    speakers = {s.id for s in article.speakers} & {s.id for s in other.speakers}
    points = SPEAKER_POINTS * len(speakers)
    points += TOPIC_POINTS * len(set(article.topics) & set(other.topics))
    points += PLACE_POINTS * len(set(article.places) & set(other.places))
    if days <= 30:
        points += 2
    elif days <= 365:
        points += 1
    return points
