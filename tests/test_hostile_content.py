"""Script planted in content is shown as text and never runs.

The hostile archive (tests/sites/hostile/) puts <script>, event-handler
attributes and javascript:/vbscript:/data: links into every field a page
prints: site.yaml, registries, front-matter and the Markdown body.
"""

from pathlib import Path

import pytest

from sitebuild import build_archive, make_archive

HOSTILE = Path(__file__).parent / "sites" / "hostile"
ARTICLE = "2024/01/02/script-everywhere/index.html"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = make_archive(HOSTILE, tmp_path_factory.mktemp("hostile") / "archive")
    return build_archive(root)


def test_no_planted_markup_survives_as_markup(hostile_site):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html, page
        assert "javascript:" not in html.replace("javascript:window.__pwned", ""), page
        for needle in ('href="javascript:', "href='javascript:", 'href="vbscript:', 'href="data:',
                       "<img src=\"x\" onerror", "<svg onload", "<iframe"):
            assert needle not in html.lower(), (page, needle)


def test_planted_text_is_still_shown_to_the_reader(hostile_site):
    html = (hostile_site / ARTICLE).read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = &#39;body&#39;&lt;/script&gt;" in html
    assert "Spokesperson&lt;/title&gt;" in html


def test_extra_keys_are_not_rendered(hostile_site):
    html = (hostile_site / ARTICLE).read_text(encoding="utf-8")
    assert "extra" not in html


@pytest.mark.parametrize("path", [ARTICLE, "index.html", "speakers/mallory/index.html",
                                  "topics/tricks/index.html"])
def test_nothing_executes_in_a_browser(hostile_site, chromium, path):
    from support.static_server import serve_directory

    with serve_directory(hostile_site) as base, chromium() as (page, errors):
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base + path.removesuffix("index.html"))
        for link in page.locator("main a").all():
            href = link.get_attribute("href") or ""
            if not href.startswith(("http", "/")):
                link.click()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
