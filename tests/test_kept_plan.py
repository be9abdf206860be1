"""kept_plan: the plan of pages as rows of plain values, each made a Page when asked for."""

import pickle

from sitegen.archive.pagination import Part
from sitegen.build.kept_plan import Plan, page_of, row_of, rows_of
from sitegen.core.records import Page

PAGES = [
    Page("home", "", "index.html", "home.html"),
    Page("article", "2024/03/01/budget/", "2024/03/01/budget/index.html", "article.html",
         key="2024-03-01-budget", origin="content/articles/2024/2024-03-01-budget.md"),
    Page("speaker", "speakers/anna/page/2/", "speakers/anna/page/2/index.html", "speaker.html", key="anna",
         part=Part(2, 20, 40, False, "speakers/anna/", "speakers/anna/page/1/", "speakers/anna/")),
    Page("sitemap_part", "sitemaps/a.xml", "sitemaps/a.xml", "sitemap.xml", key=("articles", 2024, ("x", "y"))),
    Page("data_year", "data/articles/2024.json", "data/articles/2024.json", "articles_year.json", key=2024),
]


def test_a_row_makes_the_page_it_was_made_from():
    for page in PAGES:
        again = page_of(pickle.loads(pickle.dumps(row_of(page))))
        assert again == page and type(again) is Page
        assert again.part == page.part and (page.part is None or type(again.part) is Part)
        if page.part is not None:
            assert again.part.url == page.part.url  # a property of the part, worked out from its fields


def test_rows_are_plain_values():
    def plain(value):
        return value is None or isinstance(value, (str, int, bool)) or \
            (isinstance(value, tuple) and all(plain(v) for v in value))
    assert all(plain(row) for row in rows_of(PAGES).values())


def test_a_kept_plan_makes_only_the_pages_asked_for():
    plan = Plan(rows_of(PAGES))
    assert len(plan) == len(PAGES)
    assert [(k, key, o) for k, key, o in plan.subjects()] == [(p.kind, p.key, p.output) for p in PAGES]
    assert plan._made == {}, "listing subjects makes no page"
    assert plan.page("speakers/anna/page/2/index.html") == PAGES[2]
    assert list(plan._made) == ["speakers/anna/page/2/index.html"]
    assert plan.page("speakers/anna/page/2/index.html") is plan.page("speakers/anna/page/2/index.html")
    assert list(plan) == PAGES and plan[1] == PAGES[1] and plan[1:3] == PAGES[1:3]


def test_a_plan_just_made_holds_its_own_pages():
    plan = Plan.of(PAGES)
    assert all(plan.page(p.output) is p for p in PAGES)
    assert plan.rows == rows_of(PAGES)
