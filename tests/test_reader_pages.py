"""Every kind of page as a reader gets it, in headless Chromium: at 1280 and 390 CSS pixels,
in the light and the dark theme, with axe-core's default rules and no violation.

Two archives: the shipped one (one real item: a small archive must look
finished; the pages it shows differently) and an invented one, every kind of
page (sitegen/archive/demo.py, as ``sitegen demo`` writes it), with what the
small one lacks: long listings in pages, items in Russian with the archive's
translations, uncertain dates, days with several items, months without any.

A screenshot of each page, at each width and in each theme, goes to the run's
artefacts: ``$SITEGEN_ARTIFACTS/pages/`` when that is set, else
``test-artifacts/pages/`` in the repository (git-ignored).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sitebuild import REPO
from sitegen.archive.demo import write_archive
from sitegen.build.engine import build
from sitegen.core.config import load_config
from support.axe import axe_available, find_axe, new_context, run_axe, summary

WIDTHS = (1280, 390)
THEMES = ("light", "dark")


def artefacts() -> Path:
    folder = Path(os.environ.get("SITEGEN_ARTIFACTS") or REPO / "test-artifacts") / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def axe():
    if not axe_available():
        reason = (f"axe-core unavailable ({find_axe()}): run .ci/run, or set SITEGEN_AXE_JS to axe.min.js "
                  "of the npm package axe-core")
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "build"
    build(load_config(REPO), out, search=False)
    return out


@pytest.fixture(scope="module")
def fictional(tmp_path_factory) -> Path:
    root = write_archive(tmp_path_factory.mktemp("fictional") / "site", items=240, days=700, page_items=5)
    for folder in ("templates", "assets"):
        shutil.copytree(REPO / folder, root / folder)
    out = root / "build"
    build(load_config(root), out)  # with its search index: the search page is checked searching
    return out


def _first(out: Path, pattern: str, needle: str) -> str:
    """The site path of the first page matching ``pattern`` whose HTML holds ``needle``."""
    for page in sorted(out.glob(pattern)):
        if needle in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(out).as_posix() + "/"
    raise AssertionError(f"no page {pattern} holds {needle!r}")


def page_kinds(out: Path, fictional: bool) -> dict[str, str]:
    """One page of each kind: name → site path (of the shipped archive, those a small
    archive shows differently)."""
    kinds = {
        "home": "", "timeline": "timeline/", "speakers": "speakers/", "topics": "topics/",
        "places": "places/", "people": "people/", "search": "search/", "not-found": "404.html",
        "article": _first(out, "20*/*/*/*/index.html", "<h1 lang=\"en\""),
        "year": _first(out, "20*/index.html", "<h1>"),
        "month": _first(out, "20*/*/index.html", "<h1>"),
        "day": _first(out, "20*/*/*/index.html", 'class="articles"'),
    }
    kinds["speaker"] = _first(out, "speakers/*/index.html", "<h1>")
    kinds["topic"] = _first(out, "topics/*/index.html", "<h1>")
    kinds["place"] = _first(out, "places/*/index.html", "<h1>")
    kinds["person"] = _first(out, "people/*/index.html", "<h1>")
    if not fictional:
        return {kind: path for kind, path in kinds.items()
                if kind in ("home", "article", "timeline", "year", "month", "day", "speaker", "topic")}
    kinds["article-translated"] = _first(out, "20*/*/*/*/index.html", 'class="translation"')
    kinds["article-uncertain-date"] = _first(out, "20*/*/*/*/index.html", "date-note")
    kinds["speaker"] = "speakers/maren-tolvik/"  # the most quoted: many pages
    kinds["speaker-numbered-page"] = "speakers/maren-tolvik/page/1/"
    kinds["day"] = _busiest_day(out)
    kinds["month-numbered-page"] = _first(out, "20*/*/page/1/index.html", "<h1>")
    return kinds


def _search_something(page, out: Path) -> None:
    """A word of the newest item's title typed in, a speaker chosen: results and filters shown."""
    meta = json.loads((out / "search/index/meta.json").read_text(encoding="utf-8"))
    newest = json.loads((out / f"search/index/docs/{(meta['documents'] - 1) // meta['chunk']}.json")
                        .read_text(encoding="utf-8"))[-1]
    page.locator("#search-q").fill(max(newest[1].split(), key=len).strip(",.:;"))
    page.wait_for_selector(".result")
    page.locator("fieldset.facet input[type=checkbox]").first.check()
    page.wait_for_selector(".result")


def _busiest_day(out: Path) -> str:
    days = sorted(out.glob("20*/*/*/index.html"), key=lambda p: -p.read_text(encoding="utf-8").count("<li>"))
    return days[0].parent.relative_to(out).as_posix() + "/"


