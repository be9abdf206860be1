"""Reading and normalising many captures on every core.

Normalising is CPU-bound Python and each capture is independent, so large
batches are split across processes forked after the registries and outlet
profiles are loaded (the workers inherit them). Deciding where each article
goes and writing it stays in the parent, in input order, so the result is
the same as a serial run's.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.core.diagnostics import Diagnostic, error
from sitegen.ingest.normalise import Knowledge, Normalised, normalise
from sitegen.ingest.text import read_raw

PARALLEL_FROM = 200  # below this, starting processes costs more than it saves

_KNOWLEDGE: Knowledge | None = None  # set by the parent just before forking
_YEAR: int | None = None


@dataclass(frozen=True)
class Read:
    path: Path
    source: str
    result: Normalised | None
    problem: Diagnostic | None


def normalise_all(captures: list[tuple[Path, str]], knowledge: Knowledge,
                  year: int | None) -> list[Read]:
    global _KNOWLEDGE, _YEAR
    _KNOWLEDGE, _YEAR = knowledge, year
    workers = min(os.cpu_count() or 1, len(captures) // (PARALLEL_FROM // 2))
    if workers < 2 or len(captures) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [_read_one(capture) for capture in captures]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_read_one, captures, chunksize=max(1, len(captures) // (workers * 8)))


def _read_one(capture: tuple[Path, str]) -> Read:
    path, source = capture
    item, problem = read_raw(path)
    if problem is not None:
        return Read(path, source, None, problem)
    if not item.lines:
        return Read(path, source, None, error(path, 1, "the capture is empty: there is no story to "
                                                       "ingest", "capture the page again, or remove "
                                                                 "the file from the inbox"))
    return Read(path, source, normalise(item, _KNOWLEDGE, _YEAR, source), None)
