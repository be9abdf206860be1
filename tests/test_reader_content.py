"""What readers of a quote archive get from the pages, read from the built HTML.

Traceable quotes (the original, an archived copy, the medium), the archive's
translation beside a quote in another language, roles in the site's language,
uncertain dates said so, the ways through the calendar and long listings, and
a small archive that shows only what it has data for.
"""

from __future__ import annotations

import json
import re

import pytest

from sitegen.build.engine import build
from sitegen.core.config import load_config
from tests.factory import make_archive, md

A = "content/articles/"


def site(tmp_path, files: dict[str, str], config: str = "") -> dict[str, str]:
    root = make_archive(tmp_path, files)
    if config:
        with open(root / "site.yaml", "a", encoding="utf-8") as site_yaml:
            site_yaml.write(config)
    out = tmp_path / "out"
    build(load_config(root), out, search=False)
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in out.rglob("*.html")}


def jsonld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start:html.index("</script>", start)])


RUSSIAN = md('title: "Смит о бюджете"\ndate: 2023-10-02\nspeakers:\n  - id: jane-smyth\n    role: министр\n'
             'medium: press-conference\nlanguage: ru\nquote_translations:\n  - "The budget will balance."\n'
             '  - ""\ntranslations:\n  - language: hy\n    url: https://daily.example/hy/2023/10/02\n  - de\n'
             'source:\n  outlet: daily-example\n  url: https://daily.example/ru/2023/10/02\n'
             '  archived: https://web.archive.org/web/20231002/https://daily.example/ru/2023/10/02\n',
             "Смит выступила перед журналистами.\n\n> «Бюджет сойдётся».\n\nОна добавила:\n\n> «Да».\n")


@pytest.fixture
def pages(tmp_path):
    return site(tmp_path, {A + "2023/2023-10-02-smyth-ru.md": RUSSIAN})


def test_an_item_names_its_original_its_archived_copy_and_its_medium(pages):
    html = pages["2023/10/02/smyth-ru/index.html"]
    assert '<a href="https://daily.example/ru/2023/10/02" rel="external nofollow">original</a>' in html
    assert ('<a href="https://web.archive.org/web/20231002/https://daily.example/ru/2023/10/02" '
            'rel="external nofollow">archived copy</a>') in html
    assert "<dt>Medium</dt>\n      <dd>Press conference</dd>" in html
    assert jsonld(html)["isBasedOn"] == {"@type": "CreativeWork", "url": "https://daily.example/ru/2023/10/02",
                                         "archivedAt": "https://web.archive.org/web/20231002/"
                                                       "https://daily.example/ru/2023/10/02"}


def test_the_archives_translation_stands_beside_the_quote_it_renders(pages):
    html = pages["2023/10/02/smyth-ru/index.html"]
    body = html[html.index('<div class="body"'):html.index('<footer class="facts">')]
    # after the first quote, in the site's language and labelled; none after the second (left blank)
    assert re.search(r"<blockquote>\s*<p>«Бюджет сойдётся».</p>\s*</blockquote>\s*"
                     r'<p class="translation" lang="en" dir="ltr"><span class="label">Archive\'s translation:'
                     r"</span> The budget will balance.</p>\s*<p>Она добавила:</p>", body)
    assert body.count('class="translation"') == 1
    quotes = jsonld(html)["hasPart"]
    assert quotes[0]["workTranslation"] == {"@type": "Quotation", "inLanguage": "en",
                                            "text": "The budget will balance."}
    assert "workTranslation" not in quotes[1]


def test_a_role_stated_in_another_language_is_shown_in_the_sites(pages):
    html = pages["2023/10/02/smyth-ru/index.html"]
    assert ('Jane Smyth</a>, <span class="role">Minister of Examples</span> <span class="stated">'
            '(in the source: <span lang="ru" dir="ltr">министр</span>)</span>') in html


