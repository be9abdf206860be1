"""The adapters: each faster path through a library's insides gives what the plain path gives.

One module per library holds every use of its internals (render/jinja_adapter.py,
render/markupsafe_adapter.py, markdown/markdown_it_adapter.py,
serve/livereload_adapter.py, core/dataclasses_adapter.py); the switch SITEGEN_FAST_PATHS=off turns the
faster paths off. Here each is held to the library's own behaviour, and whole
sites are built both ways and compared byte for byte.
"""

from __future__ import annotations

import dataclasses
import os
import time
from typing import ClassVar

import jinja2
import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st
from livereload.watcher import Watcher
from sitebuild import SITES, make_archive, site_files

from sitegen.archive.article import body_reader
from sitegen.archive.assets import collect_assets
from sitegen.archive.index import build_index
from sitegen.archive.load import load_archive
from sitegen.build.engine import Builder, build
from sitegen.core.config import load_config
from sitegen.markdown.markup import Markup
from sitegen.render import jinja_adapter, markupsafe_adapter
from sitegen.render.bodies import Bodies
from sitegen.render.contexts import Contexts
from sitegen.render.jinja_adapter import SiteContext, SiteTemplate
from sitegen.render.links import Links
from sitegen.render.templates import bind, make_environment
from sitegen.serve.livereload_adapter import SiteWatcher
from tests.factory import make_archive as make_small_archive


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setenv("SITEGEN_FAST_PATHS", "on")


@pytest.fixture
def plain(monkeypatch):
    monkeypatch.setenv("SITEGEN_FAST_PATHS", "off")


# --- the switch -----------------------------------------------------------------------


def test_the_switch_turns_every_adapter_off(plain, tmp_path):
    env = make_environment(tmp_path)
    assert env.template_class is jinja2.Template and env.context_class is jinja2.runtime.Context
    assert markupsafe_adapter.output_escape() is None
    assert not Markup().fast


def test_an_unknown_release_gets_the_plain_path(fast, monkeypatch, tmp_path):
    monkeypatch.setattr(jinja_adapter, "WRITTEN_FOR", ("0.1",))
    assert make_environment(tmp_path).template_class is jinja2.Template


def test_a_private_escape_that_disagrees_gets_the_plain_path(fast, monkeypatch):
    assert markupsafe_adapter.output_escape() is not None
    monkeypatch.setattr(markupsafe_adapter, "_escape_str", lambda text: text.replace("<", "&lt;"))
    assert markupsafe_adapter.output_escape() is None
    monkeypatch.setattr(markupsafe_adapter, "_escape_str", lambda text, quote: text)  # another signature
    assert markupsafe_adapter.output_escape() is None


@pytest.mark.parametrize("site", ["basic", "hostile"])
def test_a_site_built_both_ways_is_the_same_byte_for_byte(site, tmp_path, monkeypatch):
    root = make_archive(SITES / site, tmp_path / site)
    trees = {}
    for switch in ("on", "off"):
        monkeypatch.setenv("SITEGEN_FAST_PATHS", switch)
        build(load_config(root), tmp_path / switch, incremental=False, search=False, drafts=True)
        trees[switch] = site_files(tmp_path / switch)
    assert trees["on"] == trees["off"]


def test_a_warm_builder_without_the_jinja_adapter_shows_this_builds_names(plain, tmp_path):
    """Jinja keeps an imported macro file's module with its first globals: without the
    adapter, a warm builder (sitegen serve) binds each build to a new environment."""
    root = make_archive(SITES / "basic", tmp_path / "basic")
    builder = Builder(load_config(root), tmp_path / "out", search=False)
    builder.build()
    people = root / "content" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    builder.build()
    warm = site_files(tmp_path / "out")
    build(load_config(root), tmp_path / "cold", incremental=False, search=False)
    assert warm == site_files(tmp_path / "cold")


# --- markupsafe -----------------------------------------------------------------------


@given(st.text())
def test_plain_strings_are_escaped_as_markupsafe_escapes_them(text):
    escape = markupsafe_adapter._escape_output
    assert escape(text) == str(markupsafe.escape(text))
    assert type(escape(text)) is str


