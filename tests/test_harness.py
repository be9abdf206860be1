"""Self-test of the test harness (tests/support + the fixtures in conftest.py).

If these fail, the browser/validator tests of the site can't be trusted:
they prove that vnu really reports errors (and none for a valid page), and
that the browser fixture really sees console errors and failed loads.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import vnu as vnu_module
from support.static_server import serve_directory

VALID_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Valid page</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<main>
<h1>Hello</h1>
<p>A <a href="other.html">link</a>.</p>
</main>
<script>document.body.dataset.ready = "yes";</script>
</body>
</html>
"""

# Stray end tag, unclosed element, <p> inside <span>: several errors.
INVALID_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Invalid page</title></head>
<body>
<span><p>block in inline</p></span>
<div>unclosed
</i>
</body>
</html>
"""

VALID_CSS = "body { color: #222; margin: 0 auto; max-width: 40rem; }\n"
INVALID_CSS = "body { colr: red; }\n"


def _page(body: str, title: str = "t") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{body}</body></html>\n"
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(VALID_HTML, encoding="utf-8")
    (tmp_path / "other.html").write_text(_page("<p>other</p>"), encoding="utf-8")
    (tmp_path / "style.css").write_text(VALID_CSS, encoding="utf-8")
    return tmp_path


# --- vnu -----------------------------------------------------------------------


def test_vnu_valid_vs_invalid(site: Path, vnu) -> None:
    bad_dir = site / "bad dir"  # a space in the path must round-trip
    bad_dir.mkdir()
    invalid = bad_dir / "invalid.html"
    invalid.write_text(INVALID_HTML, encoding="utf-8")
    bad_css = bad_dir / "bad.css"
    bad_css.write_text(INVALID_CSS, encoding="utf-8")

    files = vnu_module.site_files(site)
    assert len(files) == 5
    errors = vnu(files)  # one JVM for all files

    def errors_for(path: Path) -> list[str]:
        return [e for e in errors if e.startswith(f"{path}:")]

    assert errors_for(site / "index.html") == []
    assert errors_for(site / "other.html") == []
    assert errors_for(site / "style.css") == []
    assert len(errors_for(invalid)) >= 1, errors
    assert any("colr" in e for e in errors_for(bad_css)), errors
    # Every message is attributed to one of our files, as "file:line: message".
    assert len(errors) == len(errors_for(invalid)) + len(errors_for(bad_css)), errors
    assert any(e.startswith(f"{invalid}:7: ") for e in errors), errors  # stray </i>


def test_vnu_rejects_missing_file(tmp_path: Path) -> None:
    # vnu itself would skip a missing file silently and report "valid".
    with pytest.raises(FileNotFoundError):
        vnu_module.validate([tmp_path / "nope.html"])


def test_vnu_chunks_long_argument_lists() -> None:
    paths = [f"/site/{'x' * 90}/{i}.html" for i in range(5000)]
    chunks = list(vnu_module._chunks(paths))
    assert len(chunks) > 1
    assert [p for c in chunks for p in c] == paths
    assert all(sum(len(p) + 1 for p in c) <= vnu_module._MAX_ARGV_CHARS for c in chunks)


# --- static server ----------------------------------------------------------------


def test_static_server(site: Path) -> None:
    with serve_directory(site) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        with urllib.request.urlopen(base) as resp:  # directory -> index.html
            assert resp.status == 200
            assert resp.headers["Content-Type"].startswith("text/html")
            assert b"<title>Valid page</title>" in resp.read()
        with urllib.request.urlopen(base + "style.css") as resp:
            assert resp.headers["Content-Type"].startswith("text/css")
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(base + "missing.html")
        assert info.value.code == 404
    # After the block the port is closed.
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base, timeout=2)


# --- chromium -------------------------------------------------------------------------


def test_chromium_loads_valid_page_cleanly(site: Path, chromium) -> None:
    with serve_directory(site) as base, chromium() as (page, errors):
        page.goto(base)
        assert page.title() == "Valid page"
        assert page.locator("body").get_attribute("data-ready") == "yes"  # JS ran
        # the stylesheet was fetched and applied
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
        page.click("text=link")
        page.wait_for_url(base + "other.html")
        assert errors == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<script>console.error("x")</script>', "console.error: x"),
        ('<script>throw new Error("boom")</script>', "pageerror: "),
        ('<img src="missing.png" alt="">', "http 404: "),
    ],
    ids=["console.error", "uncaught-exception", "missing-resource"],
)
def test_chromium_catches_errors(tmp_path: Path, chromium, body: str, expected: str) -> None:
    (tmp_path / "index.html").write_text(_page(body), encoding="utf-8")
    with serve_directory(tmp_path) as base, chromium() as (page, errors):
        page.goto(base, wait_until="load")
        assert any(e.startswith(expected) for e in errors), errors
