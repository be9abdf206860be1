"""assets: copied under content-hashed names."""

import re

import pytest

from sitegen.archive.assets import collect_assets
from sitegen.core.diagnostics import SitegenError
from tests.factory import write_files


def test_fingerprinted_names(tmp_path):
    assets = collect_assets(write_files(tmp_path, {"style.css": "a{}", "img/logo.svg": "<svg/>",
                                                   "LICENSE": "x", "fonts.v2/font": "f"}))
    outputs = {name: a.output for name, a in assets.files.items()}
    assert re.fullmatch(r"assets/style\.[0-9a-f]{10}\.css", outputs["style.css"])
    assert re.fullmatch(r"assets/img/logo\.[0-9a-f]{10}\.svg", outputs["img/logo.svg"])
    assert re.fullmatch(r"assets/LICENSE\.[0-9a-f]{10}", outputs["LICENSE"])
    assert re.fullmatch(r"assets/fonts\.v2/font\.[0-9a-f]{10}", outputs["fonts.v2/font"])


def test_name_changes_with_content_only(tmp_path):
    first = collect_assets(write_files(tmp_path / "a", {"style.css": "a{}"})).output_of("style.css")
    same = collect_assets(write_files(tmp_path / "b", {"style.css": "a{}"})).output_of("style.css")
    changed = collect_assets(write_files(tmp_path / "c", {"style.css": "b{}"})).output_of("style.css")
    assert first == same != changed


def test_hidden_files_are_skipped(tmp_path):
    assets = collect_assets(write_files(tmp_path, {".DS_Store": "x", ".cache/a.css": "x",
                                                   "style.css.swp": "x", "style.css": "a{}"}))
    assert sorted(assets.files) == ["style.css", "style.css.swp"]


def test_missing_folder_means_no_assets(tmp_path):
    assert dict(collect_assets(tmp_path / "nope").files) == {}


def test_unknown_asset_names_the_known_ones(tmp_path):
    assets = collect_assets(write_files(tmp_path, {"style.css": "a{}"}))
    with pytest.raises(LookupError, match=r'no asset "app.js" in assets/ \(known: style.css\)'):
        assets.output_of("app.js")


def test_a_link_out_of_the_archive_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private key")
    archive = tmp_path / "archive"
    assets_dir = write_files(archive / "assets", {"style.css": "a{}"})
    (assets_dir / "key.txt").symlink_to(secret)
    with pytest.raises(SitegenError) as caught:
        collect_assets(assets_dir, archive)
    [problem] = caught.value.diagnostics
    assert problem.path.endswith("assets/key.txt")
    assert problem.message == "is a symbolic link to a file outside the archive"


def test_a_link_inside_the_archive_is_fine(tmp_path):
    archive = tmp_path / "archive"
    assets_dir = write_files(archive / "assets", {"style.css": "a{}"})
    (assets_dir / "alias.css").symlink_to(assets_dir / "style.css")
    assert "alias.css" in collect_assets(assets_dir, archive).files
