"""When Python's garbage collector runs during a build: the one place that decides.

A build makes two kinds of garbage. Reading and indexing make many
long-lived objects and no reference cycles: the collector would only rescan
them, so it is off. Rendering makes a great many short-lived objects (tokens,
template contexts) and almost no cycles: the young generation is collected
less often, and what reading made is not scanned. Before forking workers the heap is frozen, so the workers'
collectors neither scan nor, by marking them, copy the pages of what they
inherit. At exit a large index is left to the operating system, which takes
the memory back at once instead of object by object.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

RENDERING_THRESHOLD = (50_000, 20, 100)  # young objects between collections while rendering


@contextmanager
def reading() -> Iterator[None]:
    """No collections (rendering inside turns them back on for itself)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def rendering() -> Iterator[None]:
    """Collections on, the young generation less often; forked workers inherit it."""
    was_enabled, before = gc.isenabled(), gc.get_threshold()
    # What reading made is set aside first: made with the collector off, it all sits in the
    # young generation, and the first collection would scan every record of the archive to
    # find no cycles. Afterwards it goes to the oldest generation (see between_builds).
    gc.freeze()
    gc.enable()
    gc.set_threshold(*RENDERING_THRESHOLD)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
        if not was_enabled:
            gc.disable()


@contextmanager
def forking() -> Iterator[None]:
    """Everything alive now frozen while forked workers run."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def between_builds() -> None:
    """In a long-lived process, after a build: collect the cycles it left. Rendering sets the
    heap aside and then hands it to the oldest generation, whose full collections the
    collector's own thresholds then never start: without this a preview server would keep
    every rebuild's garbage."""
    gc.collect()


def leave_to_the_system() -> None:
    """At exit: nothing alive is collected or freed one by one any more."""
    gc.freeze()
