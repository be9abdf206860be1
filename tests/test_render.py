"""render: pages through Jinja; template errors name the template file and line."""

from datetime import date, datetime, timedelta, timezone

from sitegen.archive.article import body_reader
from sitegen.archive.assets import collect_assets
from sitegen.render.bodies import Bodies
from sitegen.core.config import load_config
from sitegen.render.contexts import Contexts
from sitegen.core.diagnostics import SitegenError
from sitegen.archive.index import build_index
from sitegen.render.links import Links
from sitegen.archive.load import load_archive
from sitegen.markdown.markup import Markup
from sitegen.render.templates import iso_date, long_date, make_environment, per_object, render_pages
from sitegen.archive.routes import plan_pages
from tests.factory import make_archive, md

ARTICLE = "2023/09/21/smyth-on-budget/index.html"

PEOPLE = """\
jane-smyth:
  name: Jane Smyth
  roles:
    - title: Minister of Examples
      from: 2020-01-01
      to: 2023-05-31
    - title: Prime Minister
      from: 2023-06-01
"""


def render(tmp_path, monkeypatch, files=None, remove=()):
    """Render the whole base archive (``files`` overlaid, ``remove`` deleted): outputs, diagnostics."""
    root = make_archive(tmp_path, files)
    for name in remove:
        (root / name).unlink()
    monkeypatch.chdir(root)
    config = load_config(root)
    archive = load_archive(config)
    index = build_index(archive)
    bodies = Bodies(Markup(config.base_path), index.by_id, body_reader(config.root), archive.fresh_bodies, {})
    assets = collect_assets(config.assets_dir)
    contexts = Contexts(config, archive.registries, index, bodies, Links.for_site(config, assets))
    outputs = {}
    try:
        for output, data in render_pages(make_environment(config.templates_dir, contexts), contexts,
                                         plan_pages(index)):
            outputs[output] = data.decode("utf-8")
    except SitegenError as exc:
        return outputs, [d.format() for d in exc.diagnostics]
    return outputs, []


def test_every_page_renders(tmp_path, monkeypatch):
    outputs, problems = render(tmp_path, monkeypatch)
    assert problems == []
    assert {"index.html", ARTICLE, "feed.xml", "sitemap.xml", "speakers/jane-smyth/index.html"} <= set(outputs)


def test_text_is_escaped(tmp_path, monkeypatch):
    outputs, _ = render(tmp_path, monkeypatch, {
        "content/articles/2023/2023-09-21-smyth-on-budget.md": md(
            'title: "<script>alert(1)</script> & co"\ndate: 2023-09-21\nvenue: "<b>x</b>"')})
    page = outputs[ARTICLE]
    assert "<script>alert" not in page and "<b>x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_speaker_shorthand_takes_the_registry_role_on_the_article_date(tmp_path, monkeypatch):
    outputs, _ = render(tmp_path, monkeypatch, {
        "content/people.yaml": PEOPLE,
        "content/articles/2023/2023-05-31-earlier.md": md("title: Earlier\ndate: 2023-05-31\nspeakers: [jane-smyth]"),
        "content/articles/2019/2019-01-01-before.md": md("title: Before\ndate: 2019-01-01\nspeakers: [jane-smyth]"),
    })
    assert '<span class="role">Prime Minister</span>' in outputs[ARTICLE]
    assert '<span class="role">Minister of Examples</span>' in outputs["2023/05/31/earlier/index.html"]
    assert 'class="role"' not in outputs["2019/01/01/before/index.html"]


def test_stated_role_wins_over_the_registry(tmp_path, monkeypatch):
    outputs, _ = render(tmp_path, monkeypatch, {
        "content/articles/2023/2023-09-21-smyth-on-budget.md": md(
            "title: T\ndate: 2023-09-21\nspeakers:\n  - id: jane-smyth\n    role: Acting Mayor")})
    assert '<span class="role">Acting Mayor</span>' in outputs[ARTICLE]


def test_syntax_error_names_template_and_line_once(tmp_path, monkeypatch):
    _, problems = render(tmp_path, monkeypatch, {
        "templates/base.html": "<!DOCTYPE html>\n<title>{{ site.title }</title>\n{% block main %}{% endblock %}\n"})
    assert problems == ["templates/base.html:2: template syntax error: unexpected '}' (fix the template)"]


def test_unclosed_block_names_the_line_where_jinja_noticed(tmp_path, monkeypatch):
    _, problems = render(tmp_path, monkeypatch, {
        "templates/robots.txt": "User-agent: *\n{% if site.title %}\nAllow: /\n"})
    assert len(problems) == 1
    assert problems[0].startswith("templates/robots.txt:3: template syntax error: Unexpected end of template.")


def test_undefined_variable_names_template_and_line(tmp_path, monkeypatch):
    outputs, problems = render(tmp_path, monkeypatch, {
        "templates/robots.txt": "User-agent: *\nAllow: /\nSitemap: {{ sitemap_url }}\n"})
    assert problems == ["templates/robots.txt:3: template error while rendering /robots.txt: "
                        "'sitemap_url' is undefined (fix the template, or the data it expects)"]
    assert "index.html" in outputs  # the other pages still rendered


