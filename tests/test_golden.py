"""A small archive built whole and compared file by file with expected output.

Refresh the expected output on purpose, after a deliberate change to the
theme or the pages, with:

    SITEGEN_REFRESH_GOLDEN=1 python -m pytest tests/test_golden.py

and review the diff in git before committing it.
"""

import os
import shutil
from pathlib import Path

import pytest

from sitebuild import build_archive, make_archive, site_files

SITES = Path(__file__).parent / "sites"


@pytest.mark.parametrize("name", ["basic"])
def test_site_matches_expected_output(name, tmp_path):
    root = make_archive(SITES / name, tmp_path / name)
    built = site_files(build_archive(root))
    expected_dir = SITES / name / "expected"
    if os.environ.get("SITEGEN_REFRESH_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(root / "build", expected_dir)
    expected = site_files(expected_dir)
    assert sorted(built) == sorted(expected)
    for name, data in expected.items():
        assert built[name].decode("utf-8") == data.decode("utf-8"), name


def test_drafts_only_with_drafts_option(tmp_path):
    root = make_archive(SITES / "basic", tmp_path / "basic")
    published = site_files(build_archive(root))
    with_drafts = site_files(build_archive(root, tmp_path / "preview", drafts=True))
    draft_page = "2024/03/02/draft-note/index.html"
    assert draft_page not in published
    assert draft_page in with_drafts
    assert b"Draft: not part of the published archive." in with_drafts[draft_page]
