"""Items in several languages: translation groups, hreflang, lang and direction."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sitegen.build.engine import build
from sitegen.core.config import load_config
from sitegen.archive.translations import translation_groups
from tests.factory import make_archive, make_article, md

ORIGINAL = "2023-09-21-smyth-on-budget"  # the base archive's one article (English)
RU = "content/articles/2023/2023-09-22-smyth-on-budget-ru.md"
AR = "content/articles/2023/2023-09-23-smyth-on-budget-ar.md"


def test_groups_hold_the_original_and_its_translations_by_language():
    original = make_article("2023-01-01-a", language="en")
    ru = make_article("2023-01-02-a-ru", language="ru", translation_of=original.id)
    ar = make_article("2023-01-03-a-ar", language="ar", translation_of=original.id)
    alone = make_article("2023-01-04-b", language="en")
    groups = translation_groups([original, ru, ar, alone])
    assert groups[original.id] == groups[ru.id] == groups[ar.id] == (ar.id, original.id, ru.id)
    assert alone.id not in groups


def test_translations_of_an_unpublished_original_still_link_each_other():
    ru = make_article("2023-01-02-a-ru", language="ru", translation_of="2023-01-01-draft")
    hy = make_article("2023-01-03-a-hy", language="hy", translation_of="2023-01-01-draft")
    lonely = make_article("2023-01-04-b-ru", language="ru", translation_of="2023-01-01-other-draft")
    groups = translation_groups([ru, hy, lonely])
    assert groups[ru.id] == (hy.id, ru.id) and lonely.id not in groups


def built(tmp_path):
    files = {
        RU: md(f'title: "Смит о бюджете"\ndate: 2023-09-22\nspeakers: [jane-smyth]\nlanguage: ru\n'
               f"translation_of: {ORIGINAL}\n", "«Бюджет сбалансирован», — сказала Джейн Смит.\n"),
        AR: md(f'title: "سميث عن الميزانية"\ndate: 2023-09-23\nlanguage: ar\ntranslation_of: {ORIGINAL}\n',
               "قالت جين سميث إن الميزانية متوازنة.\n"),
    }
    root = make_archive(tmp_path, files)
    original = root / "content/articles/2023/2023-09-21-smyth-on-budget.md"
    original.write_text(original.read_text(encoding="utf-8").replace(
        "source:", "translations: [ru, ar, hy]\nsource:"), encoding="utf-8")
    out = tmp_path / "out"
    build(load_config(root), out, strict=True)
    return out


def page(out, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def test_each_page_of_a_group_links_all_with_hreflang(tmp_path):
    out = built(tmp_path)
    urls = {"en": "https://example.test/2023/09/21/smyth-on-budget/",
            "ru": "https://example.test/2023/09/22/smyth-on-budget-ru/",
            "ar": "https://example.test/2023/09/23/smyth-on-budget-ar/"}
    for url in urls.values():
        html = page(out, url.removeprefix("https://example.test/"))
        head = html.split("</head>")[0]
        links = dict(re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">', head))
        assert links == urls, url
    english = page(out, "2023/09/21/smyth-on-budget/")
    assert 'href="/2023/09/22/smyth-on-budget-ru/" hreflang="ru" lang="ru" dir="ltr"' in english
    assert 'href="/2023/09/23/smyth-on-budget-ar/" hreflang="ar" lang="ar" dir="rtl"' in english
    # Armenian has no article here: named as a language only, and Russian is not named twice
    also = english.split("<dt>Also published in</dt>")[1].split("</dd>")[0]
    assert 'lang="hy"' in also and 'lang="ru"' not in also


def test_sitemap_lists_the_alternates(tmp_path):
    out = built(tmp_path)
    root = ET.parse(out / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for entry in root.findall("s:url", ns):
        loc = entry.find("s:loc", ns).text
        alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
        if "smyth-on-budget" in loc:
            assert set(alternates) == {"en", "ru", "ar"} and loc in alternates.values(), loc
            assert all(link.get("rel") == "alternate" for link in entry.findall("x:link", ns))
        else:
            assert alternates == {}, loc


def test_items_render_in_their_language_and_direction(tmp_path):
    out = built(tmp_path)
    arabic = page(out, "2023/09/23/smyth-on-budget-ar/")
    assert '<html lang="en" dir="ltr">' in arabic  # the site's frame and labels stay English
    assert '<h1 lang="ar" dir="rtl">سميث عن الميزانية</h1>' in arabic
    assert '<div class="body" lang="ar" dir="rtl">' in arabic
    listing = page(out, "2023/09/")
    assert 'hreflang="ar" lang="ar" dir="rtl">سميث عن الميزانية</a>' in listing
    russian = page(out, "2023/09/22/smyth-on-budget-ru/")
    assert '<div class="body" lang="ru" dir="ltr">' in russian


def test_pages_of_a_translated_group_are_valid_html(tmp_path, vnu):
    out = built(tmp_path)
    assert vnu(sorted(out.rglob("*.html"))) == []
