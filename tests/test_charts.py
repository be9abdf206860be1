"""Items-per-month charts: numbers in charts.py, SVG drawn by templates/_charts.html."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sitegen.build.engine import build
from sitegen.render.charts import month_chart, months_between, sparkline, timeline_chart, year_chart
from sitegen.core.config import load_config
from tests.factory import make_archive, make_article, md

SVG = "{http://www.w3.org/2000/svg}"


def test_months_between_crosses_years():
    assert months_between((2023, 11), (2024, 2)) == [(2023, 11), (2023, 12), (2024, 1), (2024, 2)]
    assert months_between((2024, 5), (2024, 5)) == [(2024, 5)]


def test_bars_scale_to_the_busiest_month_and_keep_empty_months():
    chart = month_chart({(2024, 1): 4, (2024, 3): 1}, months_between((2024, 1), (2024, 3)), step=10, height=100)
    assert [(b.month, b.count, b.height, b.y) for b in chart.bars] == [
        (1, 4, 100.0, 0.0), (2, 0, 0.0, 100.0), (3, 1, 25.0, 75.0)]
    assert [b.x for b in chart.bars] == [1.0, 11.0, 21.0]
    assert chart.width == 30 and chart.total == 5
    assert (chart.peak.year, chart.peak.month) == (2024, 1)
    assert chart.years == ((2024, 1.0),)


def test_a_single_item_among_many_stays_visible():
    chart = month_chart({(2024, 1): 1000, (2024, 2): 1}, [(2024, 1), (2024, 2)])
    assert chart.bars[1].height >= 1


def test_the_earliest_of_equal_months_is_the_peak():
    chart = month_chart({(2024, 1): 2, (2024, 2): 2}, [(2024, 1), (2024, 2)])
    assert chart.peak.month == 1


def test_year_timeline_and_sparkline_ranges():
    articles = [make_article("2023-11-05-a", "2023-11-05"), make_article("2024-02-01-b", "2024-02-01"),
                make_article("2024-02-09-c", "2024-02-09T23:30:00-05:00")]
    year = year_chart([a for a in articles if a.day.year == 2024], 2024)
    assert [b.count for b in year.bars] == [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    timeline = timeline_chart(articles)
    assert [(b.year, b.month, b.count) for b in timeline.bars] == [
        (2023, 11, 1), (2023, 12, 0), (2024, 1, 0), (2024, 2, 2)]
    assert timeline.years == ((2023, timeline.bars[0].x), (2024, timeline.bars[2].x))
    spark = sparkline(articles)
    assert len(spark.bars) == 4 and spark.height < timeline.height
    assert sparkline([]).bars == () and sparkline([]).peak is None


def charts_in(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.S)]


def test_rendered_charts_say_what_they_show_and_bars_link_to_their_month(tmp_path):
    """A sparkline is one labelled image; a bar chart is a picture of its caption (hidden from
    screen readers, its links out of the keyboard's way: the page links every month in text),
    and each bar with items links to its month."""
    files = {f"content/articles/2024/2024-0{m}-0{m}-item-{m}.md":
             md(f"title: Item {m}\ndate: 2024-0{m}-0{m}\nspeakers: [jane-smyth]\ntopics: [budget]\n")
             for m in (1, 3, 4)}
    root = make_archive(tmp_path, files)
    out = tmp_path / "out"
    build(load_config(root), out)
    for page, count in (("timeline/", 1), ("2024/", 1), ("speakers/jane-smyth/", 1), ("topics/budget/", 1)):
        html = (out / page / "index.html").read_text(encoding="utf-8")
        svgs = charts_in(html)
        assert len(svgs) == count, page
        for svg in svgs:
            if svg.get("aria-hidden") == "true":  # a bar chart
                caption = re.search(r'<figure class="chart" aria-labelledby="([^"]+)">', html).group(1)
                assert f'<figcaption id="{caption}">' in html
                links = list(svg.iter(f"{SVG}a"))
                assert links and all(a.get("tabindex") == "-1" for a in links)
                assert all(a.get("href").startswith("/") for a in links)
                continue
            assert svg.get("role") == "img"
            ids = {el.get("id") for el in svg.iter() if el.get("id")}
            title = svg.find(f"{SVG}title")
            assert title is not None and title.get("id") in svg.get("aria-labelledby").split()
            for ref in svg.get("aria-labelledby").split():
                assert ref in ids, (page, ref)
            assert f'id="{svg.get("aria-describedby")}"' in html  # its visible caption
    year_svg = charts_in((out / "2024/index.html").read_text(encoding="utf-8"))[0]
    assert [a.get("href") for a in year_svg.iter(f"{SVG}a")] == ["/2024/01/", "/2024/03/", "/2024/04/"]
    year = (out / "2024/index.html").read_text(encoding="utf-8")
    assert "From January 2024 to December 2024: 3 items. The busiest month was January 2024, with 1." in year
    assert year.count('<rect x') + year.count('<rect class="hit"') == 6  # a bar and the area linking it, each month
    speaker = (out / "speakers/jane-smyth/index.html").read_text(encoding="utf-8")
    # the sparkline spans the speaker's own months: September 2023 (the base archive) to April 2024
    assert "From September 2023 to April 2024: 4 items." in speaker