def test_other_editions_link_where_the_file_gives_their_address(pages):
    html = pages["2023/10/02/smyth-ru/index.html"]
    assert ('<a href="https://daily.example/hy/2023/10/02" rel="external nofollow" hreflang="hy">'
            '<span lang="hy" dir="ltr">Հայերեն</span> (Armenian)</a>') in html
    assert '<li><span lang="de" dir="ltr">Deutsch</span> (German)</li>' in html


def test_home_and_speaker_pages_show_who_said_what_with_the_translation(pages):
    for page in ("index.html", "speakers/jane-smyth/index.html"):
        html = pages[page]
        # the words quoted, without the marks and attribution the body keeps around them
        assert '<blockquote class="excerpt" lang="ru" dir="ltr"><p>Бюджет сойдётся</p></blockquote>' in html
        assert "Archive's translation:</span> The budget will balance.</p>" in html, page
    speaker = pages["speakers/jane-smyth/index.html"]
    assert speaker.count('href="/2023/10/02/smyth-ru/"') == 1  # each item once


def test_an_uncertain_date_says_so_at_the_top_and_in_listings(tmp_path):
    pages = site(tmp_path, {A + "2023/2023-10-03-guess.md": md(
        "title: Guess\ndate: 2023-10-03\ndate_confidence: low\nspeakers: [jane-smyth]")})
    article = pages["2023/10/03/guess/index.html"]
    start = article.index("<header>")
    header = article[start:article.index("</header>", start)]
    assert "<strong>Date uncertain.</strong> The source does not give the date;" in header
    assert '<span class="uncertain">(date uncertain)</span>' in pages["2023/10/index.html"]
    assert '<span class="uncertain">(date uncertain)</span>' in pages["index.html"]


def test_day_month_and_year_pages_link_the_nearest_with_items(tmp_path):
    pages = site(tmp_path, {
        A + "2023/2023-09-21-second.md": md("title: Second on the day\ndate: 2023-09-21"),
        A + "2023/2023-11-05-later.md": md("title: Later\ndate: 2023-11-05"),
        A + "2025/2025-01-07-much-later.md": md("title: Much later\ndate: 2025-01-07"),
    })
    day = pages["2023/09/21/index.html"]
    assert "<h1>21 September 2023</h1>" in day and day.count('<a href="/2023/09/21/') == 2
    assert '<a class="later" href="/2023/11/05/"><span>Later</span> 5 November 2023</a>' in day
    month = pages["2023/11/index.html"]
    assert '<a href="/2023/09/"><span>Earlier</span> September 2023</a>' in month  # October has none
    assert '<a class="later" href="/2025/01/"><span>Later</span> January 2025</a>' in month
    assert '<a class="later" href="/2025/"><span>Later</span> 2025</a>' in pages["2023/index.html"]
    assert '<a href="/2023/09/21/">21 September</a>' in pages["2023/09/21/smyth-on-budget/index.html"]


def test_home_links_to_the_page_holding_the_next_older_item(tmp_path):
    files = {A + f"2024/2024-01-{d:02d}-item-{d}.md": md(f"title: Item {d}\ndate: 2024-01-{d:02d}")
             for d in range(1, 8)}
    pages = site(tmp_path, files, "home_items: 3\npage_items: 2\n")
    # the fourth newest is 4 January: the second page of January, counted from the oldest
    assert '<p class="more"><a href="/2024/01/page/2/">Older items</a>, month by month' in pages["index.html"]
    assert "Item 4" in pages["2024/01/page/2/index.html"]


def test_a_small_archive_shows_only_what_it_has_data_for(tmp_path):
    pages = site(tmp_path, {})  # the base archive: one item
    home, timeline = pages["index.html"], pages["timeline/index.html"]
    assert 'class="ranked"' not in home  # no ranked list of one
    assert "<svg" not in timeline and "<svg" not in pages["2023/index.html"]  # no one-bar chart
    assert timeline.count('<span class="month">') == 1  # September alone, not eleven empty months
    assert "<svg" not in pages["speakers/jane-smyth/index.html"]  # no one-bar sparkline
    assert 'class="pages"' not in pages["speakers/jane-smyth/index.html"]  # no list of one page
