"""Reading many article files on every core.

Parsing front-matter is CPU-bound Python (a tenth of a full build at 10k
articles), so a full build reads its files in forked processes: each
parses a contiguous run of files and sends back the records, their bodies
and the problems found. The parent puts the runs back in file order, so
the records and the messages come out exactly as a serial read gives them.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from sitegen.article import read_article
from sitegen.errors import Diagnostic
from sitegen.records import ArticleText

READ_IN_PARALLEL_FROM = 1000  # files to parse; below this forking costs more than it saves
RUNS_PER_JOB = 4  # runs of files per process, so that one slow run does not hold up the rest

# (record and body, or None when the file is invalid; the problems found in it)
Read = tuple[ArticleText | None, list[Diagnostic]]


@dataclass(frozen=True)
class _Job:
    files: tuple[tuple[str, str], ...]  # (file path, path relative to the archive)
    default_language: str
    keep_bodies: bool


_JOB: _Job | None = None  # set by the parent just before forking


def read_articles(files: list[tuple[str, str]], default_language: str, jobs: int,
                  keep_bodies: bool = True) -> list[Read]:
    """Parse ``files`` ((path, relative path) pairs), in order; on ``jobs`` processes when worth it.

    Without ``keep_bodies`` the bodies come back empty (the caller reads them again later).
    """
    job = _Job(tuple(files), default_language, keep_bodies)
    if jobs <= 1 or len(files) < READ_IN_PARALLEL_FROM:
        return _read(job, 0, len(files))
    global _JOB
    runs = _runs(len(files), jobs * RUNS_PER_JOB)
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.starmap(_read_run, runs, chunksize=1)
    finally:
        _JOB = None
    return [read for part in parts for read in part]


def _runs(count: int, parts: int) -> list[tuple[int, int]]:
    """``count`` items cut into ``parts`` contiguous (start, stop) runs of nearly equal size."""
    bounds = [count * i // parts for i in range(parts + 1)]
    return [(start, stop) for start, stop in zip(bounds, bounds[1:]) if stop > start]


def _read_run(start: int, stop: int) -> list[Read]:
    """In a worker: one run of the job's files."""
    return _read(_JOB, start, stop)


def _read(job: _Job, start: int, stop: int) -> list[Read]:
    reads: list[Read] = []
    for file_path, rel_path in job.files[start:stop]:
        diagnostics: list[Diagnostic] = []
        loaded = read_article(Path(file_path), rel_path, job.default_language, diagnostics)
        if loaded is not None and not job.keep_bodies:
            loaded = ArticleText(loaded.article, "")
        reads.append((loaded, diagnostics))
    return reads
