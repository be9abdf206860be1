"""Long listings in pages that keep their items as newer items arrive (pagination.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from linkcheck import broken_links
from sitebuild import site_files
from sitegen.build.engine import build
from sitegen.core.config import load_config
from sitegen.archive.pagination import paginate
from tests.factory import make_archive, md


def ids(count: int) -> tuple[str, ...]:
    """A listing's ids newest first, as the index holds them: "i<n>" with n counted from the oldest."""
    return tuple(f"i{n}" for n in range(count, 0, -1))


def pages_of(count: int, size: int) -> dict[str, tuple[str, ...]]:
    listing = ids(count)
    return {part.url: part.ids(listing) for part in paginate("speakers/x/", count, size)}


@pytest.mark.parametrize("count", [1, 9, 10, 19, 20, 21, 55])
def test_every_item_on_exactly_one_page(count):
    shown = [i for page in pages_of(count, 10).values() for i in page]
    assert sorted(shown) == sorted(ids(count))


def test_landing_page_holds_one_to_two_pages_of_the_newest():
    for count in range(1, 60):
        parts = paginate("speakers/x/", count, 10)
        landing = parts[-1]
        assert landing.landing and landing.url == "speakers/x/" and landing.stop == count
        assert min(count, 10) <= landing.stop - landing.start < 20
        assert all(not p.landing and p.stop - p.start == 10 for p in parts[:-1])


def test_numbered_pages_keep_their_items_when_newer_items_arrive():
    before = pages_of(35, 10)
    for count in range(36, 80):
        after = pages_of(count, 10)
        for url, items in before.items():
            if url != "speakers/x/":
                assert after[url] == items, (count, url)
        before = after


def test_numbered_pages_count_from_the_oldest_and_list_newest_first():
    pages = pages_of(35, 10)
    assert list(pages) == ["speakers/x/page/1/", "speakers/x/page/2/", "speakers/x/"]
    assert pages["speakers/x/page/1/"] == tuple(f"i{n}" for n in range(10, 0, -1))
    assert pages["speakers/x/"][0] == "i35" and pages["speakers/x/"][-1] == "i21"


def test_prev_is_older_next_is_newer():
    parts = paginate("topics/t/", 45, 10)
    assert [(p.url, p.prev_url, p.next_url) for p in parts] == [
        ("topics/t/page/1/", None, "topics/t/page/2/"),
        ("topics/t/page/2/", "topics/t/page/1/", "topics/t/page/3/"),
        ("topics/t/page/3/", "topics/t/page/2/", "topics/t/"),
        ("topics/t/", "topics/t/page/3/", None),
    ]


# --- a built archive -----------------------------------------------------------------


def item(n: int, speaker: str = "pat-lee") -> tuple[str, str]:
    day = f"2024-{(n - 1) // 28 + 1:02d}-{(n - 1) % 28 + 1:02d}"
    return (f"content/articles/2024/{day}-item-{n:03d}.md",
            md(f"title: Item number {n}\ndate: {day}\nspeakers: [{speaker}]\ntopics: [harbour]\n"))


def archive(tmp_path, count: int, name: str = "site"):
    root = make_archive(tmp_path, dict(item(n) for n in range(1, count + 1)), name=name)
    with open(root / "site.yaml", "a", encoding="utf-8") as config:
        config.write("page_items: 3\n")
    return root


def titles(html: bytes) -> list[str]:
    return re.findall(r">(Item number \d+)</a>", html.decode())


