"""Incremental builds equal full builds, byte for byte, after every kind of change.

Each case starts from a copy of tests/sites/basic (plus a few more articles,
so that neighbours, month/topic/speaker listings and the truncated feeds
are all exercised), built once incrementally into ``out/``. Then one change
is made and the site is built again:

- A: incremental build into the SAME out folder (the default, ``incremental=True``);
- B: full build (``incremental=False``) of the same archive into a fresh folder;
- C: full build of a pristine copy of the archive (no ``.sitegen-cache/``)
  into another fresh folder, so that a stale cache shared by A and B cannot
  make them agree by accident.

A must equal B and C: the same file names and the same bytes, every file
(of the ``.sitegen-build`` marker only its presence: it may carry an id of
the folder's build). A failure lists the files that differ, with the start
of a diff.

Where the build state lives is sitegen's business; ``state_files`` looks for
it under the archive's ``.sitegen-cache/`` and beside the output folder
(``.out.sitegen-state…``). The tests that corrupt or delete the state need
it in one of those places.

Where the change is local (a body, one template, one registry entry), the
incremental build must also be small: it must not rewrite listing pages for
a body edit (they depend on front-matter only), nor anything but speaker
pages for an edit of templates/speaker.html. "Rewritten" is judged by file
mtimes: a file whose mtime_ns did not move was not written.
"""

from __future__ import annotations

import difflib
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitebuild import make_archive, site_files

from sitegen.build.engine import Builder, BuildReport, build
from sitegen.core.config import load_config
from sitegen.core.diagnostics import SitegenError

REPO = Path(__file__).resolve().parent.parent
BASIC = Path(__file__).parent / "sites" / "basic"
CACHE = ".sitegen-cache"
MARKER = ".sitegen-build"
NEW_BASE_URL = "http://127.0.0.1:8000/preview/"

# More articles beside the basic site's three published ones (and its draft).
# Chosen so that deleting one item empties a year/month/place/person
# (2023-05-04 museum), a topic (heritage, not in the registry: a warning) and
# a speaker (ministry-of-examples), and so that with home_items: 4 and
# feed_items: 5 a date change moves items in and out of the home page and feeds.
EXTRA_ARTICLES = {
    "2024/2024-01-15-petrosyan-new-year-address.md": """\
---
title: "Petrosyan's new year address: museums first"
date: 2024-01-15
speakers: [anna-petrosyan]
topics: [budget]
---
Prime Minister Anna Petrosyan spoke about the year ahead.

> Museums come first in this year's plans.
""",
    "2024/2024-02-20-ivanov-museum-hours.md": """\
---
title: "Ivanov on longer museum hours"
date: 2024-02-20T16:00:00+04:00
speakers:
  - id: boris-ivanov
    role: Spokesperson
topics: [museums]
---
Boris Ivanov announced longer opening hours.

> Every museum stays open until eight.
""",
    "2024/2024-02-25-joint-budget-note.md": """\
---
title: "Joint note on the museum budget"
date: 2024-02-25
speakers: [anna-petrosyan, boris-ivanov]
topics: [budget, museums]
---
A joint note on the museum budget was published.
""",
    "2024/2024-04-03-petrosyan-on-collections.md": """\
---
title: "Petrosyan on the national collections"
date: 2024-04-03
speakers: [anna-petrosyan]
topics: [museums]
---
Anna Petrosyan spoke about the collections.

> The collections belong to everyone.
""",
    "2024/2024-04-18-ivanov-budget-review.md": """\
---
title: "Ivanov: budget review on schedule"
date: 2024-04-18
speakers: [boris-ivanov]
topics: [budget]
---
> The review is on schedule.

Boris Ivanov gave no further details.
""",
    "2024/2024-05-09-heritage-walk.md": """\
---
title: "Heritage walk through the old town"
date: 2024-05-09
speakers: [anna-petrosyan]
topics: [heritage]
---
Anna Petrosyan led a heritage walk.
""",
    "2024/2024-06-01-summer-opening.md": """\
---
title: "Summer opening of the river museum"
date: 2024-06-01
speakers: [boris-ivanov]
topics: [museums]
translations: [ru]
---
The river museum opens its summer wing.
""",
    "2024/2024-06-02-summer-opening-ru.md": """\
---
title: "Летнее открытие речного музея"
date: 2024-06-02
speakers: [boris-ivanov]
topics: [museums]
language: ru
translation_of: 2024-06-01-summer-opening
---
Речной музей открывает летнее крыло.
""",
}


# --- helpers -------------------------------------------------------------------


def run_build(root: Path, out: Path, **options) -> BuildReport:
    """``build()`` as the CLI calls it; ``base_url=`` overrides site.yaml like --base-url."""
    base_url = options.pop("base_url", None)
    config = load_config(root)
    if base_url:
        config = config.with_base_url(base_url)
    return build(config, out, **options)


def state_files(root: Path, out: Path) -> list[Path]:
    """Every file holding sitegen's build state for ``out`` (see the module docstring): not
    the copies of the site kept beside it (``.out.sitegen/a``, ``…/b``)."""
    found = [p for p in (root / CACHE).rglob("*") if p.is_file()]
    for sibling in out.parent.glob(f".{out.name}.*"):
        if sibling.is_file():
            found.append(sibling)
        elif (sibling / "state").is_file():
            found.append(sibling / "state")
    return sorted(found)


def remove_output(out: Path) -> None:
    """``rm -rf out``: the link, or the folder."""
    if out.is_symlink():
        out.unlink()
    else:
        shutil.rmtree(out)


def staging(name: str) -> bool:
    """A temporary folder of the atomic writer (``.out.new-…``, ``.out.old-…``)."""
    return name.startswith(".") and (".new-" in name or ".old-" in name)


