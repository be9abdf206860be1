"""routes: every page planned once, with its URL, output file and template."""

import pytest

from sitegen.core.diagnostics import SitegenError
from sitegen.archive.index import build_index
from sitegen.archive.load import Archive
from sitegen.archive.routes import plan_pages
from tests.factory import make_article, registries


def plan(*articles):
    return plan_pages(build_index(Archive(None, registries(), articles, ())))


def by_url(pages):
    return {p.url: p for p in pages}


def test_fixed_pages_of_an_empty_archive():
    assert sorted(p.output for p in plan()) == sorted([
        "index.html", "timeline/index.html", "speakers/index.html", "topics/index.html",
        "places/index.html", "people/index.html", "search/index.html", "feed.xml", "robots.txt", "404.html",
        "data/articles.json", "sitemap.xml", "sitemaps/pages.xml"])


def test_article_and_its_listings():
    pages = by_url(plan(make_article("2023-09-21-smyth", "2023-09-21T10:00:00+04:00", speakers=["jane"],
                                     topics=("budget",), places=("riverton",), people=("bob",))))
    article = pages["2023/09/21/smyth/"]
    assert (article.kind, article.output, article.template, article.key) == (
        "article", "2023/09/21/smyth/index.html", "article.html", "2023-09-21-smyth")
    assert pages["2023/09/"].key == (2023, 9) and pages["2023/"].key == 2023
    assert pages["speakers/jane/"].template == "speaker.html"
    assert pages["speakers/jane/feed.xml"].key == ("speaker", "jane")
    assert pages["topics/budget/feed.xml"].key == ("topic", "budget")
    assert pages["places/riverton/"].template == "place.html"
    assert pages["people/bob/"].template == "person.html"


def test_the_sitemap_is_an_index_of_parts_a_year_of_articles_each():
    pages = by_url(plan(make_article("2023-09-21-smyth", speakers=["jane"]),
                        make_article("2024-01-02-lee", "2024-01-02", speakers=["jane"])))
    assert pages["sitemap.xml"].key == ("sitemaps/pages.xml", "sitemaps/articles-2023.xml",
                                        "sitemaps/articles-2024.xml")
    *_, listings = pages["sitemaps/pages.xml"].key
    assert "speakers/jane/" in listings and "2023/09/" in listings and "timeline/" in listings and "" in listings
    assert "2023/09/21/smyth/" not in listings
    assert pages["sitemaps/articles-2023.xml"].key == ("articles", 2023, 1, ("2023-09-21-smyth",))


def test_a_sitemap_part_never_passes_the_protocols_limit(monkeypatch):
    monkeypatch.setattr("sitegen.archive.routes.SITEMAP_URLS", 2)
    pages = by_url(plan(*(make_article(f"2023-09-2{n}-x{n}", f"2023-09-2{n}") for n in range(1, 6))))
    parts = [url for url in pages["sitemap.xml"].key if "articles-2023" in url]
    assert parts == ["sitemaps/articles-2023-1.xml", "sitemaps/articles-2023-2.xml", "sitemaps/articles-2023-3.xml"]
    assert all(len(pages[url].key[-1]) <= 2 for url in pages["sitemap.xml"].key)


def test_the_json_export_is_a_file_per_year():
    pages = by_url(plan(make_article("2023-09-21-smyth"), make_article("2024-01-02-lee", "2024-01-02")))
    assert pages["data/articles/2023.json"].key == 2023 and pages["data/articles/2024.json"].kind == "data_year"


def test_every_output_is_unique():
    pages = plan(*(make_article(f"2023-09-2{n}-x{n}", f"2023-09-2{n}", speakers=["a", "b"],
                                topics=("t",)) for n in range(1, 5)))
    outputs = [p.output for p in pages]
    assert len(outputs) == len(set(outputs))


def test_two_pages_for_one_file_name_both():
    one = make_article("2023-09-21-x", "2023-09-21")
    two = make_article("x", "2023-09-21", path="content/articles/x.md")  # the same URL
    with pytest.raises(SitegenError) as caught:
        plan(one, two)
    message = str(caught.value)
    assert "2023/09/21/x/index.html would be written twice" in message
    assert "content/articles/2023-09-21-x.md" in message and "content/articles/x.md" in message