def test_anything_but_a_plain_string_goes_through_markupsafe():
    escape = markupsafe_adapter._escape_output

    class Html:
        def __html__(self):
            return "<b>safe</b>"

    for value in (markupsafe.Markup("<i>x</i>"), Html(), 3, None, 2.5, ["<a>"]):
        assert escape(value) == markupsafe.escape(value)


# --- markdown-it ----------------------------------------------------------------------


BODIES = [
    "Plain prose, one line.\n\nAnother paragraph with a [link](https://example.org/a) and *stars*.\n",
    "> “A quote,” she said.\n\n- one\n- two\n\nEnd.\n",
    "# Heading\n\nTwo\nlines, **strong** and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "[root link](/2023/09/21/x/) and <http://a.b> and ![img](/i.png)\r\n\r\nx\0y",
    "<script>alert(1)</script> [bad](javascript:alert(1)) &amp; \\* 1. not a list\n",
]


@pytest.mark.parametrize("base", ["/", "/sub/"])
@pytest.mark.parametrize("source", BODIES)
def test_markdown_both_ways_gives_the_same_body(source, base):
    assert Markup(base, fast=True).render(source) == Markup(base, fast=False).render(source)


@given(st.text(alphabet=st.sampled_from(list("ab *_[]()<>&\\`#>-\n!:/.1")), max_size=80))
def test_markdown_both_ways_gives_the_same_body_on_any_text(source):
    assert Markup(fast=True).render(source) == Markup(fast=False).render(source)


# --- Jinja ----------------------------------------------------------------------------


def test_site_functions_are_called_directly_and_context_functions_still_get_the_context(tmp_path, fast):
    """SiteContext skips Jinja's pass_context question only for the functions bind() provides."""

    (tmp_path / "t.html").write_text(
        "{% for p in ['a/', 'b/'] %}{{ url(p) }} {% endfor %}{% block b %}{{ asset('style.css') }}{% endblock %}"
        "|{{ who() }}")
    root = make_small_archive(tmp_path / "site")
    config = load_config(root)
    archive = load_archive(config)
    index = build_index(archive)
    assets = collect_assets(config.assets_dir, config.root)
    contexts = Contexts(config, archive.registries, index,
                        Bodies(Markup(), index.by_id, body_reader(root), archive.fresh_bodies, {}),
                        Links.for_site(config, assets))
    env = make_environment(tmp_path)
    bind(env, contexts)
    assert env.context_class is SiteContext and id(env.globals["url"]) in env.plain_calls
    env.globals["who"] = jinja2.pass_context(lambda context: context["name"])  # added after bind
    html = env.get_template("t.html").render(name="Ann")
    assert html == f"/a/ /b/ {contexts.links.asset('style.css')}|Ann"


def test_site_context_calls_built_in_functions_as_jinja_does():
    """C functions (str.startswith…) go the direct way too; the result is Jinja's own, even a
    StopIteration (an undefined value)."""

    def exhausted():
        return (x for x in ())

    source = "{{ 'abc'.startswith('a') }}|{% for w in ['x y'] %}{{ w.split() }}{% endfor %}|{{ g.send(None) }}|"
    plain, site = jinja2.Environment(), jinja2.Environment()
    site.context_class, site.plain_calls = SiteContext, frozenset()
    assert site.from_string(source).render(g=exhausted()) == plain.from_string(source).render(g=exhausted()) \
        == "True|['x', 'y']||"


def test_site_template_prints_what_jinja_prints():
    """SiteTemplate escapes plain strings without markupsafe's wrapper; every page stays the same,
    whatever a template prints and however (macros, call and filter blocks, set blocks, ~, |e,
    autoescape switched off and on inside a template)."""

    class Html:
        def __html__(self):
            return "<b>safe</b>"

    templates = {
        "base.html": "<title>{% block title %}{{ title }}{% endblock %}</title>{% block body %}{% endblock %}",
        "page.html": (
            "{% extends 'base.html' %}{% import 'macros.html' as m %}"
            "{% block body %}{{ m.item(title) }}{% call m.box() %}{{ html }} {{ markup }}{% endcall %}"
            "{% filter upper %}{{ title }}{% endfilter %}{% set block_set %}{{ title }}&{% endset %}"
            "{{ block_set }}{{ title ~ markup }}{{ title|e }}{{ number }}{{ none }}{{ items }}{{ 3.5 }}"
            "{% autoescape false %}{{ title }}{% autoescape true %}{{ title }}{% endautoescape %}"
            "{% endautoescape %}{% include 'macros.html' %}{{ '<const>' }}{% endblock %}"),
        "macros.html": "{% macro item(x) %}<li>{{ x }}</li>{% endmacro %}"
                       "{% macro box() %}<div>{{ caller() }}</div>{% endmacro %}{{ title }}",
    }
    values = dict(title='Tom & "Jerry" <\'x\'>', markup=markupsafe.Markup("<i>kept</i>"), html=Html(),
                  number=42, none=None, items=["<a>", 1])

    def render(template_class):
        env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
        env.template_class = template_class
        return env.get_template("page.html").render(values)

    ours = render(SiteTemplate)
    assert ours == render(jinja2.Template)
    assert "Tom &amp; &#34;Jerry&#34; &lt;&#39;x&#39;&gt;" in ours and "<b>safe</b> <i>kept</i>" in ours