def compared(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The tree as compared: the marker's presence counts, not its content; the search
    index byte for byte like every other file."""
    return {n: (b"(marker)" if n == MARKER else data) for n, data in tree.items()}


def without_marker(tree: dict) -> dict:
    return {n: v for n, v in tree.items() if n != MARKER}


def mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns
            for p in sorted(out.rglob("*")) if p.is_file()}


def tree_diff(a: dict[str, bytes], b: dict[str, bytes], a_name: str, b_name: str,
              shown: int = 4) -> str:
    """'' when equal; else which files are only in one tree or differ, with a diff of a few."""
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    differ = sorted(n for n in set(a) & set(b) if a[n] != b[n])
    if not (only_a or only_b or differ):
        return ""
    lines = [f"{a_name} != {b_name}"]
    if only_a:
        lines.append(f"only in {a_name} ({len(only_a)}): {', '.join(only_a)}")
    if only_b:
        lines.append(f"only in {b_name} ({len(only_b)}): {', '.join(only_b)}")
    if differ:
        lines.append(f"differ ({len(differ)}): {', '.join(differ)}")
        for name in differ[:shown]:
            diff = difflib.unified_diff(
                a[name].decode("utf-8", "replace").splitlines(),
                b[name].decode("utf-8", "replace").splitlines(),
                f"{a_name}/{name}", f"{b_name}/{name}", n=1, lineterm="")
            lines.extend(list(diff)[:24])
    return "\n".join(lines)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def article(root: Path, slug: str) -> Path:
    found = sorted((root / "content" / "articles").rglob(f"*-{slug}.md"))
    assert len(found) == 1, f"one article file ending in -{slug}.md expected, found {found}"
    return found[0]


@dataclass
class Site:
    tmp: Path
    root: Path
    out: Path
    builds: int = 0
    first: BuildReport | None = None

    def build(self, **options) -> BuildReport:
        return run_build(self.root, self.out, **options)

    def fresh(self, name: str) -> Path:
        self.builds += 1
        return self.tmp / f"{name}-{self.builds}"

    def check(self, report: BuildReport, **options) -> dict[str, bytes]:
        """Assert the incremental tree (A) equals full builds (B, C); return A."""
        tree_a = site_files(self.out)
        full_out = self.fresh("full")
        full = run_build(self.root, full_out, incremental=False, **options)
        tree_b = site_files(full_out)
        assert full.full, "incremental=False must report a full build"
        problem = tree_diff(compared(tree_a), compared(tree_b), "incremental", "full")
        assert not problem, problem

        pristine = self.fresh("pristine")
        shutil.copytree(self.root, pristine, ignore=shutil.ignore_patterns(CACHE, "build", ".build.*"))
        tree_c = site_files(run_build(pristine, self.fresh("pristine-out"), incremental=False,
                                      **options).out_dir)
        problem = tree_diff(compared(tree_a), compared(tree_c), "incremental",
                            "full-from-a-copy-without-state")
        assert not problem, problem

        assert (report.articles, report.pages, report.files) == (full.articles, full.pages, full.files)
        assert sorted(d.format() for d in report.warnings) == sorted(d.format() for d in full.warnings), \
            "an incremental build must report the same warnings as a full build"
        assert report.files == len(set(tree_a) - {MARKER}), \
            f"report.files={report.files}: it counts the site's files (not the marker)"
        leftovers = sorted(p.name for p in self.tmp.iterdir() if staging(p.name))
        assert leftovers == [], f"staging folders left behind: {leftovers}"
        return tree_a


def site_archive(tmp_path: Path) -> Path:
    """The basic site plus EXTRA_ARTICLES, not built."""
    root = make_archive(BASIC, tmp_path / "site")
    (root / "site.yaml").write_text((root / "site.yaml").read_text(encoding="utf-8")
                                    + "home_items: 4\nfeed_items: 5\n", encoding="utf-8")
    for rel, text in EXTRA_ARTICLES.items():
        (root / "content" / "articles" / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """The basic site plus EXTRA_ARTICLES, built once (incrementally, i.e. by default)."""
    root = site_archive(tmp_path)
    s = Site(tmp_path, root, tmp_path / "out")
    s.first = s.build()
    assert s.first.full, "the first build of an archive is a full build"
    assert s.first.written == s.first.files
    return s


def settle() -> None:
    """Make a rewrite visible in mtime_ns even on coarse kernel clocks."""
    time.sleep(0.02)


# --- the kinds of change -------------------------------------------------------


@dataclass(frozen=True)
class Change:
    name: str
    apply: Callable[[Path], None]
    local: bool = False  # not a full build, and not every file written
    small: bool = False  # and at most about as many files written as changed (see apply_and_check)
    touch_only: Callable[[str], bool] | None = None  # files that may be rewritten, if limited
    gone: tuple[str, ...] = ()  # output files that must be pruned
    present: tuple[str, ...] = ()  # output files that must exist afterwards


def is_listing(name: str) -> bool:
    """Pages that list items by front-matter only: no bodies, no quotes."""
    parts = name.split("/")
    return (name.endswith("index.html") and name != "index.html"
            and not parts[0].startswith("speakers")
            and not (len(parts) == 5 and parts[0].isdigit())  # YYYY/MM/DD/slug/index.html
            ) or name == "sitemap.xml"


def body_edit(root: Path) -> None:
    path = article(root, "ivanov-museum-hours")
    path.write_text(path.read_text(encoding="utf-8") + "\nHe added one more sentence.\n",
                    encoding="utf-8")


def quote_edit(root: Path) -> None:
    edit(article(root, "ivanov-museum-hours"), "until eight.", "until nine, every day.")


def title_edit(root: Path) -> None:
    edit(article(root, "ivanov-on-budget"), 'title: "Ivanov: the budget keeps the museums open"',
         'title: "Ivanov: the budget keeps every museum open"')


def topics_edit(root: Path) -> None:
    edit(article(root, "ivanov-on-budget"), "topics: [budget, museums]", "topics: [museums]")


def date_edit(root: Path) -> None:
    # 2024-02 → 2024-07: a new month, the newest item (home page, every feed), new URL
    edit(article(root, "ivanov-on-budget"), "date: 2024-02-10T09:30:00+04:00",
         "date: 2024-07-10T09:30:00+04:00")


def date_empties_month(root: Path) -> None:
    # the only item of 2023-05 moves to 2023-12: 2023/05/ must go
    edit(article(root, "petrosyan-opens-river-museum"), "date: 2023-05-04",
         "date: 2023-12-04")


def add_article(root: Path) -> None:
    # between two items: neighbours on both sides change
    (root / "content/articles/2024/2024-02-15-petrosyan-budget-reply.md").write_text("""\
---
title: "Petrosyan replies on the budget"
date: 2024-02-15
speakers: [anna-petrosyan]
topics: [budget]
places: [riverton]
---
> We will keep the promise.
""", encoding="utf-8")


def add_article_new_groups(root: Path) -> None:
    # a new newest item, in a new year, month, topic and with a new (unknown) speaker
    folder = root / "content/articles/2025"
    folder.mkdir()
    (folder / "2025-01-02-guest-on-education.md").write_text("""\
---
title: "A guest on education"
date: 2025-01-02
speakers: [guest-lecturer]
topics: [education]
---
Schools will open a museum class.
""", encoding="utf-8")


def add_same_day(root: Path) -> None:
    # a second item on a day that has one: its day page lists two, in order
    (root / "content/articles/2024/2024-02-10-petrosyan-same-day.md").write_text("""\
---
title: "Petrosyan on the same day"
date: 2024-02-10
speakers: [anna-petrosyan]
topics: [budget]
---
> Agreed.
""", encoding="utf-8")


def add_backdated(root: Path) -> None:
    # older than every item: with short pages, every numbered page's items move up one
    (root / "content/articles/2023/2023-01-20-ivanov-early-note.md").write_text("""\
---
title: "Ivanov: an early note"
date: 2023-01-20
speakers: [boris-ivanov]
topics: [museums]
---
> Early days.
""", encoding="utf-8")


def original_title_edit(root: Path) -> None:
    # shown on its translation's page and on the pages listing it as a related item
    edit(article(root, "summer-opening"), 'title: "Summer opening of the river museum"',
         'title: "Summer opening of the river museum\'s new wing"')


def add_translation(root: Path) -> None:
    (root / "content/articles/2024/2024-06-03-summer-opening-hy.md").write_text("""\
---
title: "Գետի թանգարանի ամառային բացումը"
date: 2024-06-03
speakers: [boris-ivanov]
topics: [museums]
language: hy
translation_of: 2024-06-01-summer-opening
---
Գետի թանգարանը բացում է ամառային թևը։
""", encoding="utf-8")


def delete_article(root: Path) -> None:
    article(root, "petrosyan-opens-river-museum").unlink()


def delete_last_of_topic(root: Path) -> None:
    article(root, "heritage-walk").unlink()


def delete_last_of_speaker(root: Path) -> None:
    article(root, "ministry-statement").unlink()


def rename_article(root: Path) -> None:
    path = article(root, "ivanov-on-budget")
    path.rename(path.with_name("2024-02-10-ivanov-budget-briefing.md"))


def move_article(root: Path) -> None:
    # same file name (so same id and URL) in another folder
    path = article(root, "summer-opening")
    (root / "content/articles/2024/summer").mkdir()
    path.rename(root / "content/articles/2024/summer" / path.name)


def touch_article(root: Path) -> None:
    path = article(root, "summer-opening")
    later = time.time() + 5
    os.utime(path, (later, later))


def speaker_template(root: Path) -> None:
    edit(root / "templates/speaker.html", '<h2 id="items">Items', '<h2 id="items">Statements')


def feed_template(root: Path) -> None:
    edit(root / "templates/feed.xml", "<generator>sitegen</generator>",
         "<generator>sitegen (test)</generator>")


def base_template(root: Path) -> None:
    edit(root / "templates/base.html", " · curated by ", " · edited by ")


def macros_template(root: Path) -> None:
    # imported with {% from "_macros.html" import … %}: a dependency through the loader
    edit(root / "templates/_macros.html", '<time datetime="{{ value|isodate }}">',
         '<time class="when" datetime="{{ value|isodate }}">')


def people_registry(root: Path) -> None:
    edit(root / "content/people.yaml", "name: Anna Petrosyan", "name: Anna Petrosyan-Marr")


def topics_registry(root: Path) -> None:
    edit(root / "content/topics.yaml", "description: Collections, openings and closures.",
         "description: Collections, openings, closures and hours.")


def config_title(root: Path) -> None:
    edit(root / "site.yaml", "title: Test Archive", "title: Test Archive, Revised")


def config_language(root: Path) -> None:
    """Articles that name no language take the site's: cached records must not keep the old one."""
    edit(root / "site.yaml", "language: en", "language: fr")


def draft_body_edit(root: Path) -> None:
    """A hidden draft's body shows on no page (and must not break the build)."""
    edit(article(root, "draft-note"), "Not yet published.", "Not yet published, still.")


def asset_edit(root: Path) -> None:
    path = root / "assets/style.css"
    path.write_text(path.read_text(encoding="utf-8") + "\n.changed-by-test { color: red; }\n",
                    encoding="utf-8")


def asset_added(root: Path) -> None:
    (root / "assets/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n',
                                          encoding="utf-8")


def speaker_pages(name: str) -> bool:
    return name.startswith("speakers/") and name.endswith("/index.html") and name != "speakers/index.html"


CHANGES = [
    Change("body", body_edit, small=True, touch_only=lambda n: not is_listing(n)),
    Change("body-quote", quote_edit, small=True, touch_only=lambda n: not is_listing(n)),
    Change("front-matter-title", title_edit, local=True),
    Change("front-matter-topics", topics_edit, local=True),
    Change("front-matter-date-new-month", date_edit, local=True,
           gone=("2024/02/10/ivanov-on-budget/index.html",),
           present=("2024/07/index.html", "2024/07/10/ivanov-on-budget/index.html")),
    Change("front-matter-date-empties-month", date_empties_month, local=True,
           gone=("2023/05/index.html", "2023/05/04/petrosyan-opens-river-museum/index.html"),
           present=("2023/12/index.html",)),
    Change("add", add_article, local=True, present=("2024/02/15/petrosyan-budget-reply/index.html",
                                                    "2024/02/15/index.html")),
    Change("add-on-a-day-with-an-item", add_same_day, local=True, present=("2024/02/10/index.html",)),
    Change("add-backdated", add_backdated, local=True, present=("2023/01/20/index.html", "2023/01/index.html")),
    Change("front-matter-title-of-a-translated-item", original_title_edit, local=True),
    Change("add-translation", add_translation, local=True,
           present=("2024/06/03/summer-opening-hy/index.html",)),
    Change("add-new-year-topic-speaker", add_article_new_groups, local=True,
           present=("2025/index.html", "2025/01/index.html", "topics/education/index.html",
                    "topics/education/feed.xml", "speakers/guest-lecturer/index.html")),
    Change("delete", delete_article, local=True,
           gone=("2023/05/04/petrosyan-opens-river-museum/index.html", "2023/05/index.html",
                 "2023/index.html", "places/riverton/index.html", "people/boris-ivanov/index.html")),
    Change("delete-last-of-topic", delete_last_of_topic, local=True,
           gone=("2024/05/09/heritage-walk/index.html", "2024/05/index.html",
                 "topics/heritage/index.html", "topics/heritage/feed.xml")),
    Change("delete-last-of-speaker", delete_last_of_speaker, local=True,
           gone=("2024/03/01/ministry-statement/index.html", "2024/03/index.html",
                 "speakers/ministry-of-examples/index.html", "speakers/ministry-of-examples/feed.xml")),
    Change("rename", rename_article, local=True,
           gone=("2024/02/10/ivanov-on-budget/index.html",),
           present=("2024/02/10/ivanov-budget-briefing/index.html",)),
    Change("move-to-another-folder", move_article, local=True),
    Change("touch-without-change", touch_article, small=True),
    Change("template-speaker", speaker_template, small=True, touch_only=speaker_pages),
    Change("template-feed", feed_template, small=True, touch_only=lambda n: n.endswith("feed.xml")),
    Change("template-base", base_template),
    Change("template-imported-macros", macros_template),
    Change("registry-people", people_registry),
    Change("registry-topics", topics_registry),
    Change("config-title", config_title),
    Change("config-language", config_language),
    Change("draft-body-hidden", draft_body_edit, small=True),
    Change("asset-edit", asset_edit),
    Change("asset-added", asset_added, present=("assets/logo.",)),
]


def apply_and_check(site: Site, change: Change, *, explicit: bool = True) -> None:
    """Apply ``change``, build incrementally, compare with full builds, check what was written.

    ``explicit=False`` skips the change's own gone/present lists, which hold
    for the change applied to the fixture's site but not after other changes.
    """
    before = without_marker(site_files(site.out))
    before_mtimes = without_marker(mtimes(site.out))
    settle()
    change.apply(site.root)
    report = site.build()
    after = without_marker(site.check(report))

    changed = {n for n in set(before) & set(after) if before[n] != after[n]}
    added = set(after) - set(before)
    gone = set(before) - set(after)
    touched = {n for n, t in without_marker(mtimes(site.out)).items() if before_mtimes.get(n) != t}
    assert changed | added <= touched, \
        f"files whose bytes changed but mtime did not: {sorted((changed | added) - touched)}"
    assert report.written >= len(changed | added), \
        f"report.written={report.written} but {len(changed | added)} files changed or appeared"
    assert report.removed == len(gone), f"report.removed={report.removed}, pruned: {sorted(gone)}"
    for name in change.gone if explicit else ():
        assert name not in after, f"{name} should have been pruned"
    for name in change.present if explicit else ():
        assert any(n.startswith(name) for n in after), f"{name}… should exist"
    if change.local or change.small:
        assert not report.full, f"{change.name}: a local change must not re-render everything"
        assert report.written < len(after), \
            f"{change.name}: report.written={report.written}: every file of the site"
    if change.small:
        bound = max(2 * len(changed | added), 4)  # room for pages re-rendered to the same bytes
        assert report.written <= bound, (
            f"{change.name}: report.written={report.written} of {len(after)} files, "
            f"but only {len(changed | added)} changed or appeared")
    if change.touch_only:
        wrong = sorted(n for n in touched if not change.touch_only(n))
        assert not wrong, f"{change.name}: these files should not have been rewritten: {wrong}"
        assert report.written <= sum(map(change.touch_only, after)), \
            f"{change.name}: report.written={report.written} is more than could depend on the change"


# --- the tests -------------------------------------------------------------------


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_incremental_equals_full_after(change, site):
    apply_and_check(site, change)


def test_front_matter_edits_in_sequence(site):
    """Title, then topics, then a date in another month: one change after the other."""
    for change in CHANGES:
        if change.name.startswith("front-matter"):
            apply_and_check(site, change)


def test_every_change_in_sequence(site):
    """All kinds of change one after the other on one site (state carried across builds)."""
    order = [c for c in CHANGES if c.name not in ("rename", "delete", "front-matter-date-empties-month")]
    order += [c for c in CHANGES if c.name in ("rename", "front-matter-date-empties-month", "delete")]
    for change in order:
        apply_and_check(site, change, explicit=False)


@pytest.fixture
def paged_site(tmp_path: Path) -> Site:
    """The same site with two items a page: listings have numbered pages, whose links name
    their neighbours' dates (render/navigation.py)."""
    root = site_archive(tmp_path)
    (root / "site.yaml").write_text((root / "site.yaml").read_text(encoding="utf-8") + "page_items: 2\n",
                                    encoding="utf-8")
    s = Site(tmp_path, root, tmp_path / "out")
    s.first = s.build()
    assert "speakers/anna-petrosyan/page/1/index.html" in site_files(s.out)
    return s


def test_every_change_in_sequence_with_short_pages(paged_site):
    order = [c for c in CHANGES if c.name.startswith(("front-matter", "add", "body", "delete", "rename"))]
    for change in order:
        apply_and_check(paged_site, change, explicit=False)


def test_template_speaker_rewrites_only_speaker_pages(site):
    before = mtimes(site.out)
    settle()
    speaker_template(site.root)
    report = site.build()
    site.check(report)
    speakers = sorted(n for n in before if speaker_pages(n))
    touched = sorted(n for n, t in mtimes(site.out).items() if before.get(n) != t and n != MARKER)
    assert touched == speakers
    assert report.written == len(speakers), (report.written, speakers)
    assert not report.full


def test_a_quote_edit_rewrites_home_only_when_home_shows_the_item(site):
    """Home shows the first quotes of its newest items (home_items: 4): a quote of an older
    item is not on it, and its edit leaves the home page alone."""
    before = mtimes(site.out)
    settle()
    edit(article(site.root, "petrosyan-opens-river-museum"), "The river made this town", "The river built this town")
    site.check(site.build())
    touched = {n for n, t in mtimes(site.out).items() if before.get(n) != t and n != MARKER}
    assert "2023/05/04/petrosyan-opens-river-museum/index.html" in touched
    assert "index.html" not in touched


def called_by_build(site: Site, monkeypatch, name: str, change: Callable[[Path], None]) -> bool:
    """Whether the engine calls its ``name`` in the build after ``change`` (which must equal
    a full build)."""
    from sitegen.build import engine

    real = getattr(engine, name)
    calls = []
    monkeypatch.setattr(engine, name, lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    settle()
    change(site.root)
    report = site.build()
    monkeypatch.setattr(engine, name, real)
    site.check(report)
    return bool(calls)


def test_the_plan_of_pages_stands_while_only_bodies_change(site, monkeypatch):
    """A body edit's build takes the last build's pages (engine.BuildRun.pages), even with the
    registries touched; a front-matter edit, or a registry edited, plans them again. Each
    build still equals a full one."""
    def planned_by(change: Callable[[Path], None]) -> bool:
        return called_by_build(site, monkeypatch, "plan_pages", change)

    def touch_people(root: Path) -> None:
        people = root / "content" / "people.yaml"
        os.utime(people, ns=(people.stat().st_atime_ns, people.stat().st_mtime_ns + 10**9))
        body_edit(root)

    def edit_people(root: Path) -> None:
        people_registry(root)
        body_edit(root)

    assert not planned_by(body_edit)
    assert planned_by(title_edit)
    assert not planned_by(touch_people)
    assert planned_by(edit_people)
    assert not planned_by(quote_edit)


def test_a_body_edit_reads_only_the_records_its_pages_show(tmp_path, monkeypatch):
    """After a body edit the build makes its index from the last build's shape and reads whole
    only the kept records a page it works out shows (build/kept_records.py): here the edited
    item's neighbours and related candidates, not the archive. (Without a search index: a
    body edit makes the index read every item.) Its output still equals a full build's."""
    from sitegen.build import kept_records
    from tests.factory import make_archive as make_small_archive, md

    files = {}
    for n in range(40):
        day = f"{2021 + n % 2}-{1 + n % 12:02d}-{1 + n // 12:02d}"
        files[f"content/articles/{day[:4]}/{day}-item-{n}.md"] = md(
            f'title: "Item {n}"\ndate: {day}\nspeakers: [jane-smyth]\ntopics: [budget]\n'
            "places: [riverton]\nsource:\n  outlet: daily-example",
            f'"Words number {n}," Jane Smyth said.\n\nA first paragraph.\n')
    root = make_small_archive(tmp_path, files)
    out = tmp_path / "out"
    run_build(root, out, search=False)
    edited = root / "content/articles/2021/2021-01-01-item-0.md"
    settle()
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    read = []
    whole = kept_records.read_whole

    def counted(article):
        if type(article) is kept_records.KeptArticle:
            read.append(article.id)
        whole(article)

    monkeypatch.setattr(kept_records, "read_whole", counted)
    report = run_build(root, out, search=False)
    monkeypatch.setattr(kept_records, "read_whole", whole)
    assert not report.full and report.written >= 1
    assert 0 < len(read) <= 2 * 6 + 2, read  # related.WINDOW on each side, and the two neighbours
    assert site_files(out) == site_files(build_full_copy(root, tmp_path / "full"))


def build_full_copy(root: Path, out: Path) -> Path:
    run_build(root, out, incremental=False, search=False)
    return out


def test_a_registry_edited_within_its_size_and_mtime_is_not_trusted_unread(site):
    """The last build's findings stand only for the same registries, judged by their bytes:
    one rewritten with its old size and mtime (a copy keeping times, a coarse clock) and a
    body edit beside it must still warn as a full build does."""
    topics = site.root / "content" / "topics.yaml"
    kept = topics.stat()
    text = topics.read_text(encoding="utf-8")
    assert "budget:" in text
    topics.write_text(text.replace("budget:", "budgex:", 1), encoding="utf-8")
    os.utime(topics, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    body_edit(site.root)
    report = site.build()
    site.check(report)  # warnings as a full build's
    assert any('unknown topic "budget"' in d.message for d in report.warnings)


def test_the_registries_are_read_again_only_when_their_bytes_or_links_change(site, monkeypatch):
    """A build takes the registries the last one read (the state keeps them) while their
    bytes, and whether each is a link, are the same: a body edit or a touched registry reads
    none; an edited or relinked one reads them again. Each build equals a full one."""
    def read_by(change: Callable[[Path], None]) -> bool:
        return called_by_build(site, monkeypatch, "load_registries_once", change)

    people = site.root / "content" / "people.yaml"

    def touch_people(root: Path) -> None:
        os.utime(people, ns=(people.stat().st_atime_ns, people.stat().st_mtime_ns + 10**9))
        body_edit(root)

    def link_people(root: Path) -> None:
        moved = root / "content" / "people-kept.yaml"
        people.rename(moved)
        people.symlink_to(moved.name)
        body_edit(root)

    assert not read_by(body_edit)
    assert not read_by(touch_people)
    assert read_by(people_registry)
    assert read_by(link_people)
    assert not read_by(body_edit)


def test_a_warm_builder_sees_a_registry_edited_within_its_size_and_mtime(tmp_path):
    """The preview's builder takes its registries from its last build's state, kept by their
    bytes: one rewritten with its old size and mtime still shows as a full build does."""
    root = site_archive(tmp_path)
    builder = Builder(load_config(root), tmp_path / "warm", keep_warm=True)
    builder.build()
    topics = root / "content" / "topics.yaml"
    kept = topics.stat()
    topics.write_text(topics.read_text(encoding="utf-8").replace("budget:", "budgex:", 1), encoding="utf-8")
    os.utime(topics, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    settle()
    body_edit(root)
    report = builder.build()
    builder.wait()
    assert any('unknown topic "budget"' in d.message for d in report.warnings)
    full = run_build(root, tmp_path / "full", incremental=False)
    problem = tree_diff(compared(site_files(tmp_path / "warm")), compared(site_files(full.out_dir)), "warm", "full")
    assert not problem, problem


def test_an_edit_inside_a_linked_articles_folder_is_seen(tmp_path):
    root = site_archive(tmp_path)
    (root / "content" / "articles").rename(tmp_path / "articles-elsewhere")
    (root / "content" / "articles").symlink_to(tmp_path / "articles-elsewhere")
    s = Site(tmp_path, root, tmp_path / "out")
    s.build()
    settle()
    body_edit(root)
    report = s.build()
    assert report.written > 0 and not report.full
    s.check(report)


def test_an_article_link_led_elsewhere_is_seen(site, tmp_path):
    """A link led to a file of the same size and mtime outside the archive still changes the
    inputs' fingerprint: the build refuses it, as a full build does."""
    link = article(site.root, "ivanov-museum-hours")
    inside = site.root / "content" / "kept" / link.name  # not under articles/: not read as one
    inside.parent.mkdir()
    link.rename(inside)
    link.symlink_to(os.path.relpath(inside, link.parent))
    site.build()
    outside = tmp_path / "copy.md"
    shutil.copy2(inside, outside)  # the same size and mtime
    link.unlink()
    link.symlink_to(outside)
    with pytest.raises(SitegenError) as refused:
        site.build()
    assert any("outside the archive" in d.format() for d in refused.value.diagnostics)


def test_template_base_rewrites_every_html_page(site):
    before = site_files(site.out)
    base_template(site.root)
    report = site.build()
    after = site.check(report)
    html = [n for n in after if n.endswith(".html")]
    assert all(before[n] != after[n] for n in html)
    assert report.written >= len(html)


def test_asset_edit_new_fingerprint_and_old_file_gone(site):
    old = {n for n in site_files(site.out) if n.startswith("assets/style.")}
    assert len(old) == 1
    asset_edit(site.root)
    report = site.build()
    after = site.check(report)
    new = {n for n in after if n.startswith("assets/style.")}
    assert len(new) == 1 and new != old, (old, new)
    (new_name,) = new
    stale = [n for n in after if n.endswith(".html") and new_name.encode() not in after[n]]
    assert not stale, f"pages not linking the new stylesheet: {stale}"
    assert report.removed >= 1


def test_no_change_writes_nothing(site):
    before = site_files(site.out)
    before_mtimes = mtimes(site.out)
    settle()
    for _ in range(2):  # and a no-op after a no-op
        report = site.build()
        assert report.written == 0, report
        assert report.removed == 0, report
        assert report.full is False, report
        assert mtimes(site.out) == before_mtimes
        assert site_files(site.out) == before
    assert report.files == site.first.files and report.pages == site.first.pages
    assert [d.format() for d in report.warnings] == [d.format() for d in site.first.warnings]
    assert state_files(site.root, site.out), "the build state should be kept on disk"


def test_state_is_kept_across_processes(site):
    """`sitegen build` twice in two processes; then build() in this one: nothing written."""
    root = site.root
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}

    def cli(*args):
        done = subprocess.run([sys.executable, "-m", "sitegen", "build", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done

    out = root / "build"  # the CLI's default, with --root left at "."
    cli()
    before_mtimes = mtimes(out)
    before = site_files(out)
    settle()
    cli()
    assert mtimes(out) == before_mtimes, "a second `sitegen build` in a new process rewrote files"
    assert site_files(out) == before
    report = run_build(root, out)  # absolute paths this time, same folders
    assert (report.written, report.full) == (0, False), (
        f"the same archive and output folder, named by absolute paths instead of the CLI's "
        f"'.' and 'build': nothing changed, so nothing should be written ({report})")
    assert mtimes(out) == before_mtimes

    body_edit(root)
    cli()
    by_cli = site_files(out)
    site.out = out
    report = run_build(root, out)  # a no-op after the CLI's build
    assert site.check(report) == by_cli
    assert (report.written, report.full) == (0, False), report


def test_deleted_output_folder_means_full_build(site):
    remove_output(site.out)
    report = site.build()
    assert report.full, "with no output folder every file must be written"
    assert report.written == report.files
    site.check(report)


def test_output_folder_elsewhere_after_incremental_builds(site):
    """A second output folder (e.g. a preview) does not share the first one's state."""
    body_edit(site.root)
    site.build()
    other = site.tmp / "other-out"
    report = run_build(site.root, other)
    assert report.full and report.written == report.files
    title_edit(site.root)
    site.out = other
    site.check(site.build())
    site.out = site.tmp / "out"  # the first folder catches up with both changes
    site.check(site.build())


@pytest.mark.parametrize("garbage", [b"\x00\xffnot state at all\x80", b"", b"{}", b"[1, 2, 3]\n"],
                         ids=["binary", "empty", "empty-json", "json-list"])
def test_corrupted_state_falls_back_to_full_build(site, garbage):
    files = state_files(site.root, site.out)
    assert files, f"the build state should be kept on disk (under {CACHE}/)"
    for path in files:
        path.write_bytes(garbage)
    body_edit(site.root)
    report = site.build()
    assert report.full, "unreadable state must mean a full build"
    site.check(report)
    again = site.build()
    assert (again.written, again.full) == (0, False), "the state should be whole again"


def test_deleted_state_falls_back_to_full_build(site):
    files = state_files(site.root, site.out)
    assert files, f"the build state should be kept on disk (under {CACHE}/)"
    for path in files:
        path.unlink()
    title_edit(site.root)
    report = site.build()
    assert report.full
    site.check(report)


def invalid_date(root: Path) -> Callable[[], None]:
    path = article(root, "summer-opening")
    edit(path, "date: 2024-06-01", "date: 2024-06-31")
    return lambda: edit(path, "date: 2024-06-31", "date: 2024-06-01")


def template_error(root: Path) -> Callable[[], None]:
    path = root / "templates/speaker.html"
    edit(path, "{% if roles %}", "{% if roles %}{% if %}")
    return lambda: edit(path, "{% if roles %}{% if %}", "{% if roles %}")


@pytest.mark.parametrize("break_it", [invalid_date, template_error], ids=["invalid-date", "template-error"])
def test_failed_build_leaves_output_and_recovers(site, break_it):
    before = site_files(site.out)
    before_mtimes = mtimes(site.out)
    settle()
    body_edit(site.root)  # a good change that waits for the bad one to be fixed
    fix = break_it(site.root)
    with pytest.raises(SitegenError):
        site.build()
    assert site_files(site.out) == before, "a failed build must leave the previous site as it was"
    assert mtimes(site.out) == before_mtimes
    assert sorted(p.name for p in site.tmp.iterdir() if staging(p.name)) == []
    with pytest.raises(SitegenError):  # still broken: still an error, not a stale success
        site.build()
    fix()
    after = site.check(site.build())
    assert b"He added one more sentence." in after["2024/02/20/ivanov-museum-hours/index.html"]


def test_strict_build_fails_on_warnings_of_unchanged_files(site):
    assert site.first.warnings, "the heritage topic is not in the registry: a warning"
    before = site_files(site.out)
    with pytest.raises(SitegenError):
        site.build(strict=True)
    assert site_files(site.out) == before
    report = site.build()
    assert (report.written, report.full) == (0, False), report


def test_drafts_option_toggles_draft_pages(site):
    draft = "2024/03/02/draft-note/index.html"
    report = site.build(drafts=True)
    assert draft in site.check(report, drafts=True)
    report = site.build()
    assert draft not in site.check(report)
    assert report.removed >= 1


def test_base_url_override_and_back(site):
    report = site.build(base_url=NEW_BASE_URL)
    tree = site.check(report, base_url=NEW_BASE_URL)
    assert NEW_BASE_URL.encode() in tree["feed.xml"]
    report = site.build()
    assert NEW_BASE_URL.encode() not in site.check(report)["feed.xml"]


def test_a_restored_older_output_is_not_taken_for_the_current_one(site):
    """Copy the output aside, change an article, build; put the old copy back: rebuilt."""
    old_copy = site.tmp / "old-copy"
    shutil.copytree(site.out, old_copy)
    title_edit(site.root)
    settle()
    site.build()
    shutil.copytree(old_copy, site.out, dirs_exist_ok=True)  # the backup copied back in
    report = site.build()
    assert report.written > 0 or report.full, "an older copy of the output was trusted as current"
    site.check(report)


def test_a_person_page_follows_whether_they_still_speak(site):
    """The ministry is mentioned in one item and speaks in another; then it stops speaking.

    Its person page links to its speaker page only while it has one, though
    the items that mention it did not change.
    """
    edit(article(site.root, "petrosyan-opens-river-museum"), "people: [boris-ivanov]",
         "people: [boris-ivanov, ministry-of-examples]")
    settle()
    site.check(site.build())
    edit(article(site.root, "ministry-statement"), "speakers: [ministry-of-examples]",
         "speakers: [anna-petrosyan]")
    settle()
    tree = site.check(site.build())
    assert "speakers/ministry-of-examples/index.html" not in tree
    assert b"speakers/ministry-of-examples/" not in tree["people/ministry-of-examples/index.html"]


def test_pages_showing_an_item_as_related_or_translated_follow_its_title(site):
    """Article pages list related items and translations by title: editing that title re-renders them."""
    old_title = "Summer opening of the river museum"
    showing = sorted(n for n, data in site_files(site.out).items()
                     if n.endswith("index.html") and len(n.split("/")) == 5
                     and "summer-opening/" not in n and old_title.encode() in data)
    assert "2024/06/02/summer-opening-ru/index.html" in showing  # its translation
    related = [n for n in showing if n != "2024/06/02/summer-opening-ru/index.html"]
    assert related, "some article should show the summer opening as a related item"
    settle()
    original_title_edit(site.root)
    after = site.check(site.build())
    for name in showing:
        assert b"river museum&#39;s new wing" in after[name], name


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_a_warm_builder_shows_what_changed_as_a_full_build_does(change, tmp_path):
    """The preview server keeps one builder, and its Jinja environment, between builds (a
    new one when site.yaml changes): what it shows after each kind of change must be what
    a full build gives (pages importing macros once showed a renamed person's old name)."""
    root = site_archive(tmp_path)
    config = load_config(root)
    builder = Builder(config, tmp_path / "warm", keep_warm=True)
    builder.build()
    settle()
    change.apply(root)
    if load_config(root) != config:  # as serve.py does
        builder.wait()
        builder = Builder(load_config(root), tmp_path / "warm", keep_warm=True)
    builder.build()
    builder.wait()
    full = run_build(root, tmp_path / "full", incremental=False)
    problem = tree_diff(compared(site_files(tmp_path / "warm")), compared(site_files(full.out_dir)),
                        "warm", "full")
    assert not problem, problem


def _one_body(root: Path) -> Path:
    return sorted((root / "content" / "articles").rglob("*.md"))[0]


def test_a_warm_builder_saves_its_state_under_the_folders_lock(tmp_path, monkeypatch):
    """The preview saves its state after build() returns: meanwhile another process's build
    must wait, not start from (or tidy away) a state half written."""
    import fcntl
    import threading

    from sitegen.build import engine

    root = site_archive(tmp_path)
    builder = Builder(load_config(root), tmp_path / "warm", keep_warm=True)
    builder.build()
    builder.wait()
    saving, release = threading.Event(), threading.Event()
    real_save = engine.save_state

    def slow_save(*args, **kwargs):
        saving.set()
        release.wait(10)
        return real_save(*args, **kwargs)

    monkeypatch.setattr(engine, "save_state", slow_save)
    with open(_one_body(root), "a", encoding="utf-8") as handle:
        handle.write("\nA warm edit.\n")
    builder.build()
    assert saving.wait(10)
    with open(tmp_path / ".warm.sitegen" / "lock", "a+") as other:  # as another process's build
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        release.set()
        builder.wait()
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(other, fcntl.LOCK_UN)


def test_a_warm_builder_does_not_keep_each_rebuilds_garbage(tmp_path):
    """A preview server rebuilds for hours: the objects it holds must not grow with every
    rebuild (rendering hands the heap to the oldest generation, which the collector's own
    thresholds would then never scan in full)."""
    import gc

    root = site_archive(tmp_path)
    builder = Builder(load_config(root), tmp_path / "warm", keep_warm=True)
    body = _one_body(root)

    def rebuild(times: int) -> int:
        for number in range(times):
            with open(body, "a", encoding="utf-8") as handle:
                handle.write(f"\nWarm edit {number}.\n")
            settle()
            builder.build()
            builder.wait()
        return len(gc.get_objects())

    early = rebuild(5)
    late = rebuild(40)
    assert late - early < 2_000, f"{late - early} more objects after 40 more rebuilds"


def damage_kept_records(state_dir: Path, which: Callable[[str], bool]) -> None:
    """Garble the kept bytes of the records ``which`` picks (by id) in the state's base of
    records, as the state's own pickler writes them (build/kept_records.py)."""
    import pickle

    from sitegen.build.kept_records import REDUCTIONS

    base = next(p for p in state_dir.glob("state.sources.*") if not p.name.endswith(".log"))
    sources = pickle.loads(base.read_bytes())
    for source in sources.values():
        if which(source.article.id):
            source.article.__dict__["_kept_fields"] = b"not a pickle"
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = REDUCTIONS
    pickler.dump(sources)
    base.write_bytes(buffer.getvalue())


@pytest.mark.parametrize("search", [False, True])
def test_a_damaged_record_first_read_by_a_template_means_a_full_build(tmp_path, search):
    """A kept record read first while a page renders (the edited item's newer neighbour, on
    its page) is not a template error: the build starts afresh, and the next one is
    incremental again."""
    from tests.factory import make_archive as make_small_archive, md

    files = {f"content/articles/2024/2024-03-{d:02d}-item-{d}.md":
             md(f"title: Item {d}\ndate: 2024-03-{d:02d}", f"Body {d}.\n\n> Quote {d}.\n") for d in range(1, 13)}
    root = make_small_archive(tmp_path, files)
    out = tmp_path / "out"
    run_build(root, out, search=search)
    damage_kept_records(out.parent / f".{out.name}.sitegen", lambda article_id: article_id == "2024-03-02-item-2")
    edited = root / "content/articles/2024/2024-03-01-item-1.md"
    settle()
    edited.write_text(edited.read_text(encoding="utf-8").replace("Body 1.", "Body one."), encoding="utf-8")
    report = run_build(root, out, search=search)
    assert report.full
    full = run_build(root, tmp_path / "full", incremental=False, search=search)
    assert site_files(out) == site_files(full.out_dir)
    settle()
    edited.write_text(edited.read_text(encoding="utf-8").replace("Body one.", "Body one, again."), encoding="utf-8")
    assert not run_build(root, out, search=search).full


def test_a_damaged_kept_record_means_a_full_build(site):
    """A record the state keeps as bytes is read only when a page needs it: if those bytes are
    damaged, the build starts afresh, as for a state damaged in any other way."""
    state_dir = next(p for p in state_files(site.root, site.out) if p.name == "state").parent
    damage_kept_records(state_dir, lambda article_id: True)
    settle()
    body_edit(site.root)
    report = site.build()
    assert report.full
    site.check(report)
    settle()
    body_edit(site.root)
    report = site.build()  # and the state made afresh serves the next build
    assert not report.full
    site.check(report)


def test_damaged_bytes_of_what_listings_take_from_a_body_mean_a_full_build(site):
    """What listing pages take from each body (its quotes and summary) is kept as bytes and read
    when a listing shows that item: damaged bytes make the build start afresh."""
    import pickle

    state_dir = next(p for p in state_files(site.root, site.out) if p.name == "state").parent
    base = next(p for p in state_dir.glob("state.derived.*") if not p.name.endswith(".log"))
    base.write_bytes(pickle.dumps({digest: (*kept[:2], b"not a pickle")
                                   for digest, kept in pickle.loads(base.read_bytes()).items()}))
    settle()
    body_edit(site.root)
    report = site.build()
    assert report.full
    site.check(report)


def test_a_registry_link_led_out_of_the_archive_is_refused_as_by_a_full_build(tmp_path):
    """The registries, and the findings about them, are kept by their bytes and by where a
    link leads: one led out of the archive (the same bytes) fails as a full build does."""
    root = site_archive(tmp_path)
    people = root / "content" / "people.yaml"
    out = tmp_path / "out"
    run_build(root, out)
    outside = tmp_path / "elsewhere" / "people.yaml"
    outside.parent.mkdir()
    shutil.copy2(people, outside)
    people.unlink()
    people.symlink_to(outside)
    for target in (tmp_path / "full", out):
        with pytest.raises(SitegenError) as raised:
            run_build(root, target, incremental=target == out)
        assert any("outside" in d.message for d in raised.value.diagnostics)


def test_an_article_link_led_to_a_file_of_the_same_size_and_mtime_is_read_again(tmp_path):
    """A linked article's record is not trusted by its size and mtime: the link may lead to
    another file with both the same."""
    root = site_archive(tmp_path)
    kept = root / "content" / "kept"
    kept.mkdir()
    a, b = kept / "a.md", kept / "b.md"
    a.write_text('---\ntitle: "Title AAAA"\ndate: 2024-05-01\n---\nBody AAAA.\n', encoding="utf-8")
    b.write_text('---\ntitle: "Title BBBB"\ndate: 2024-05-01\n---\nBody BBBB.\n', encoding="utf-8")
    os.utime(b, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns))
    link = root / "content" / "articles" / "2024" / "2024-05-01-linked.md"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(a)
    out = tmp_path / "out"
    run_build(root, out)
    link.unlink()
    link.symlink_to(b)
    run_build(root, out)
    full = run_build(root, tmp_path / "full", incremental=False)
    problem = tree_diff(compared(site_files(out)), compared(site_files(full.out_dir)), "incremental", "full")
    assert not problem, problem
    assert "Title BBBB" in (out / "2024/05/01/linked/index.html").read_text(encoding="utf-8")