@pytest.fixture
def browser():
    """One headless Chromium for the test (tests/support/browser.py), or a skip (a failure under CI)."""
    from support import browser as chromium

    if not chromium.chromium_available():
        reason = f"headless Chromium unavailable: need {chromium.chromium_executable()} and playwright"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
        pytest.skip(reason)
    with chromium.launch_chromium() as launched:
        yield launched


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("archive", ["shipped", "fictional"])
def test_every_page_kind_passes_axe_and_is_photographed(archive, width, theme, request, axe, browser):
    from support.static_server import serve_directory

    out = request.getfixturevalue(archive)
    shots = artefacts()
    problems = []
    with serve_directory(out) as base:
        context = new_context(browser, width, dark=theme == "dark")
        page = context.new_page()
        for kind, path in page_kinds(out, archive == "fictional").items():
            response = page.goto(base + path)
            assert response.status == 200, path
            if kind == "search" and (out / "search/index/meta.json").exists():
                _search_something(page, out)
            page.screenshot(path=str(shots / f"{archive}-{kind}-{width}-{theme}.png"), full_page=True)
            problems += [f"/{path} {line}" for line in summary(run_axe(page))]
        context.close()
    assert problems == []


# --- what a reader sees, measured ----------------------------------------------------------

SHIPPED_ARTICLE = "2023/09/21/polyanskiy-the-russian-federation-continues-to-play/"


def _luminance(css_colour: str) -> float:
    red, green, blue = (float(n) for n in css_colour[css_colour.index("(") + 1:].rstrip(")").split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_the_theme_follows_the_readers_system(shipped, browser):
    from support.static_server import serve_directory

    with serve_directory(shipped) as base:
        for dark in (False, True):
            context = new_context(browser, 1280, dark=dark)
            page = context.new_page()
            page.goto(base + SHIPPED_ARTICLE)
            paper = _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
            ink = _luminance(page.evaluate("getComputedStyle(document.querySelector('h1')).color"))
            assert (paper < 0.2 and ink > 0.8) if dark else (paper > 0.9 and ink < 0.2), (dark, paper, ink)
            context.close()


def test_printing_writes_out_the_sources_addresses(fictional, browser):
    from support.static_server import serve_directory

    article = _first(fictional, "20*/*/*/*/index.html", "archived copy")
    with serve_directory(fictional) as base:
        context = new_context(browser, 1280)
        page = context.new_page()
        page.goto(base + article)
        page.emulate_media(media="print")
        printed = page.evaluate("""() => [...document.querySelectorAll('.source a')].map(
            a => [a.href, getComputedStyle(a, '::after').content])""")
        assert [content for _, content in printed] == [f'" <{href}>"' for href, _ in printed]
        assert len(printed) == 2  # the original and the archived copy
        assert page.evaluate("getComputedStyle(document.querySelector('.masthead nav')).display") == "none"
        context.close()


def test_the_phone_header_is_compact_and_home_starts_with_who_said_what(shipped, browser):
    from support.static_server import serve_directory

    with serve_directory(shipped) as base:
        context = new_context(browser, 390)
        page = context.new_page()
        page.goto(base)
        header = page.evaluate("document.querySelector('.masthead').getBoundingClientRect().height")
        latest = page.evaluate("document.getElementById('latest').getBoundingClientRect().top")
        assert header <= 110, header  # the site's name on two lines at most, the sections on one row
        assert latest <= 450, latest  # before: 585 px went on the site's name, twice
        # the site's name is the masthead's; the page's heading repeats it for screen readers only
        assert page.evaluate("document.querySelector('h1').getBoundingClientRect().height") <= 1
        context.close()


def test_pages_read_without_javascript(fictional, browser):
    """A static site: with JavaScript off, an item's provenance still opens and listings still page."""
    from support.static_server import serve_directory

    article = _first(fictional, "20*/*/*/*/index.html", "How this item was recorded")
    with serve_directory(fictional) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + article)
        page.click("summary")
        assert page.is_visible(".provenance li")
        page.goto(base + "speakers/maren-tolvik/")
        page.click("#pages a >> nth=0")
        assert page.url.endswith("/speakers/maren-tolvik/page/1/")
        context.close()


def test_every_page_of_the_invented_archive_is_valid_html5(fictional, vnu):
    """Its page kinds the shipped archive has too few items for: day pages, numbered pages,
    translations beside quotes, linked charts."""
    pages = sorted(fictional.rglob("*.html"))
    assert len(pages) > 500
    assert vnu(pages) == []
