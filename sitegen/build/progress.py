"""A progress bar for long builds, on the terminal only.

tqdm draws it on stderr; it stays silent when stderr is not a terminal (CI
logs, pipes) or with ``--quiet``, and for builds too small to need one.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
MIN_PAGES = 2000  # below this a build takes a few seconds at most: no bar


class Progress:
    def __init__(self, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    @contextmanager
    def bar(self, total: int, what: str) -> Iterator["_Bar"]:
        if not self.enabled or total < MIN_PAGES:
            yield _Bar(None)
            return
        from tqdm import tqdm  # imported only when a bar is drawn

        with tqdm(total=total, desc=what, unit=" pages", file=sys.stderr, leave=False,
                  dynamic_ncols=True, mininterval=0.25) as bar:
            yield _Bar(bar)


class _Bar:
    def __init__(self, bar):
        self._bar = bar

    def count(self, items: Iterable[T]) -> Iterator[T]:
        """Pass ``items`` through, advancing the bar by one for each."""
        for item in items:
            yield item
            if self._bar is not None:
                self._bar.update(1)

    def to(self, done: int) -> None:
        if self._bar is not None and done > self._bar.n:
            self._bar.update(done - self._bar.n)