def test_built_pages_are_stable_and_linked(tmp_path):
    root = archive(tmp_path, 10)
    out = tmp_path / "out"
    build(load_config(root), out)
    first = site_files(out)
    assert titles(first["speakers/pat-lee/page/1/index.html"]) == [
        "Item number 3", "Item number 2", "Item number 1"]
    assert "speakers/pat-lee/page/3/index.html" not in first  # items 7-10 on the landing page
    assert titles(first["speakers/pat-lee/index.html"])[-4:] == [
        "Item number 10", "Item number 9", "Item number 8", "Item number 7"][-4:]

    for n in (11, 12, 13):  # newer items arrive
        path, text = item(n)
        (root / path).write_text(text, encoding="utf-8")
    build(load_config(root), out)
    after = site_files(out)
    for page in ("page/1/", "page/2/"):
        name = f"speakers/pat-lee/{page}index.html"
        assert titles(after[name]) == titles(first[name]), page
    assert titles(after["speakers/pat-lee/page/3/index.html"]) == [
        "Item number 9", "Item number 8", "Item number 7"]

    page2 = after["speakers/pat-lee/page/2/index.html"].decode()
    assert '<link rel="prev" href="/speakers/pat-lee/page/1/">' in page2
    assert '<link rel="next" href="/speakers/pat-lee/page/3/">' in page2
    # each page says which dates it holds, and so do the links to its neighbours
    assert "Page 2: 4–6 January 2024, items 4–6 counted from the oldest." in page2
    assert ('rel="prev" href="/speakers/pat-lee/page/1/"><span>Older items</span> Page 1: 1–3 January 2024'
            in page2)
    assert 'rel="next" href="/speakers/pat-lee/page/3/"><span>Newer items</span> Page 3: 7–9 January 2024' in page2
    landing = after["speakers/pat-lee/index.html"].decode()
    assert '<link rel="prev" href="/speakers/pat-lee/page/3/">' in landing
    # the landing page lists every page with its dates, oldest first
    pages = re.findall(r'<li>(?:<a href="([^"]+)">|<span aria-current="page">)(\w+)(?:</a>|</span>) '
                       r'<span class="range">([^<]+)</span></li>', landing)
    assert pages == [("/speakers/pat-lee/page/1/", "1", "1–3 January 2024"),
                     ("/speakers/pat-lee/page/2/", "2", "4–6 January 2024"),
                     ("/speakers/pat-lee/page/3/", "3", "7–9 January 2024"),
                     ("", "Newest", "10–13 January 2024")]
    assert "The newest 4 of 13 items (10–13 January 2024); older ones are on" in landing
    assert 'rel="next"' not in landing.split("<main")[0]
    assert broken_links(out, "https://example.test/") == []
    locs = set()
    for name, data in after.items():
        if name.startswith("sitemaps/"):
            part = ET.fromstring(data)
            locs |= {el.text for el in part.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://example.test/speakers/pat-lee/page/3/" in locs
    assert "https://example.test/topics/harbour/page/1/" in locs


def test_a_listing_over_several_years_offers_a_jump_to_each(tmp_path):
    files = {f"content/articles/{y}/{y}-0{m}-01-item-{y}-{m}.md":
             md(f"title: Item {y} {m}\ndate: {y}-0{m}-01\nspeakers: [pat-lee]\n") for y in (2021, 2023)
             for m in range(1, 5)}
    root = make_archive(tmp_path, files)
    with open(root / "site.yaml", "a", encoding="utf-8") as config:
        config.write("page_items: 2\n")
    out = tmp_path / "out"
    build(load_config(root), out)
    landing = (out / "speakers/pat-lee/index.html").read_text(encoding="utf-8")
    jumps = landing.split('<nav class="jumps" aria-label="Years">')[1].split("</nav>")[0]
    # 2023's oldest item is the fifth: on page 3 (2021 has no item of 2022, so no jump to it)
    assert re.findall(r'<a href="([^"]+)">(\d+)</a>', jumps) == [
        ("/speakers/pat-lee/page/1/", "2021"), ("/speakers/pat-lee/page/3/", "2023")]


def test_a_numbered_page_is_not_rewritten_when_newer_items_arrive(tmp_path):
    root = archive(tmp_path, 12)
    out = tmp_path / "out"
    build(load_config(root), out)
    page1 = out / "speakers/pat-lee/page/1/index.html"
    mtime = page1.stat().st_mtime_ns
    path, text = item(13)
    (root / path).write_text(text, encoding="utf-8")
    report = build(load_config(root), out)
    assert not report.full
    assert page1.stat().st_mtime_ns == mtime, "page 1 still holds items 1-3: nothing to rewrite"


def test_long_year_lists_months_not_items(tmp_path):
    root = archive(tmp_path, 10)
    out = tmp_path / "out"
    build(load_config(root), out)
    year = (out / "2024/index.html").read_text(encoding="utf-8")
    assert "Item number" not in year and "Each month's page lists its items." in year
    assert 'href="/2024/01/"' in year


def test_paged_listings_are_valid_html(tmp_path, vnu):
    root = archive(tmp_path, 10)
    out = tmp_path / "out"
    build(load_config(root), out)
    pages = sorted(p for p in out.rglob("*.html") if "/page/" in p.as_posix() or p.parent.name == "pat-lee")
    assert len(pages) >= 4
    assert vnu(pages) == []
