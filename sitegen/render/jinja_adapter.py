"""The one place that reaches into Jinja's insides: faster contexts and templates.

Installed on an environment (``install``) when the fast-paths switch is on
(core/fast_paths.py) and Jinja is a release this was written for; otherwise
the environment is Jinja's own, and a long-lived builder makes a new one for
every build (``installed`` tells it which). tests/test_adapters.py renders
every page kind of a site both ways and compares the bytes.

* ``SiteContext`` calls the site's own template functions directly;
* ``SiteTemplate`` hands Jinja its globals as one flat dict per render, finds
  an imported macro file's extra globals at C speed, makes that file's module
  again for each new binding of the globals, and prints plain strings
  through markupsafe_adapter.py.
"""

from __future__ import annotations

from collections import ChainMap

import jinja2

from sitegen.core import fast_paths
from sitegen.render import markupsafe_adapter

WRITTEN_FOR = ("3.1",)  # Jinja releases whose internals this was written for


def usable() -> bool:
    return fast_paths.enabled() and fast_paths.release_is(jinja2.__version__, *WRITTEN_FOR)


def install(env: jinja2.Environment) -> bool:
    """Give ``env`` the faster classes, if usable. True when it has them."""
    if not usable():
        return False
    env.context_class = SiteContext
    env.template_class = SiteTemplate
    env.plain_calls = frozenset()  # ids of the functions bind() provides
    return True


def installed(env: jinja2.Environment) -> bool:
    return env.template_class is SiteTemplate


def bound(env: jinja2.Environment) -> None:
    """After ``templates.bind`` gave ``env`` new globals: note which are plain functions,
    and have imported templates make their modules again with the new globals."""
    if not installed(env):
        return
    # The globals keep these objects alive, so their ids stay theirs.
    env.plain_calls = frozenset(id(value) for value in env.globals.values() if _plain(value))
    env.bindings = getattr(env, "bindings", 0) + 1


def _plain(value) -> bool:
    """A callable that asks for no context, environment or eval context (``jinja2.pass_*``)."""
    return callable(value) and not hasattr(value, "jinja_pass_arg") \
        and not hasattr(getattr(value, "__call__", None), "jinja_pass_arg")


class SiteContext(jinja2.runtime.Context):
    """Jinja's template context, calling the site's own template functions directly.

    Jinja sends every call a template makes through ``Context.call``, which
    first asks whether the callable wants the context passed in. The
    functions ``bind`` provides never do, and listings call ``url()`` once per
    item: they are called directly, without the question.
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
    per value, only to be joined into the page at once. Escaping a ``str``
    straight to a ``str`` gives the same page.
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
        keys view, which Python's ``Set`` mixin does one key at a time, for every
        page that imports it. Where there is no such global (always,
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
        escape = markupsafe_adapter.output_escape()
        if escape is not None:
            # every render function of the template (root, blocks, macros) shares these globals
            template.root_render_func.__globals__["escape"] = escape
        return template
