"""Pages → bytes through Jinja templates.

Jinja runs with autoescape and StrictUndefined, so a misspelt variable fails
the build instead of printing nothing. A template error is reported with the
template's name and line; the first error of each template and line is kept
and rendering goes on, so one build shows every broken template.
"""

from __future__ import annotations

import traceback
from collections import ChainMap
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import jinja2
import markupsafe

from sitegen.render.contexts import Contexts, timestamp
from sitegen.core.diagnostics import Diagnostic, SitegenError, error
from sitegen.core.languages import language
from sitegen.core.records import Page

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class SiteContext(jinja2.runtime.Context):
    """Jinja's template context, calling the site's own template functions directly.

    Jinja sends every call a template makes through ``Context.call``, which
    first asks whether the callable wants the context passed in. The
    functions ``bind`` provides never do, and listings call ``url()`` once per
    item: skipping the question makes rendering a few percent faster.
    """

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        # Functions written in C (a string's startswith, say, which base.html calls
        # six times a page) cannot carry a pass_context mark either.
        if id(__obj) in __self.environment.plain_calls or type(__obj) is _BUILT_IN:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Jinja does
                return __self.environment.undefined("value was undefined because a callable raised "
                                                    "a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


_BUILT_IN = type(len)  # builtin_function_or_method


class SiteTemplate(jinja2.Template):
    """A compiled template whose ``{{ … }}`` output of plain strings skips markupsafe's wrapper.

    With autoescape on, Jinja writes every value a template prints through
    markupsafe's ``escape``, which returns a ``Markup``: a second Python call
    per value (about a seventh of rendering a page, measured), only to be
    joined into the page at once. Escaping a ``str`` straight to a ``str`` gives the same page.
    The generated code uses that ``escape`` nowhere else (only to print), and
    anything that is not exactly a ``str`` (``Markup``, numbers, dates…) still
    goes through markupsafe's own.
    """

    def new_context(self, vars=None, shared=False, locals=None):
        """Jinja's ``new_context``, given the globals as one plain dict, read now.

        A template's globals are a ChainMap (its own over the environment's),
        which Jinja copies into each new context and iterates again for the
        context's set of global names: some forty Python-level lookups per page
        rendered. Flattened first, both are C-speed copies; read at every
        render, they stay as current as the ChainMap (``bind`` changes them).
        """
        globals_ = self.globals
        if isinstance(globals_, ChainMap):
            flat: dict = {}
            for layer in reversed(globals_.maps):
                flat.update(layer)
            globals_ = flat
        return jinja2.runtime.new_context(self.environment, self.name, self.blocks, vars, shared,
                                          globals_, locals)

    def _get_default_module(self, ctx=None):
        """Jinja's module of this template as imported by a page (``{% from … import %}``),
        with the globals the page has and this template lacks found at C speed.

        Jinja subtracts this template's ChainMap of globals from the page's set as a
        keys view, which Python's ``Set`` mixin does one key at a time: about an eighth
        of a speaker page's time (measured). Where there is no such global (always,
        for the site's own templates) Jinja returns its cached module; otherwise it
        is asked as before.
        """
        if ctx is not None and not self.environment.is_async:
            globals_ = self.globals
            maps = globals_.maps if isinstance(globals_, ChainMap) else (globals_,)
            if not ctx.globals_keys.difference(*maps):
                ctx = None  # what Jinja does when it finds none
        if ctx is None:
            # Jinja keeps the module it made the first time, with the globals of that
            # moment. A warm builder binds new ones for every build (bind), and a macro
            # file made with the last build's would show its data (a renamed speaker
            # under the old name): a new binding, a new module.
            bound = getattr(self.environment, "bindings", 0)
            if self.__dict__.get("_module_binding") != bound:
                self._module, self._module_binding = None, bound
        return super()._get_default_module(ctx)

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        if _escape_str is not None:
            # every render function of the template (root, blocks, macros) shares these globals
            template.root_render_func.__globals__["escape"] = _escape_output
        return template


# markupsafe 3's C escaper of one str; absent from older markupsafe, where nothing changes
_escape_str = getattr(markupsafe, "_escape_inner", None)


def _escape_output(value, _str=str, _escape_str=_escape_str, _escape=markupsafe.escape):
    if type(value) is _str:
        return _escape_str(value)
    return _escape(value)


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
    env.context_class = SiteContext
    env.template_class = SiteTemplate
    env.plain_calls = frozenset()  # ids of the functions bind() provides
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
        direction=lambda code: language(code).direction,
    )
    # The globals keep these objects alive, so their ids stay theirs.
    env.plain_calls = frozenset(id(value) for value in env.globals.values() if _plain(value))
    env.bindings = getattr(env, "bindings", 0) + 1  # imported templates' modules are made again


def _plain(value) -> bool:
    """A callable that asks for no context, environment or eval context (``jinja2.pass_*``)."""
    return callable(value) and not hasattr(value, "jinja_pass_arg") \
        and not hasattr(getattr(value, "__call__", None), "jinja_pass_arg")


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
# for a few hundred pages, instead of giving way to the others' at every page: a full
# build's workers spent ~10 % less time (Markdown, related items and Jinja all faster).
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
