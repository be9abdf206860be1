"""assets: copied under content-hashed names."""

import re

import pytest

from sitegen.archive.assets import collect_assets
from sitegen.core.diagnostics import SitegenError
from tests.factory import write_files


def test_fingerprinted_names(tmp_path):
    assets = collect_assets(write_files(tmp_path, {"style.css": "a{}", "img/logo.svg": "<svg/>",
                                                   "fonts.v2/font.woff2": "f"}))
    outputs = {name: a.output for name, a in assets.files.items()}
    assert re.fullmatch(r"assets/style\.[0-9a-f]{10}\.css", outputs["style.css"])
    assert re.fullmatch(r"assets/img/logo\.[0-9a-f]{10}\.svg", outputs["img/logo.svg"])
    assert re.fullmatch(r"assets/fonts\.v2/font\.[0-9a-f]{10}\.woff2", outputs["fonts.v2/font.woff2"])


def test_name_changes_with_content_only(tmp_path):
    first = collect_assets(write_files(tmp_path / "a", {"style.css": "a{}"})).output_of("style.css")
    same = collect_assets(write_files(tmp_path / "b", {"style.css": "a{}"})).output_of("style.css")
    changed = collect_assets(write_files(tmp_path / "c", {"style.css": "b{}"})).output_of("style.css")
    assert first == same != changed


def test_hidden_files_are_skipped(tmp_path):
    assets = collect_assets(write_files(tmp_path, {".DS_Store": "x", ".cache/a.css": "x", "style.css.swp": "x",
                                                   "style.css~": "x", "style.css": "a{}"}))
    assert sorted(assets.files) == ["style.css"]  # hidden files and editors' leftovers


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


# --- what may be published (archive/publishable.py) ---------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
PLAIN_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'


@pytest.mark.parametrize("name, data, message", [
    ("uploads/page.html", b"<script>alert(1)</script>", "is not published: images only are"),
    ("uploads/tool.js", b"alert(1)", "is not published: images only are"),
    ("notes.html", b"<p>x</p>", "is not published: stylesheets, scripts, images and fonts only are"),
    ("uploads/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "an SVG that can run script"),
    ("uploads/y.svg", b'<svg><script>alert(1)</script></svg>', "an SVG that can run script"),
    ("uploads/z.svg", b'<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "an SVG that can run script"),
    ("uploads/w.svg", b'<svg><foreignObject><p>x</p></foreignObject></svg>', "an SVG that can run script"),
    ("uploads/fake.png", b"<html>not an image</html>", "is not the PNG image its name says"),
])
def test_files_that_may_not_be_published_are_refused_with_a_message(tmp_path, name, data, message):
    folder = write_files(tmp_path / "assets", {name: data, "uploads/ok.png": PNG, "uploads/ok.svg": PLAIN_SVG})
    with pytest.raises(SitegenError) as caught:
        collect_assets(folder)
    [problem] = caught.value.diagnostics
    assert problem.path.endswith(name) and message in problem.message


def test_images_stylesheets_scripts_and_fonts_are_published(tmp_path):
    folder = write_files(tmp_path / "assets", {"style.css": "a{}", "search.js": "x()", "font.woff2": b"wOF2",
                                               "uploads/photo.png": PNG, "uploads/plan.svg": PLAIN_SVG,
                                               "uploads/shot.JPG": b"\xff\xd8\xff\xe0"})
    assert sorted(collect_assets(folder).files) == ["font.woff2", "search.js", "style.css", "uploads/photo.png",
                                                    "uploads/plan.svg", "uploads/shot.JPG"]
