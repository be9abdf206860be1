"""Search: an index made with the site, of any size, searched in the browser from plain files."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from linkcheck import broken_links
from sitegen.build.engine import build
from sitegen.cli.main import main
from sitegen.core.config import load_config
from sitegen.search.postings import decoded
from sitegen.search.terms import fold, terms
from tests.factory import make_archive, md

ITEMS = {
    "content/articles/2023/2023-10-02-smyth-on-the-harbour.md": md(
        "title: Smyth on the harbour lighthouse\ndate: 2023-10-02\nspeakers: [jane-smyth]\ntopics: [budget]\n",
        "Jane Smyth said the old lighthouse will be repaired this winter.\n"),
    "content/articles/2024/2024-02-11-lee-on-the-lighthouse.md": md(
        "title: Lee wants a museum in the lighthouse\ndate: 2024-02-11\nspeakers: [pat-lee]\n"
        "topics: [harbour]\n",
        "Pat Lee asked for a small museum inside the lighthouse.\n"),
    "content/articles/2024/2024-03-05-lee-on-ferries.md": md(
        "title: Lee on the ferry timetable\ndate: 2024-03-05\nspeakers: [pat-lee]\ntopics: [harbour]\n",
        "Pat Lee said the ferries will run every hour.\n"),
    "content/people.yaml": "jane-smyth:\n  name: Jane Smyth\n  aliases: [Джейн Смит]\npat-lee:\n  name: Pat Lee\n",
    "content/topics.yaml": "budget:\n  name: Budget\nharbour:\n  name: Harbour\n  aliases: [Port]\n",
}
INDEX = "search/index"


def archive(tmp_path, name="site"):
    return make_archive(tmp_path, ITEMS, name=name)


def load(out, name):
    return json.loads((out / INDEX / name).read_text(encoding="utf-8"))


def documents_of(out, term) -> list[int]:
    """What the index says holds ``term``, as the browser would read it."""
    entries = load(out, f"terms/{term[:2].encode('utf-8').hex()}.json")
    if term not in entries:
        return []
    file = entries[term][1]
    written = load(out, f"postings/{file}.json")
    return decoded(written if file.startswith("w") else written[term])


def titles(out, numbers) -> list[str]:
    """The titles of documents ``numbers``, newest first, as a reader sees them by default."""
    meta = load(out, "meta.json")
    return [load(out, f"docs/{n // meta['chunk']}.json")[n % meta["chunk"]][1] for n in reversed(numbers)]


def test_terms_are_folded_as_the_browser_folds_them():
    assert terms("Erdoğan met ПУТИН in Yerevan, 2023. A") == {"erdogan", "met", "путин", "in", "yerevan", "2023"}
    assert fold("Ärger ß Ё") == "arger ß е"


def test_the_index_finds_words_names_aliases_and_topics(tmp_path):
    root = archive(tmp_path)
    out = tmp_path / "out"
    report = build(load_config(root), out)
    assert report.notices == ()
    meta = load(out, "meta.json")
    assert meta["documents"] == 4  # the base archive's item and these three
    assert titles(out, documents_of(out, "lighthouse")) == ["Lee wants a museum in the lighthouse",
                                                            "Smyth on the harbour lighthouse"]  # newest first
    assert titles(out, documents_of(out, "смит")) == ["Smyth on the harbour lighthouse",
                                                      "Smyth on the budget"]  # an alias, in Cyrillic
    assert titles(out, documents_of(out, "port")) == ["Lee on the ferry timetable",
                                                      "Lee wants a museum in the lighthouse"]  # a topic's alias
    facets = load(out, "facets.json")
    assert facets["speaker"] == {"values": 2, "rows": [["jane-smyth", "Jane Smyth", 2], ["pat-lee", "Pat Lee", 2]]}
    assert load(out, "facets/topic.json") == [["budget", "Budget", 2], ["harbour", "Harbour", 2]]
    assert titles(out, decoded(load(out, "facet/topic/budget.json"))) == ["Smyth on the harbour lighthouse",
                                                                          "Smyth on the budget"]
    assert [y[0] for y in meta["years"]] == [2024, 2023]
    search = (out / "search/index.html").read_text(encoding="utf-8")
    assert 'data-index="/search/index/"' in search and '<script src="/assets/search.' in search
    assert "<noscript>" in search and 'href="/timeline/"' in search  # usable without JavaScript
    assert report.files == sum(1 for p in out.rglob("*") if p.is_file())
    assert broken_links(out, "https://example.test/") == []


def test_no_search_option_builds_no_index_and_says_nothing(tmp_path, monkeypatch, capsys):
    root = archive(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build", "--quiet", "--no-search"]) == 0
    assert capsys.readouterr().err == ""
    assert not (root / "build" / INDEX).exists()
    assert "Search is not available on this copy of the archive" in (root / "build/search/index.html").read_text()


def test_search_false_in_site_yaml_builds_no_index_quietly_and_true_builds_one(tmp_path, monkeypatch, capsys):
    root = archive(tmp_path)
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "search: false\n")
    monkeypatch.chdir(root)
    assert main(["build", "--quiet"]) == 0 and capsys.readouterr().err == ""
    assert not (root / "build" / INDEX).exists()
    site_yaml.write_text(site_yaml.read_text().replace("search: false", "search: true"))
    assert main(["build", "--quiet"]) == 0
    assert (root / "build" / INDEX / "meta.json").exists()


def test_the_index_is_made_again_only_when_a_document_changes(tmp_path):
    root = archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out)
    before = _mtimes(out / INDEX)
    template = root / "templates" / "speaker.html"
    template.write_text(template.read_text() + "\n")
    report = build(load_config(root), out)  # pages change, no document does
    assert report.written > 0 and _mtimes(out / INDEX) == before

    item = root / "content/articles/2024/2024-03-05-lee-on-ferries.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nThe new pier opens in spring.\n")
    build(load_config(root), out)
    assert titles(out, documents_of(out, "pier")) == ["Lee on the ferry timetable"]
    fresh = tmp_path / "fresh"
    build(load_config(root), fresh, incremental=False)
    assert _tree(out / INDEX) == _tree(fresh / INDEX)  # the same bytes as a full build

    def added_and_removed():
        (root / "content/articles/2024/2024-04-01-lee-on-tides.md").write_text(md(
            "title: Lee on the tides\ndate: 2024-04-01\nspeakers: [pat-lee]\n", "Tides and the pier.\n"))
        (root / "content/articles/2023/2023-10-02-smyth-on-the-harbour.md").unlink()

    def a_name_changed():
        people = root / "content/people.yaml"
        people.write_text(people.read_text(encoding="utf-8").replace("name: Pat Lee", "name: Patricia Lee"))

    for change in (added_and_removed, a_name_changed):
        change()
        build(load_config(root), out)
        build(load_config(root), fresh, incremental=False)
        assert _tree(out / INDEX) == _tree(fresh / INDEX), change.__name__
        assert titles(out, documents_of(out, "pier")) == ["Lee on the tides", "Lee on the ferry timetable"]
    assert titles(out, documents_of(out, "patricia")) == ["Lee on the tides", "Lee on the ferry timetable",
                                                          "Lee wants a museum in the lighthouse"]


def _mtimes(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_large_archive_is_indexed_in_files_that_stay_small(tmp_path, monkeypatch):
    monkeypatch.setattr("sitegen.search.index_files.BUCKET_ENTRIES", 5)
    monkeypatch.setattr("sitegen.search.index_files.OWN_FILE", 3)
    items = {f"content/articles/2023/2023-10-{d:02d}-item-{d}.md":
             md(f"title: Item {d}\ndate: 2023-10-{d:02d}\nspeakers: [jane-smyth]",
                f"Common words in every item, and the word unique{d}.\n") for d in range(1, 29)}
    root = make_archive(tmp_path, {**ITEMS, **items})
    out = tmp_path / "out"
    build(load_config(root), out)
    postings = sorted(p.name for p in (out / INDEX / "postings").iterdir())
    assert any(name.startswith("w") for name in postings) and sum(n.startswith("b") for n in postings) > 1
    assert titles(out, documents_of(out, "unique17")) == ["Item 17"]
    assert len(documents_of(out, "common")) == 28


# --- in a browser ------------------------------------------------------------------


def result_titles(page) -> list[str]:
    return sorted(t.strip() for t in page.locator(".result h2 a").all_inner_texts())


def tick(page, facet: str, value: str) -> None:
    page.locator("fieldset.facet", has=page.locator("legend", has_text=facet)) \
        .locator("label", has_text=value).click()


@pytest.mark.parametrize("base_path", ["/", "/archive/"], ids=["root", "sub-path"])
def test_a_reader_searches_and_narrows_by_filters(tmp_path, chromium, base_path):
    from support.static_server import serve_directory

    root = archive(tmp_path)
    served = tmp_path / "served"
    out = served / base_path.strip("/") if base_path != "/" else served
    build(load_config(root).with_base_url("http://127.0.0.1:1" + base_path), out)
    with serve_directory(served) as base, chromium() as (page, errors):
        page.goto(base.rstrip("/") + base_path + "search/")
        page.locator("#search-q").fill("lighthous")  # the last word as it is typed
        expect(page.locator(".result")).to_have_count(2)
        assert result_titles(page) == ["Lee wants a museum in the lighthouse", "Smyth on the harbour lighthouse"]
        href = page.locator(".result h2 a").first.get_attribute("href")
        assert href.startswith(base_path) and not href.startswith(base_path + base_path.strip("/") + "/")
        meta = page.locator(".result .meta").all_inner_texts()
        assert meta[0] == "11 February 2024 · Pat Lee"  # newest first, with the date and who spoke

        tick(page, "Speaker", "Pat Lee")
        expect(page.locator(".result")).to_have_count(1)
        assert result_titles(page) == ["Lee wants a museum in the lighthouse"]
        tick(page, "Speaker", "Pat Lee")  # off again

        page.locator("#search-year").select_option("2023")
        expect(page.locator(".result")).to_have_count(1)
        assert result_titles(page) == ["Smyth on the harbour lighthouse"]
        page.locator("#search-year").select_option("")

        page.locator("#search-q").fill("смит лайтхаус lighthouse")  # an alias in another script
        expect(page.locator(".result")).to_have_count(0)
        page.locator("#search-q").fill("смит lighthouse")
        expect(page.locator(".result")).to_have_count(1)
        page.locator(".result h2 a").first.click()
        page.wait_for_load_state()
        assert page.locator("main h1").inner_text() == "Smyth on the harbour lighthouse"
        assert errors == []


def test_a_reader_finds_a_facet_value_beyond_those_listed(tmp_path, chromium, monkeypatch):
    from support.static_server import serve_directory

    monkeypatch.setattr("sitegen.search.index_files.FACET_SHOWN", 1)
    root = archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out)
    assert [row[0] for row in load(out, "facets.json")["speaker"]["rows"]] == ["jane-smyth"]
    with serve_directory(out) as base, chromium() as (page, errors):
        page.goto(base + "search/")
        speakers = page.locator("fieldset.facet", has=page.locator("legend", has_text="Speaker"))
        expect(speakers.locator("label")).to_have_count(1)
        speakers.locator(".facet-filter").fill("lee")  # not listed: the facet's whole list is fetched
        expect(speakers.locator("label")).to_have_count(1)
        tick(page, "Speaker", "Pat Lee")
        expect(page.locator(".result")).to_have_count(2)
        assert result_titles(page) == ["Lee on the ferry timetable", "Lee wants a museum in the lighthouse"]
        speakers.locator(".facet-filter").fill("zzz")
        expect(speakers.locator("li.none")).to_have_count(0)  # a chosen value stays listed
        expect(speakers.locator("label", has_text="Pat Lee")).to_have_count(1)
        assert errors == []


def test_the_search_page_takes_a_query_from_the_address_and_sorts_oldest_first(tmp_path, chromium):
    from support.static_server import serve_directory

    root = archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out)
    with serve_directory(out) as base, chromium() as (page, errors):
        page.goto(base + "search/?q=lee")
        expect(page.locator(".result")).to_have_count(2)
        assert page.locator(".result h2 a").first.inner_text() == "Lee on the ferry timetable"
        page.locator("#search-sort").select_option("oldest")
        expect(page.locator(".result h2 a").first).to_have_text("Lee wants a museum in the lighthouse")
        assert errors == []


def test_search_page_without_javascript_offers_browsing(tmp_path, chromium):
    from support.static_server import serve_directory

    root = archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out)
    with serve_directory(out) as base, chromium() as (page, errors):
        context = page.context.browser.new_context(java_script_enabled=False)
        try:
            plain = context.new_page()
            plain.goto(base + "search/")
            main_part = plain.locator("main")
            assert main_part.locator("h1").inner_text() == "Search"
            notice = main_part.locator("p.notice")
            assert notice.is_visible() and "needs JavaScript, which is off here" in notice.inner_text()
            main_part.get_by_role("link", name="timeline", exact=True).click()
            plain.wait_for_load_state()
            assert plain.locator("main h1").inner_text() == "Timeline"
        finally:
            context.close()
