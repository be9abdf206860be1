"""Reading many article files on every core.

Parsing front-matter is CPU-bound Python, so a full build reads its files on every core: the files are cut
into contiguous runs, shorter towards the end, and the parent and one forked
helper per other core take runs in turn from a shared counter until none is
left. A helper sends back each run as soon as it is read (the records, their
bodies and the problems found), and the parent takes in what has arrived
between its own runs, so that little is left to take in once the last run is
read. What the parent reads never crosses a pipe (pickling records is
expensive). The parent puts the runs back in file order, so the
records and the messages come out exactly as a serial read gives them.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass

from sitegen.archive.article import Read, read_articles

READ_IN_PARALLEL_FROM = 1000  # files to parse; below this forking costs more than it saves
# Runs shrink as the files run out: each is this share of the files not yet in a run
# (divided by the processes), at least SMALLEST_RUN long. Long runs first cost fewer
# messages; short runs last leave little for the parent to wait for once it is done.
RUN_SHARE = 4
SMALLEST_RUN = 50


@dataclass(frozen=True)
class _Job:
    files: tuple[tuple[str, str], ...]  # (file path, path relative to the archive)
    default_language: str
    keep_bodies: bool


# Set by the parent just before forking: the job, its runs of files ((start, stop) in
# job.files), the shared counter of runs taken, and the queue the helpers send runs on.
_JOB: _Job | None = None
_RUNS: list[tuple[int, int]] = []
_NEXT = None
_SENT = None


def read_in_parallel(files: list[tuple[str, str]], default_language: str, keep_bodies: bool = True,
                     jobs: int = 2) -> list[Read]:
    """Parse ``files`` ((path, relative path) pairs), in order; on ``jobs`` processes when worth it.

    Without ``keep_bodies`` the bodies come back empty (the caller reads them again later).
    """
    job = _Job(tuple(files), default_language, keep_bodies)
    if jobs <= 1 or len(files) < READ_IN_PARALLEL_FROM:
        return read_articles(files, default_language, keep_bodies)
    global _JOB, _RUNS, _NEXT, _SENT
    import multiprocessing  # here: a build on one core (a few edits) need not import it

    context = multiprocessing.get_context("fork")
    _JOB, _RUNS, _NEXT = job, _runs(len(files), jobs), context.Value("i", 0)
    _SENT = context.Queue()  # (run index, reads) from the helpers, one run at a time
    try:
        with context.Pool(jobs - 1) as pool:
            helpers = [pool.apply_async(_send_runs) for _ in range(jobs - 1)]
            done: dict[int, list[Read]] = {}
            while (index := _take()) is not None:
                done[index] = _read(_JOB, *_RUNS[index])
                _receive(done, helpers, wait=False)
            while len(done) < len(_RUNS):
                _receive(done, helpers, wait=True)
            for helper in helpers:
                helper.get()  # a helper's own failure, if any, is raised here
        return [read for index in range(len(_RUNS)) for read in done[index]]
    finally:
        _JOB, _RUNS, _NEXT, _SENT = None, [], None, None


def _receive(done: dict[int, list[Read]], helpers, wait: bool) -> None:
    """Take in the runs the helpers have sent; with ``wait``, at least one (or a helper's failure)."""
    while True:
        try:
            index, reads = _SENT.get(timeout=0.05) if wait else _SENT.get_nowait()
        except queue.Empty:
            if not wait:
                return
            failed = [h for h in helpers if h.ready() and not h.successful()]
            if failed:
                failed[0].get()  # raises the helper's exception
            continue
        done[index] = reads
        wait = False


def _runs(count: int, jobs: int) -> list[tuple[int, int]]:
    """``count`` items cut into contiguous (start, stop) runs, shorter and shorter."""
    runs: list[tuple[int, int]] = []
    start = 0
    while start < count:
        stop = min(count, start + max(SMALLEST_RUN, (count - start) // (RUN_SHARE * jobs)))
        runs.append((start, stop))
        start = stop
    return runs


def _take() -> int | None:
    """The index of the next run nobody has taken, or None when all are taken."""
    with _NEXT.get_lock():
        index = _NEXT.value
        _NEXT.value = index + 1
    return index if index < len(_RUNS) else None


def _send_runs() -> None:
    """In each helper: read runs not yet taken by anyone, and send each as soon as it is read."""
    while (index := _take()) is not None:
        _SENT.put((index, _read(_JOB, *_RUNS[index])))


def _read(job: _Job, start: int, stop: int) -> list[Read]:
    return read_articles(list(job.files[start:stop]), job.default_language, job.keep_bodies)
