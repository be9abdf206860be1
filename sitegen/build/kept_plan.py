"""The plan of pages as the build state keeps it: a row of plain values per page.

A build after body edits alone takes the last build's plan (engine.py) and
needs only the few pages that show those bodies; reading the whole plan
back as Page records cost it as much as reading every article record
(BENCHMARKS.md, "The cold one-edit build, third pass"). Rows of plain values
read back faster, and a ``Plan`` makes a row a Page only when
it is asked for that page. A plan just made is held the same way, its pages
already made, so a build treats both alike.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter, itemgetter
from typing import Any, Iterable, Iterator, Mapping, Sequence

from sitegen.archive.pagination import Part
from sitegen.core.records import Page

_PAGE = tuple(f.name for f in fields(Page))
_PART = tuple(f.name for f in fields(Part))
_PART_AT = _PAGE.index("part")
_PAGE_FIELDS, _PART_FIELDS = attrgetter(*_PAGE), attrgetter(*_PART)
_SUBJECT = itemgetter(_PAGE.index("kind"), _PAGE.index("key"), _PAGE.index("output"))  # of a row

Row = tuple  # a Page's fields in order, its part (if any) as a tuple of the Part's fields


def row_of(page: Page) -> Row:
    row = _PAGE_FIELDS(page)
    part = row[_PART_AT]
    if part is None:
        return row
    return (*row[:_PART_AT], _PART_FIELDS(part), *row[_PART_AT + 1:])


def rows_of(pages: Iterable[Page]) -> dict[str, Row]:
    """Output file → row, for the state."""
    return {page.output: row_of(page) for page in pages}


def page_of(row: Row) -> Page:
    """The Page a row was made from (equal to it; made without the dataclass's checks, as
    pickle would)."""
    values = dict(zip(_PAGE, row))
    part = values["part"]
    if part is not None:
        values["part"] = made = object.__new__(Part)
        made.__dict__.update(zip(_PART, part))
    page = object.__new__(Page)
    page.__dict__.update(values)
    return page


class Plan(Sequence[Page]):
    """A plan's pages in order, each made from its row when first asked for; ``rows`` is the
    plan as the state keeps it (output file → row)."""

    def __init__(self, rows: Mapping[str, Row], made: Mapping[str, Page] | None = None):
        self.rows = rows
        self._order = list(rows)
        self._made: dict[str, Page] = dict(made or {})

    @classmethod
    def of(cls, pages: Iterable[Page]) -> "Plan":
        """A plan just made: its pages are at hand."""
        made = {page.output: page for page in pages}
        return cls(rows_of(made.values()), made)

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self.page(output) for output in self._order[at]]
        return self.page(self._order[at])

    def __iter__(self) -> Iterator[Page]:
        return (self.page(output) for output in self._order)

    def page(self, output: str) -> Page:
        made = self._made.get(output)
        if made is None:
            made = self._made[output] = page_of(self.rows[output])
        return made

    def subjects(self) -> Iterator[tuple[str, Any, str]]:
        """(kind, key, output) of every page, without making any."""
        return map(_SUBJECT, self.rows.values())
