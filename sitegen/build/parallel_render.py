"""Full builds on every core: pages rendered and written by forked processes.

Rendering is CPU-bound Python, so threads would not help; processes forked
from the builder inherit the loaded archive, the index and the compiled
templates for free, and write their pages straight into the staging folder.

Two rounds, because some listing pages need something from every body:

1. article pages, and every page that shows nothing of a body (months,
   topics, places…), split across workers: each renders its bodies'
   Markdown and its articles' related items, writes its pages, and sends
   back what other pages take from each body (the quotes and summary), the
   rendered bodies that the site feed carries, and the related items (the
   parent digests article pages with them);
2. the pages that show bodies' quotes or summaries (speakers, feeds, the
   JSON export), split again across workers forked after the parent has
   gathered those results, so no body is rendered twice.

The output is the same, byte for byte, as a serial build's (a test says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

from sitegen.build import collector
from sitegen.core.diagnostics import Diagnostic, SitegenError
from sitegen.core.records import Page
from sitegen.render.templates import render_pages
from sitegen.build.site_folder import write_files

T = TypeVar("T")

# The job the forked workers run; set by the parent just before forking.
_JOB: "Job | None" = None
_DONE = None  # pages written so far by all workers: shared memory, for the progress bar
# Page kinds that show something of other articles' bodies (quotes, summaries, the
# site feed's whole items): rendered once the first round has rendered every body.
# A kind missing here still renders right, only slower: its worker would render
# the bodies it needs itself (Bodies.derived).
SHOW_BODIES = frozenset({"speaker", "feed", "data_year"})


@dataclass(frozen=True)
class Job:
    env: Any  # jinja2.Environment, bound to ``contexts``
    contexts: Any  # context.Contexts
    staging: Path
    tasks: tuple[tuple[Page, ...], ...]
    keep_bodies: frozenset[str]  # article ids whose rendered bodies the parent needs


def render_parallel(env, contexts, staging: Path, pages: list[Page], feed_ids: set[str],
                    jobs: int, bar=None, meanwhile: Callable[[], T] = lambda: None) -> tuple[int, T]:
    """Render and write ``pages`` into ``staging`` with ``jobs`` processes.

    Returns the files written and what ``meanwhile`` returns: the parent runs it
    while the last round renders (it would only wait otherwise), once everything
    the first round works out (bodies' quotes and summaries, related items) is in.
    """
    bodies = contexts.bodies
    related = contexts.index.related
    second = [p for p in pages if p.kind in SHOW_BODIES]
    first = [p for p in pages if p.kind not in SHOW_BODIES]
    written = 0
    problems: list[Diagnostic] = []
    for name in sorted({p.template for p in pages}):
        try:  # compiled once here, inherited by every worker
            env.get_template(name)
        except Exception:  # noqa: BLE001 - a broken template is reported by the workers
            pass
    done_before = 0
    for round_pages in (first, second):
        job = Job(env, contexts, staging, _tasks(round_pages, jobs), frozenset(feed_ids))
        results, extra = _run(job, jobs, bar, done_before, meanwhile if round_pages is second else None)
        done_before += len(round_pages)
        for count, derived, kept, found, diagnostics in results:
            written += count
            problems += diagnostics
            bodies.known.update(derived)  # the second round is forked after this
            bodies.rendered.update(kept)
            related.remember(found)
    if problems:  # one template error shows in every task that renders that template: once
        raise SitegenError(list(dict.fromkeys(problems)))
    return written, extra


TASKS_PER_JOB = 24  # more, smaller tasks: the last one to finish holds up the round less
HEAVY = frozenset({"data_year", "sitemap_part", "timeline"})  # pages that list many articles


def _tasks(pages: list[Page], jobs: int) -> tuple[tuple[Page, ...], ...]:
    """The round's pages cut into tasks, which the workers take one at a time as they
    finish the last: the pages that list everything first, each alone, then the
    other listings dealt round-robin (their costs vary), then the article pages in
    runs of neighbouring dates (they cost about the same; a worker fills its own
    folders). Tasks run in this order, so no heavy page is left for the end."""
    heavy = [(p,) for p in pages if p.kind in HEAVY]
    others = [p for p in pages if p.kind != "article" and p.kind not in HEAVY]
    articles = [p for p in pages if p.kind == "article"]
    count = jobs * TASKS_PER_JOB
    dealt = [tuple(others[i::count]) for i in range(min(count, len(others)))]
    bounds = [len(articles) * i // count for i in range(count + 1)]
    runs = [tuple(articles[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a]
    return tuple(heavy + dealt + runs)


def _run(job: Job, jobs: int, bar, done_before: int, meanwhile=None) -> tuple[list, Any]:
    """Fork the workers, run ``meanwhile`` if given, and follow their page count until all are
    done. Returns the workers' results and what ``meanwhile`` returned."""
    global _JOB, _DONE
    import multiprocessing  # here: a build on one core (a few edits) need not import it

    context = multiprocessing.get_context("fork")
    _JOB, _DONE = job, context.Value("q", 0, lock=False)
    try:
        with collector.forking(), context.Pool(jobs) as pool:
            # map_async with chunksize 1 hands out the tasks one by one, in order, to
            # whichever worker is free, and gives back the results in task order.
            pending = pool.map_async(_work, range(len(job.tasks)), chunksize=1)
            extra = meanwhile() if meanwhile is not None else None
            while not pending.ready():
                pending.wait(0.25)
                if bar is not None:
                    bar.to(done_before + _DONE.value)
            return pending.get(), extra
    finally:
        _JOB = _DONE = None


def _counted(outputs):
    """Pages pass through; the shared count moves on (a racy += only makes the bar lag)."""
    for output in outputs:
        yield output
        _DONE.value += 1


def _work(task: int):
    """In a worker: render and write one task's pages; report what the parent needs back."""
    job = _JOB
    pages = job.tasks[task]
    job.contexts.bodies.retain = job.keep_bodies  # the rest only while its page renders
    try:
        count = write_files(job.staging, _counted(render_pages(job.env, job.contexts, pages)))
        diagnostics: list[Diagnostic] = []
    except SitegenError as exc:
        count, diagnostics = 0, exc.diagnostics
    bodies = job.contexts.bodies
    ids = [p.key for p in pages if p.kind == "article"]
    derived = {bodies.articles[i].body_digest: bodies.derived(i) for i in ids}
    kept = {i: bodies.rendered[i] for i in ids if i in job.keep_bodies and i in bodies.rendered}
    return count, derived, kept, job.contexts.index.related.found(ids), diagnostics
