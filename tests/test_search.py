"""Search with Pagefind: built with the site, usable from plain files, clear when missing."""

from __future__ import annotations

import os
import stat

import pytest
from playwright.sync_api import expect

from linkcheck import broken_links
from sitegen.build.engine import build
from sitegen.cli.main import main
from sitegen.core.config import load_config
from sitegen.core.diagnostics import SitegenError
from sitegen.build.output_folder import OutputFolder
from sitegen.build.search_index import find_pagefind
from support.pagefind_bundle import comparable, index_files
from tests.factory import make_archive, md

needs_pagefind = pytest.mark.skipif(
    find_pagefind() is None and not os.environ.get("CI"),
    reason="Pagefind is not installed (pip install 'pagefind[bin]'); under CI this fails instead")

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
    "content/people.yaml": "jane-smyth:\n  name: Jane Smyth\npat-lee:\n  name: Pat Lee\n",
    "content/topics.yaml": "budget:\n  name: Budget\nharbour:\n  name: Harbour\n",
}


def archive(tmp_path, name="site"):
    return make_archive(tmp_path, ITEMS, name=name)


def test_without_pagefind_the_build_says_so_and_goes_on(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    root = archive(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "search is off: the Pagefind binary was not found" in err
    assert "pip install 'pagefind[bin]'" in err
    out = root / "build"
    assert not (out / "pagefind").exists()
    search = (out / "search/index.html").read_text(encoding="utf-8")
    assert "Search is not available on this copy of the archive" in search
    assert "pagefind" not in search
    assert broken_links(out, "https://example.test/") == []


def test_no_search_option_builds_no_index_and_says_nothing(tmp_path, monkeypatch, capsys):
    root = archive(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build", "--quiet", "--no-search"]) == 0
    assert capsys.readouterr().err == ""
    assert not (root / "build/pagefind").exists()


@needs_pagefind
def test_index_covers_articles_only_with_filters(tmp_path):
    root = archive(tmp_path)
    out = tmp_path / "out"
    report = build(load_config(root), out)
    assert report.notices == ()
    index = comparable(index_files(out))
    entry = index["pagefind-entry.json"]
    assert entry["languages"]["en"]["page_count"] == 4  # the base archive's item and these three
    filters = index["(meta)"][3]
    assert filters == ["place", "speaker", "topic", "year"]
    search = (out / "search/index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/pagefind/"' in search and '<script src="/assets/search.' in search
    assert "<noscript>" in search and 'href="/timeline/"' in search  # usable without JavaScript
    assert report.files == sum(1 for p in out.rglob("*") if p.is_file())
    assert broken_links(out, "https://example.test/") == []


@needs_pagefind
def test_index_is_remade_only_when_an_article_page_changes(tmp_path):
    root = archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out)

    def index_mtimes():
        return {p: p.stat().st_mtime_ns for p in (out / "pagefind").rglob("*") if p.is_file()}

    before = index_mtimes()
    build(load_config(root), out)  # nothing changed
    speaker = root / "templates/speaker.html"
    speaker.write_text(speaker.read_text(encoding="utf-8").replace("<h2 id=\"items\">Items",
                                                                   "<h2 id=\"items\">Statements"))
    report = build(load_config(root), out)  # speaker pages only: not indexed
    assert report.written > 0 and index_mtimes() == before

    item = root / "content/articles/2024/2024-03-05-lee-on-ferries.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nThe new pier opens in spring.\n")
    report = build(load_config(root), out)
    assert not report.full and index_mtimes() != before
    fresh = tmp_path / "fresh"
    build(load_config(root), fresh, incremental=False)
    assert comparable(index_files(out)) == comparable(index_files(fresh))


@needs_pagefind
def test_index_appears_when_pagefind_is_installed_later(tmp_path, monkeypatch):
    root = archive(tmp_path)
    out = tmp_path / "out"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    build(load_config(root), out)
    assert not (out / "pagefind").exists()
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    report = build(load_config(root), out)
    assert not report.full
    assert (out / "pagefind/pagefind-entry.json").is_file()
    assert b'data-bundle="/pagefind/"' in (out / "search/index.html").read_bytes()


def test_above_the_automatic_limit_the_build_skips_search_and_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sitegen.build.search_index.AUTO_LIMIT", 3)  # the archive has 4 article files
    root = archive(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert 'search is off: 4 articles are more than the 3 that Pagefind indexes' in err
    assert 'set "search: true" in site.yaml' in err
    assert not (root / "build/pagefind").exists()
    page = (root / "build/search/index.html").read_text(encoding="utf-8")
    assert "Search is not available on this copy of the archive" in page


def test_search_false_in_site_yaml_builds_no_index_quietly(tmp_path, monkeypatch, capsys):
    root = archive(tmp_path)
    (root / "site.yaml").write_text((root / "site.yaml").read_text() + "search: false\n")
    monkeypatch.chdir(root)
    assert main(["build", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert not (root / "build/pagefind").exists()


@needs_pagefind
def test_search_true_indexes_above_the_limit_and_a_changed_setting_rebuilds(tmp_path, monkeypatch):
    monkeypatch.setattr("sitegen.build.search_index.AUTO_LIMIT", 3)
    root = archive(tmp_path)
    out = tmp_path / "out"
    assert build(load_config(root), out).notices != ()
    assert not (out / "pagefind").exists()
    (root / "site.yaml").write_text((root / "site.yaml").read_text() + "search: true\n")
    report = build(load_config(root), out)
    assert report.notices == () and (out / "pagefind/pagefind-entry.json").is_file()
    assert b'data-bundle="/pagefind/"' in (out / "search/index.html").read_bytes()
    fresh = tmp_path / "fresh"
    build(load_config(root), fresh, incremental=False)
    assert (out / "search/index.html").read_bytes() == (fresh / "search/index.html").read_bytes()


def test_a_failing_pagefind_is_an_error_and_nothing_is_written(tmp_path, monkeypatch):
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: cannot read the site' >&2\nexit 3\n")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    root = archive(tmp_path)
    out = tmp_path / "out"
    with pytest.raises(SitegenError) as caught:
        build(load_config(root), out)
    message = caught.value.diagnostics[0].format()
    assert "Pagefind failed to index the site: Error: cannot read the site" in message
    assert "--no-search" in message
    assert not os.path.lexists(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == [".out.sitegen"]
    assert OutputFolder(out).live() is None and not (tmp_path / ".out.sitegen" / "building").exists()


@needs_pagefind
def test_a_failing_pagefind_during_an_update_leaves_the_site_and_the_next_build_catches_up(tmp_path, monkeypatch):
    root = archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out)
    broken = tmp_path / "broken-pagefind"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    item = root / "content/articles/2024/2024-03-05-lee-on-ferries.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nThe new pier opens in spring.\n")
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(SitegenError):
        build(load_config(root), out)
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "the failed update must leave the published site, index and all, as it was"
    assert [p.name for p in (tmp_path / ".out.sitegen").iterdir() if ".search-" in p.name] == []
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    build(load_config(root), out)
    fresh = tmp_path / "fresh"
    build(load_config(root), fresh, incremental=False)
    assert comparable(index_files(out)) == comparable(index_files(fresh))


# --- in a browser ------------------------------------------------------------------


def result_titles(page) -> list[str]:
    page.wait_for_timeout(400)  # the page debounces typing and loads index chunks
    return sorted(t.strip() for t in page.locator(".result h3 a").all_inner_texts())


def tick(page, facet: str, value: str) -> None:
    page.locator("fieldset.facet", has=page.locator("legend", has_text=facet)) \
        .locator("label", has_text=value).click()


@needs_pagefind
@pytest.mark.parametrize("base_path", ["/", "/archive/"], ids=["root", "sub-path"])
def test_a_reader_searches_and_narrows_by_filters(tmp_path, chromium, base_path):
    from support.static_server import serve_directory

    root = archive(tmp_path)
    served = tmp_path / "served"
    out = served / base_path.strip("/") if base_path != "/" else served
    build(load_config(root).with_base_url("http://127.0.0.1:1" + base_path), out)
    with serve_directory(served) as base, chromium() as (page, errors):
        page.goto(base.rstrip("/") + base_path + "search/")
        page.locator("#search-q").fill("lighthouse")
        page.wait_for_selector(".result h3 a")
        assert result_titles(page) == ["Lee wants a museum in the lighthouse", "Smyth on the harbour lighthouse"]
        href = page.locator(".result h3 a").first.get_attribute("href")
        assert href.startswith(base_path) and not href.startswith(base_path + base_path.strip("/") + "/")
        meta = page.locator(".result .meta").all_inner_texts()
        assert all(" · " in line for line in meta), meta  # each result says when, and who

        tick(page, "Speaker", "Pat Lee")
        expect(page.locator(".result")).to_have_count(1)
        assert result_titles(page) == ["Lee wants a museum in the lighthouse"]
        tick(page, "Speaker", "Pat Lee")  # off again

        tick(page, "Year", "2023")
        expect(page.locator(".result")).to_have_count(1)
        assert result_titles(page) == ["Smyth on the harbour lighthouse"]

        page.locator(".result h3 a").first.click()
        page.wait_for_load_state()
        assert page.locator("main h1").inner_text() == "Smyth on the harbour lighthouse"
        assert errors == []


@needs_pagefind
def test_the_search_page_takes_a_query_from_the_address(tmp_path, chromium):
    from support.static_server import serve_directory

    root = archive(tmp_path)
    out = tmp_path / "out"
    build(load_config(root), out)
    with serve_directory(out) as base, chromium() as (page, errors):
        page.goto(base + "search/?q=ferries")
        page.wait_for_selector(".result h3 a")
        assert result_titles(page) == ["Lee on the ferry timetable"]
        assert errors == []


@needs_pagefind
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
            main = plain.locator("main")
            assert main.locator("h1").inner_text() == "Search"
            notice = main.locator("p.notice")
            assert notice.is_visible() and "needs JavaScript, which is off here" in notice.inner_text()
            main.get_by_role("link", name="timeline", exact=True).click()
            plain.wait_for_load_state()
            assert plain.locator("main h1").inner_text() == "Timeline"
        finally:
            context.close()