def test_site_template_sees_the_globals_of_the_moment_as_jinja_does():
    """SiteTemplate flattens the globals for each new context: a global changed after the
    template was loaded shows, a template's own globals win over the environment's, and
    a render's own values win over both, in included and imported templates too."""

    templates = {"page.html": "{{ a }} {{ b }} {{ c }} {% include 'part.html' %} {% import 'm.html' as m %}{{ m.x() }}"
                              "{% from 'm.html' import y %}{{ y() }}",
                 "plain.html": "{% from 'm.html' import x, y %}{{ x() }} {{ y() }}",
                 "part.html": "[{{ a }} {{ b }}]",
                 "m.html": "{% macro x() %}<{{ a }}>{% endmacro %}{% macro y() %}({{ d|default('no d') }}){% endmacro %}"}

    def render(template_class):
        env = jinja2.Environment(loader=jinja2.DictLoader(templates))
        env.template_class = template_class
        env.globals.update(a="env-a", b="env-b", c="env-c")
        # "d" is the page's own global, which the imported template lacks: Jinja makes
        # that import a module of its own; plain.html has none and gets the cached one
        template = env.get_template("page.html", globals={"b": "own-b", "d": "own-d"})
        plain = env.get_template("plain.html")
        first = template.render(c="render-c"), plain.render()
        env.globals["a"] = "later-a"  # as bind() does between two builds
        return first, (template.render(), plain.render())

    ours = render(SiteTemplate)
    assert ours == render(jinja2.Template)
    (first, plain_first), (later, plain_later) = ours
    assert first.startswith("env-a own-b render-c [env-a") and later.startswith("later-a own-b env-c")
    assert first.endswith("<env-a>(own-d)") and plain_first == "<env-a> (no d)"
    assert plain_later == "<env-a> (no d)"  # Jinja's imported module keeps the globals it was made with


def test_an_imported_template_takes_the_globals_of_each_new_binding(tmp_path):
    """bind() gives every build its own data: macros imported after it must call this
    build's functions, not those of the build that first imported them."""
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "page.html": "{% from 'm.html' import who %}{{ who() }}",
        "m.html": "{% macro who() %}{{ name() }}{% endmacro %}"}))
    env.template_class = SiteTemplate
    page = env.get_template("page.html")
    env.globals["name"] = lambda: "first build"
    env.bindings = 1
    assert page.render() == "first build"
    env.globals["name"] = lambda: "second build"
    env.bindings = 2  # what bind() does
    assert page.render() == "second build"
    assert page.render() == "second build"


# --- livereload ------------------------------------------------------------------------


