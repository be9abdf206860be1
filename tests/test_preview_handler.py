"""preview_handler: which URL paths reach a file of the site, and which are pages."""

import os

import pytest

from sitegen.serve.handler import is_page, site_path


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "2024").mkdir(parents=True)
    (root / "2024" / "index.html").write_text("page")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "out").symlink_to(tmp_path / "secret.txt")
    (root / "in").symlink_to(root / "2024" / "index.html")
    return root


def test_paths_inside_the_site_resolve(site):
    assert site_path(str(site), "") == os.path.realpath(site)
    assert site_path(str(site), "2024/index.html") == os.path.realpath(site / "2024" / "index.html")
    assert site_path(str(site), "2024/") == os.path.realpath(site / "2024")
    assert site_path(str(site), "in") == os.path.realpath(site / "2024" / "index.html")
    assert site_path(str(site), "no/such/file") is not None  # missing is the handler's 404


@pytest.mark.parametrize("path", [
    "..", "../secret.txt", "2024/../../secret.txt", "2024/..", "/etc/passwd", "//etc/passwd",
    "..\\secret.txt", "2024\\index.html", "index.html\x00", "\x00", "a\nb", "out",
])
def test_paths_leaving_the_site_or_not_plain_are_refused(site, path):
    assert site_path(str(site), path) is None


def test_a_site_reached_through_a_symlink_still_serves(site, tmp_path):
    (tmp_path / "link").symlink_to(site, target_is_directory=True)
    assert site_path(str(tmp_path / "link"), "2024/index.html") == os.path.realpath(
        site / "2024" / "index.html")
    assert site_path(str(tmp_path / "link"), "out") is None


@pytest.mark.parametrize("path, page", [
    ("", True), ("2024/", True), ("2024/02/10/x/", True), ("404.html", True), ("about", True),
    ("feed.xml", False), ("assets/style.0a1b2c.css", False), ("data/articles.json", False),
])
def test_is_page(path, page):
    assert is_page(path) is page
