"""Pages → bytes through Jinja templates.

Jinja runs with autoescape and StrictUndefined, so a misspelt variable fails
the build instead of printing nothing. A template error is reported with the
template's name and line; the first error of each template and line is kept
and rendering goes on, so one build shows every broken template.
"""

from __future__ import annotations

import traceback
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import jinja2

from sitegen.render import jinja_adapter
from sitegen.render.contexts import Contexts
from sitegen.render.machine_readable import timestamp
from sitegen.render.security import content_security_policy
from sitegen.core.diagnostics import Diagnostic, SitegenError, StateDamaged, error
from sitegen.core.languages import language
from sitegen.core.records import Page

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


ESCAPED = ("html", "xml")  # templates whose output is escaped
WHITESPACE = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
COMPILE_OPTIONS = repr((ESCAPED, WHITESPACE))  # what compiled templates depend on besides their text


def make_environment(templates_dir: Path, contexts: Contexts | None = None,
                     bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A Jinja environment for the archive's templates; reusable across builds.

    Compiled templates stay cached in it. It does not check template files
    for changes on every render (a stat per page and per parent template):
    a long-lived builder makes a new environment when a template changes.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(ESCAPED),
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        bytecode_cache=bytecode_cache,
        **WHITESPACE,
    )
    jinja_adapter.install(env)
    env.filters.update(longdate=per_object(long_date), timestamp=timestamp, isodate=per_object(iso_date))
    if contexts is not None:
        bind(env, contexts)
    return env


def bind(env: jinja2.Environment, contexts: Contexts) -> None:
    """Point the template globals at this build's data."""
    links = contexts.links
    env.globals.update(
        site=contexts.config,
        url=links.url,
        absolute_url=links.absolute,
        asset=links.asset,
        person=contexts.person,
        term=contexts.term,
        role=contexts.role,
        speaker_names=contexts.speaker_names,
        month_name=lambda m: MONTHS[m - 1],
        period=period,
        direction=lambda code: language(code).direction,
        content_security_policy=content_security_policy(),
    )
    jinja_adapter.bound(env)


def reusable(env: jinja2.Environment) -> bool:
    """Whether ``env`` may be bound again for another build. Jinja keeps an imported
    template's module with the globals of its first import, so only an environment
    whose templates make that module again for each binding (jinja_adapter.py) may."""
    return jinja_adapter.installed(env)


def period(key: tuple[int, ...]) -> str:
    """A year, month or day of the calendar (archive/calendar.py) as pages name it."""
    if len(key) == 1:
        return str(key[0])
    month = f"{MONTHS[key[1] - 1]} {key[0]}"
    return month if len(key) == 2 else f"{key[2]} {month}"


def long_date(value: date | datetime) -> str:
    """"21 September 2023", the form used on every page."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def iso_date(value: date | datetime) -> str:
    """Value for a <time datetime>: the date, or the full timestamp with offset."""
    return value.isoformat()


MEMO_LIMIT = 250_000  # formatted values a filter keeps; then it starts again


def per_object(format_: Callable[[Any], str]) -> Callable[[Any], str]:
    """``format_``, remembering its result for each object it was given.

    An article's date is printed on a dozen pages (its own, every listing
    and feed it is on, its neighbours' related items): formatting it once
    saves about a microsecond each time. Keyed by the object's identity,
    not its value: two equal datetimes in different time zones print
    differently. The memo holds each object, so no other can take its id.
    """
    memo: dict[int, tuple[Any, str]] = {}

    def formatted(value):
        known = memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        text = format_(value)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[id(value)] = (value, text)
        return text

    return formatted


# Pages whose bodies and related items are worked out together before any of them is
# rendered through its template. Each stage's code and data then stay in the CPU's caches
# for a few hundred pages, instead of giving way to the others' at every page.
RENDER_BATCH = 256


def render_pages(env: jinja2.Environment, contexts: Contexts,
                 pages: Iterable[Page]) -> Iterator[tuple[str, bytes]]:
    """Yield (output path, bytes) per page; raise once at the end if any failed."""
    problems: dict[tuple, Diagnostic] = {}
    templates_dir = Path(env.loader.searchpath[0])
    pages = iter(pages)
    while batch := list(islice(pages, RENDER_BATCH)):
        contexts.prepare(batch)
        yield from _render_batch(env, contexts, batch, templates_dir, problems)
    contexts.prepare([])  # the last batch's bodies are not held any longer
    if problems:
        raise SitegenError(list(problems.values()))


def _render_batch(env: jinja2.Environment, contexts: Contexts, pages: list[Page], templates_dir: Path,
                  problems: dict[tuple, Diagnostic]) -> Iterator[tuple[str, bytes]]:
    """render_pages for one batch; the first error of each template and line goes into ``problems``."""
    for page in pages:
        try:
            # the environment keeps each compiled template (and never re-stats it)
            html = env.get_template(page.template).render(contexts.for_page(page))
        except jinja2.TemplateSyntaxError as exc:
            name = exc.filename or exc.name or page.template
            problems.setdefault((name, exc.lineno), error(
                _shown(name, templates_dir), exc.lineno, f"template syntax error: {exc.message}",
                "fix the template"))
            continue
        except jinja2.TemplateNotFound as exc:
            problems.setdefault((exc.name,), error(
                templates_dir / str(exc.name), None, f'template "{exc.name}" not found',
                f"add it to {templates_dir.name}/"))
            continue
        except StateDamaged:  # the engine's to handle: it builds afresh
            raise
        except Exception as exc:  # noqa: BLE001 - any failure inside a template is reported
            name, line = _template_frame(exc, templates_dir)
            where = name or page.template
            problems.setdefault((where, line, str(exc)), error(
                _shown(where, templates_dir), line,
                f"template error while rendering /{page.url}: {_describe(exc)}",
                "fix the template, or the data it expects"))
            continue
        yield page.output, html.encode("utf-8")


def _template_frame(exc: BaseException, templates_dir: Path) -> tuple[str | None, int | None]:
    """The innermost traceback frame inside a template file: Jinja maps it to the template line."""
    root = templates_dir.resolve()
    found = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and Path(frame.filename).resolve().is_relative_to(root):
            found = (frame.filename, frame.lineno)
    return found


def _shown(name: str, templates_dir: Path) -> str:
    path = Path(name)
    return str(path if path.is_absolute() else templates_dir / name)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return exc.message or str(exc)
    return f"{type(exc).__name__}: {exc}"