def test_watcher_runs_a_task_once_per_poll_however_many_paths_changed(tmp_path):
    for name in ("content/a.md", "templates/b.html", "site.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "content" / "loop").symlink_to(tmp_path / "content", target_is_directory=True)
    calls = []
    task = lambda: calls.append(1)  # one task for three paths, as the server has
    watcher = SiteWatcher()
    for name in ("content", "templates", "site.yaml"):
        watcher.watch(str(tmp_path / name), task)
    assert watcher.examine() == (None, None) and calls == []  # first look: nothing changed
    later = time.time() + 10
    for name in ("content/a.md", "templates/b.html", "site.yaml"):
        os.utime(tmp_path / name, (later, later))
    assert watcher.examine() == (None, None) and calls == [1]
    assert watcher.examine() == (None, None) and calls == [1]  # every change was seen at once
    (tmp_path / "content" / "a.md").unlink()
    watcher.examine()
    assert calls == [1, 1]


@pytest.mark.parametrize("watcher_class", [SiteWatcher, Watcher])
def test_either_watcher_runs_the_build_after_an_edit(watcher_class, tmp_path):
    """livereload's own watcher (the switch off) may run the task more often, never less."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("x")
    calls = []
    watcher = watcher_class()
    watcher.watch(str(tmp_path / "content"), lambda: calls.append(1))
    watcher.examine()
    assert calls == []
    later = time.time() + 10
    os.utime(tmp_path / "content" / "a.md", (later, later))
    watcher.examine()
    assert calls == [1]


# --- dataclasses: the methods' code kept -------------------------------------------------


def record_classes() -> list[type]:
    """Dataclasses of every kind sitegen's records are, and then some, made afresh (their
    string annotations name ``dataclasses`` and ``ClassVar`` as this module imports them)."""
    @dataclasses.dataclass(frozen=True)
    class Frozen:
        name: str
        tags: tuple[str, ...] = ()
        extra: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)
        counted: ClassVar[int] = 0

    @dataclasses.dataclass(order=True, slots=True)
    class Ordered:
        number: int
        label: str = dataclasses.field(default="x", kw_only=True)

    @dataclasses.dataclass(frozen=True)
    class Child(Frozen):
        year: int | None = None

    @dataclasses.dataclass
    class Made:
        seed: dataclasses.InitVar[int]
        double: int = 0

        def __post_init__(self, seed: int) -> None:
            self.double = seed * 2

    return [Frozen, Ordered, Child, Made]


def behaviour(classes: list[type]) -> list:
    """What a user of the classes can see of them."""
    import inspect

    frozen, ordered, child, made = classes
    a, b = frozen("a", ("t",), {"k": 1}), frozen("a", ("t",), {"other": 2})
    seen = [repr(a), a == b, hash(a) == hash(b), repr(child("c", year=2024)), child("c") == frozen("c"),
            repr(sorted([ordered(2), ordered(1, label="y")])), ordered(1) < ordered(2), repr(made(21)),
            [(f.name, f.type, f.default is dataclasses.MISSING) for f in dataclasses.fields(child)]]
    for cls in classes:
        seen += [str(inspect.signature(cls)), cls.__init__.__annotations__, cls.__doc__,
                 getattr(cls, "__match_args__", None)]
    try:
        a.name = "b"
    except dataclasses.FrozenInstanceError as exc:
        seen.append(str(exc))
    return seen


def test_dataclasses_made_with_kept_code_are_the_plain_ones(monkeypatch, tmp_path):
    """Compiled once and kept (the first process), read back (the next): the same classes as
    dataclasses makes them itself, and the next process compiles nothing."""
    import dataclasses

    from sitegen.core.dataclasses_adapter import KeptCode

    monkeypatch.delattr(dataclasses, "exec", raising=False)  # the plain way, whatever the CLI installed
    plain = behaviour(record_classes())
    first = KeptCode(tmp_path / "kept.marshal")
    monkeypatch.setattr(dataclasses, "exec", first.run, raising=False)
    assert behaviour(record_classes()) == plain
    assert first.new, "the first process compiled the methods"
    first.save()
    again = KeptCode(tmp_path / "kept.marshal")
    monkeypatch.setattr(dataclasses, "exec", again.run)
    assert behaviour(record_classes()) == plain
    assert again.new == {} and again.known


def test_a_cache_of_kept_code_that_cannot_be_read_is_no_cache(tmp_path):
    from sitegen.core.dataclasses_adapter import KeptCode

    for garbage in (b"", b"not marshal", b"\xe9\x00", __import__("marshal").dumps(["a list"])):
        (tmp_path / "kept.marshal").write_bytes(garbage)
        assert KeptCode(tmp_path / "kept.marshal").known == {}
    odd = KeptCode(tmp_path / "kept.marshal")
    odd.known = {"x = 1\n": "not code"}
    namespace: dict = {}
    odd.run("x = 1\n", namespace)
    assert namespace["x"] == 1 and "x = 1\n" in odd.new