def test_undefined_attribute_in_a_parent_template(tmp_path, monkeypatch):
    _, problems = render(tmp_path, monkeypatch, {
        "templates/base.html": "<html>\n<body>\n{{ site.titel }}\n{% block main %}{% endblock %}\n</body>\n"})
    assert problems == ["templates/base.html:3: template error while rendering /: "
                        "'sitegen.core.config.Config object' has no attribute 'titel' "
                        "(fix the template, or the data it expects)"]


def test_error_inside_a_macro_names_the_macro_file(tmp_path, monkeypatch):
    _, problems = render(tmp_path, monkeypatch, {
        "templates/article.html": '{% extends "base.html" %}\n{% from "_macros.html" import date_tag %}\n'
                                  "{% block main %}{{ date_tag(article.date) }}{% endblock %}\n",
        "templates/_macros.html": "{% macro date_tag(value) %}\n{{ value.weekday_name }}\n{% endmacro %}\n"
                                  "{% macro article_list(items) %}{% endmacro %}\n"
                                  "{% macro term_table(rows, prefix, noun) %}{% endmacro %}\n"
                                  "{% macro page_suffix(part) %}{% endmacro %}\n"
                                  "{% macro page_note(part, total, shown, pages, jumps) %}{% endmacro %}\n"
                                  "{% macro listing_pager(part, older, newer, pages) %}{% endmacro %}\n"
                                  "{% macro uncertain(article) %}{% endmacro %}\n"
                                  "{% macro excerpt(said) %}{% endmacro %}\n"
                                  "{% macro calendar_pager(earlier, later, label) %}{% endmacro %}\n"})
    assert problems == ["templates/_macros.html:2: template error while rendering /2023/09/21/smyth-on-budget/: "
                        "'datetime.date object' has no attribute 'weekday_name' "
                        "(fix the template, or the data it expects)"]


def test_every_broken_template_is_reported(tmp_path, monkeypatch):
    _, problems = render(tmp_path, monkeypatch, {
        "templates/robots.txt": "{{ nope }}\n",
        "templates/sitemap.xml": "{% for %}\n",
    })
    assert [p.split(": ")[0] for p in problems] == ["templates/robots.txt:1", "templates/sitemap.xml:1"]


def test_missing_template(tmp_path, monkeypatch):
    _, problems = render(tmp_path, monkeypatch, remove=["templates/robots.txt"])
    assert problems == ['templates/robots.txt: template "robots.txt" not found (add it to templates/)']


def test_date_filters():
    assert long_date(date(2023, 9, 1)) == "1 September 2023"
    moment = datetime(2023, 9, 21, 10, 0, tzinfo=timezone(timedelta(hours=4)))
    assert long_date(moment) == "21 September 2023"
    assert iso_date(moment) == "2023-09-21T10:00:00+04:00"
    assert iso_date(date(2023, 9, 21)) == "2023-09-21"


def test_date_filters_remember_by_object_not_by_value():
    """Two equal moments in different time zones print differently, however often either is printed."""
    calls = []
    isodate = per_object(lambda value: calls.append(value) or iso_date(value))
    utc = datetime(2023, 9, 21, 6, 0, tzinfo=timezone.utc)
    yerevan = datetime(2023, 9, 21, 10, 0, tzinfo=timezone(timedelta(hours=4)))
    assert utc == yerevan
    assert [isodate(utc), isodate(yerevan), isodate(utc), isodate(yerevan)] == [
        "2023-09-21T06:00:00+00:00", "2023-09-21T10:00:00+04:00"] * 2
    assert len(calls) == 2


def test_pages_rendered_in_small_batches_are_the_same(tmp_path, monkeypatch):
    whole, problems = render(tmp_path / "whole", monkeypatch)
    monkeypatch.setattr("sitegen.render.templates.RENDER_BATCH", 2)  # bodies and related items worked out two pages ahead
    batched, batched_problems = render(tmp_path / "batched", monkeypatch)
    assert problems == batched_problems == []
    assert batched == whole


def test_bodies_held_for_a_batch_are_rendered_once_and_let_go(tmp_path):
    rendered = []

    class CountingMarkup(Markup):
        def render(self, source):
            rendered.append(source)
            return super().render(source)

    article = load_archive(load_config(make_archive(tmp_path))).articles[0]
    bodies = Bodies(CountingMarkup(), {article.id: article}, body_reader(tmp_path), {article.id: "Said *this*."}, {})
    bodies.retain = frozenset()  # as in a render worker: no body is kept for later
    bodies.hold([article.id, "no-such-article"])  # one that cannot render is left for its page
    assert bodies[article.id].html == "<p>Said <em>this</em>.</p>\n"
    bodies[article.id]
    assert len(rendered) == 1
    bodies.hold([])
    bodies[article.id]
    assert len(rendered) == 2
