"""The shipped archive, built as a reader gets it, checked page by page."""

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from linkcheck import broken_links
from sitebuild import REPO
from sitegen.build.engine import build
from sitegen.core.config import load_config

ARTICLE = "2023/09/21/polyanskiy-the-russian-federation-continues-to-play/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("shipped") / "build"
    config = load_config(REPO)
    report = build(config, out, strict=True)
    assert report.articles >= 1
    return out, config.base_url


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("shipped-subpath") / "build"
    base_url = "https://user.example.io/archive/"
    build(load_config(REPO).with_base_url(base_url), out, strict=True)
    return out, base_url


def test_every_page_of_the_design_is_built(site):
    out, _ = site
    for path in ("index.html", ARTICLE + "index.html", "timeline/index.html", "2023/index.html",
                 "2023/09/index.html", "speakers/index.html", "speakers/dmitry-polyanskiy/index.html",
                 "topics/index.html", "topics/peacekeeping/index.html", "places/yevlakh/index.html",
                 "people/vladimir-putin/index.html", "feed.xml", "speakers/dmitry-polyanskiy/feed.xml",
                 "topics/peacekeeping/feed.xml", "sitemap.xml", "robots.txt", "404.html",
                 "data/articles.json"):
        assert (out / path).is_file(), path


def test_every_html_page_is_valid_html5(site, vnu):
    out, _ = site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    assert vnu(pages) == []


@pytest.mark.parametrize("which", ["site", "subpath_site"])
def test_every_internal_link_resolves(which, request):
    out, base_url = request.getfixturevalue(which)
    assert broken_links(out, base_url) == []


def test_feeds_parse_cleanly(site):
    out, base_url = site
    feeds = sorted(out.rglob("feed.xml"))
    assert len(feeds) >= 3
    for feed_path in feeds:
        feed = feedparser.parse(feed_path.read_bytes())
        assert not feed.bozo, (feed_path, feed.get("bozo_exception"))
        assert feed.entries, feed_path
        for entry in feed.entries:
            assert entry.link.startswith(base_url)
            assert entry.summary.startswith("The Russian Federation continues")
            if feed_path == out / "feed.xml":  # the site feed carries whole items
                assert entry.content[0].value.startswith("<p>")
            else:  # speaker and topic feeds, summaries only
                assert "content" not in entry


def test_machine_readable_outputs(site):
    out, base_url = site
    index = json.loads((out / "data/articles.json").read_text(encoding="utf-8"))
    assert [part["year"] for part in index["parts"]] == [2023] and index["parts"][0]["items"] == 1
    data = json.loads((out / "data/articles/2023.json").read_text(encoding="utf-8"))
    item = data["items"][0]
    assert item["url"] == base_url + ARTICLE
    assert item["speakers"][0]["id"] == "dmitry-polyanskiy"
    assert item["translations"] == ["hy", "ru"]
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    assert sitemap.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locs = []
    for part in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        tree = ET.parse(out / part.text[len(base_url):]).getroot()
        locs += [el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert base_url + ARTICLE in locs
    assert base_url + "speakers/dmitry-polyanskiy/" in locs
    assert all(not loc.endswith("404.html") for loc in locs)
    assert f"Sitemap: {base_url}sitemap.xml" in (out / "robots.txt").read_text()


def test_article_page_carries_structured_data(site):
    out, base_url = site
    html = (out / ARTICLE / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2023-09-21"
    assert data["hasPart"][0]["@type"] == "Quotation"
    assert data["hasPart"][0]["creator"]["name"] == "Dmitry Polyanskiy"
    assert data["hasPart"][0]["text"].startswith("On September 19, there was a sharp escalation")
    assert f'<link rel="canonical" href="{base_url}{ARTICLE}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<html lang="en" dir="ltr">' in html


@pytest.mark.parametrize("path", ["", ARTICLE, "speakers/dmitry-polyanskiy/", "topics/peacekeeping/"])
def test_pages_load_in_a_browser_without_errors(site, chromium, path):
    from support.static_server import serve_directory

    out, _ = site
    with serve_directory(out) as base, chromium() as (page, errors):
        response = page.goto(base + path)
        assert response.status == 200
        assert page.locator("main h1").count() == 1
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert errors == []
