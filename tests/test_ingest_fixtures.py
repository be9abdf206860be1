"""Fixture pairs: each raw capture in tests/ingest/raw/ → the article expected of it.

tests/ingest/expected/<capture>/<YYYY>/<file>.md is the whole file ingest
must write, path included. After a deliberate change to ingest, refresh with
SITEGEN_REFRESH_INGEST=1 and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from ingesting import EXPECTED, RAW, REPO, archive, articles, ingest
from sitegen.build.engine import build
from sitegen.core.config import load_config

CAPTURES = sorted(p.stem for p in RAW.glob("*.txt"))
REFRESH = os.environ.get("SITEGEN_REFRESH_INGEST") == "1"


def test_there_are_enough_fixtures_in_both_languages():
    assert len(CAPTURES) >= 15
    assert sum(name.startswith("ru-") for name in CAPTURES) >= 4


@pytest.mark.parametrize("name", CAPTURES)
def test_capture_gives_the_expected_article(tmp_path, name, capsys):
    root = archive(tmp_path, {f"{name}.txt": (RAW / f"{name}.txt").read_bytes()})
    assert ingest(root) == 0
    written = articles(root)
    expected_dir = EXPECTED / name
    if REFRESH:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, text in written.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(expected_dir).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(expected_dir.rglob("*.md"))}
    assert written == expected


def test_every_expected_article_builds(tmp_path):
    """What ingest writes is a valid archive: the build accepts it, drafts included."""
    root = archive(tmp_path)
    for folder in ("templates", "assets"):
        shutil.copytree(REPO / folder, root / folder)
    for name in CAPTURES:
        for path in (EXPECTED / name).rglob("*.md"):
            target = root / "content" / "articles" / path.relative_to(EXPECTED / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    report = build(load_config(root), tmp_path / "out", drafts=True)
    assert report.articles == len(CAPTURES)


def test_the_seed_gives_the_curated_article_except_what_only_a_curator_knows(tmp_path):
    seed = REPO / "content" / "inbox" / "000_64abc2f029700aeb.txt"
    root = archive(tmp_path, {seed.name: seed.read_bytes()})
    assert ingest(root) == 0
    (name, ingested), = articles(root).items()
    curated_path, = (REPO / "content" / "articles").rglob("*.md")
    curated = curated_path.read_text(encoding="utf-8")
    assert name.split("/", 1)[1][4:] == curated_path.name[4:]  # same month, day and slug
    settled = ("date", "date_confidence", "review", "draft")
    assert _without(ingested, settled) == _without(curated, settled)
    assert "draft: true" in ingested
    assert "no year anywhere in the source" in ingested
    assert "date_confidence: low" in ingested
    assert re.search(r"^date: \d{4}-09-21$", ingested, re.MULTILINE)


def _without(text: str, keys: tuple[str, ...]) -> str:
    kept, skipping = [], False
    for line in text.splitlines():
        if re.match(r"^[a-z_]+:", line):
            skipping = line.split(":", 1)[0] in keys
        elif not line.startswith(" "):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept)
