"""`sitegen serve`: a real server in a subprocess, real requests, a real browser.

Requests go over a raw socket (tests/serving.py) so that no client tidies
`/../` or `%2e%2e` away before the server sees it.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from serving import raw_get, raw_request, running_server, wait_until
from sitebuild import REPO, make_archive
from sitegen.cli.main import _parser
from sitegen.core.diagnostics import error, warning
from sitegen.serve.server import PreviewSite, preview_dir, render_error_page, site_url

BASIC = REPO / "tests" / "sites" / "basic"
ARTICLE_FILE = "content/articles/2024/2024-02-10-ivanov-on-budget.md"
ARTICLE_URL = b"/2024/02/10/ivanov-on-budget/"
TITLE = "Ivanov: the budget keeps the museums open"
LIVE_SCRIPT = b"/livereload.js?port="
SECRET = b"secret-7f3a9c"  # planted next to the served folder and in the archive


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server on a copy of tests/sites/basic, with secrets and symlinks planted around it.

    The symlinks are made after the first build, inside the folder it serves.
    """
    root = make_archive(BASIC, tmp_path_factory.mktemp("serve") / "site")
    with running_server(root) as server:
        site = preview_dir(root, server.port)
        assert (site / "index.html").is_file(), server.describe()
        (site.parent / "secret.txt").write_bytes(SECRET + b" beside the site\n")
        (root / "secret.txt").write_bytes(SECRET + b" in the archive\n")
        (site / "leak.txt").symlink_to("../secret.txt")
        (site / "leakdir").symlink_to(root, target_is_directory=True)
        (site / "inward").mkdir()
        (site / "inward" / "index.html").symlink_to(site.parent / "secret.txt")
        (site / "etc").symlink_to("/etc", target_is_directory=True)
        yield server, root


# --- without a server ----------------------------------------------------------

def test_error_page_lists_each_diagnostic_escaped_and_is_valid_html(tmp_path, vnu):
    page = render_error_page(REPO / "templates", [
        error("content/a.md", 4, 'unknown key "<script>alert(1)</script>"', "put it under extra:"),
        warning("content/b.md", None, "unknown topic & more")])
    assert page.content_type == "text/html; charset=utf-8"
    html = page.body.decode()
    assert "content/a.md:4: unknown key &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; " \
           "(put it under extra:)" in html
    assert "content/b.md: warning: unknown topic &amp; more" in html
    assert "<script>" not in html and "</head>" in html  # livereload's script goes before </head>
    (tmp_path / "error.html").write_bytes(page.body)
    assert vnu([tmp_path / "error.html"]) == []


def test_error_page_is_plain_text_without_its_template(tmp_path):
    page = render_error_page(tmp_path, [error("content/a.md", 4, "impossible date")])
    assert page.content_type == "text/plain; charset=utf-8"
    assert page.body.decode().splitlines()[-1] == "content/a.md:4: impossible date"
    (tmp_path / "build-error.html").write_text("{{ nothing_here }}")
    page = render_error_page(tmp_path, [error("content/a.md", 4, "impossible date")])
    assert page.content_type.startswith("text/plain")
    assert "build-error.html: cannot show this page as HTML: " in page.body.decode()


def test_rebuild_remembers_a_failure_until_fixed(tmp_path, capsys):
    root = make_archive(BASIC, tmp_path / "site")
    site = PreviewSite(root, tmp_path / "out", "http://127.0.0.1:9/", drafts=False)
    assert site.rebuild() is True and site.failure is None
    assert 'href="http://127.0.0.1:9/2024/02/10/ivanov-on-budget/"' in \
        (tmp_path / "out" / "2024/02/10/ivanov-on-budget/index.html").read_text()
    edited(root, "date: 2024-02-10T09:30:00+04:00", "date: 2024-02-30")
    assert site.rebuild() is True and b"impossible date" in site.failure.body
    assert site.rebuild() is False  # the same error again: nothing new to show
    edited(root, "date: 2024-02-30", "date: 2024-02-10T09:30:00+04:00")
    assert site.rebuild() is True and site.failure is None
    assert site.rebuild() is False  # nothing changed: open pages are left alone
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("Test Archive", "Renamed Archive"))
    assert site.rebuild() is True  # a new config: a new builder, every page again
    assert "Renamed Archive" in (tmp_path / "out" / "index.html").read_text()
    site.close()
    err = capsys.readouterr().err
    assert err.count("impossible date") == 2 and "Traceback" not in err


def test_site_url():
    assert site_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert site_url("::1", 8001) == "http://[::1]:8001/"


# --- a server in a subprocess --------------------------------------------------

def edited(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_pages_with_the_live_reload_script(served):
    server, _ = served
    for target in (b"/", ARTICLE_URL, b"/speakers/"):
        status, headers, body = raw_get(server.port, target)
        assert status == 200, target
        assert "Content-Type: text/html" in headers
        assert body.count(LIVE_SCRIPT) == 1 and body.index(LIVE_SCRIPT) < body.index(b"</head>")
    _, _, body = raw_get(server.port, ARTICLE_URL)
    assert TITLE.encode() in body
    assert f'<link rel="canonical" href="{server.url}2024/02/10/ivanov-on-budget/">'.encode() in body
    assert raw_get(server.port, b"/livereload.js")[0] == 200
    assert raw_get(server.port, b"/2024")[0] == 301  # a folder without its slash: redirected


def test_serves_on_127_0_0_1_by_default(served):
    server, _ = served
    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    assert f"sitegen serve: http://127.0.0.1:{server.port}/" in server.output()[0]
    if not Path("/proc/net/tcp").exists():
        pytest.skip("the listening address is read from Linux's /proc/net/tcp")
    assert _listening_on(server.port) == {"127.0.0.1"}
    with pytest.raises(OSError):  # all of 127/8 is this machine, but only .1 is bound
        socket.create_connection(("127.0.0.2", server.port), timeout=5).close()


def test_only_this_machines_names_are_answered(served):
    """A page elsewhere that points its own host name at 127.0.0.1 (DNS rebinding) gets 421."""
    server, _ = served
    for name in ("127.0.0.1", "localhost", "[::1]", "LOCALHOST"):
        assert raw_get(server.port, b"/", host_header=f"{name}:{server.port}")[0] == 200, name
    for name in ("attacker.example", "127.0.0.1.attacker.example", "localhost"):
        port = server.port if name != "localhost" else server.port + 1
        assert raw_get(server.port, b"/", host_header=f"{name}:{port}")[0] == 421, name


def test_unknown_path_gets_the_sites_404_page(served):
    server, _ = served
    status, headers, body = raw_get(server.port, b"/no/such/page/")
    assert status == 404
    assert "Content-Type: text/html" in headers
    assert b"<title>Page not found" in body and LIVE_SCRIPT in body
    assert raw_get(server.port, b"/assets/")[0] == 404  # a folder without index.html


TRAVERSALS = [
    "/../secret.txt", "/../../secret.txt", "/../../site.yaml", "/2024/../../secret.txt",
    "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt",
    "/%2e%2e%2f%2e%2e%2fsite.yaml", "/2024/%2e%2e/%2e%2e/%2e%2e/secret.txt",
    "//etc/passwd", "/%2fetc%2fpasswd", "/%2F{secret}", "/{secret}",
    "/..\\secret.txt", "/%5c..%5csecret.txt", "/..%5c..%5csite.yaml",
    "/index.html%00", "/%00../secret.txt", "/../secret.txt%00.html",
    "/leak.txt", "/leakdir/secret.txt", "/leakdir/site.yaml", "/leakdir/", "/inward/",
    "/etc/passwd",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_paths_outside_the_site_get_404(served, target):
    server, root = served
    secret = str(preview_dir(root, server.port).parent / "secret.txt")  # "/tmp/…": "//tmp/…"
    status, _, body = raw_get(server.port, target.format(secret=secret).encode())
    assert status == 404
    assert SECRET not in body and b"root:x:0:0" not in body and b"base_url" not in body
    assert b"<title>Page not found" in body


def test_a_raw_nul_byte_is_refused_before_any_file_is_read(served):
    server, _ = served
    status, _, body = raw_get(server.port, b"/\x00../secret.txt")
    assert status in (400, 404) and SECRET not in body


def test_port_in_use_is_an_error_not_a_traceback(served):
    server, root = served
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "--root", str(root), "serve", "--port", str(server.port)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        timeout=60, stdin=subprocess.DEVNULL, check=False)
    assert result.returncode == 1
    assert f"127.0.0.1:{server.port}: cannot listen: " in result.stderr
    assert "Traceback" not in result.stderr


def test_build_error_shows_in_the_browser_until_fixed(tmp_path):
    root = make_archive(BASIC, tmp_path / "site")
    with running_server(root) as server:
        edited(root, "date: 2024-02-10T09:30:00+04:00", "date: 2024-02-30")
        _, _, body = wait_until(lambda: _answer_with_status(server.port, ARTICLE_URL, 500),
                                what="the error page")
        expected = (f'{ARTICLE_FILE}:3: impossible date &#34;2024-02-30&#34;: '
                    "day is out of range for month (use a real calendar date)").encode()
        assert expected in body, body
        assert LIVE_SCRIPT in body and TITLE.encode() not in body
        assert raw_get(server.port, b"/")[0] == 500  # every page, not just the one edited
        assert raw_get(server.port, b"/feed.xml")[0] == 200  # files that are not pages: last good build
        assert f"{ARTICLE_FILE}:3: impossible date" in server.output()[1]

        edited(root, "date: 2024-02-30", "date: 2024-02-10T09:30:00+04:00")
        _, _, body = wait_until(lambda: _answer_with_status(server.port, ARTICLE_URL, 200),
                                what="the page to come back")
        assert TITLE.encode() in body and LIVE_SCRIPT in body
        assert server.process.poll() is None


def test_a_failing_first_build_still_starts_the_server(tmp_path):
    root = make_archive(BASIC, tmp_path / "site")
    edited(root, "title: \"Ivanov", "titel: \"Ivanov")
    with running_server(root) as server:
        status, _, body = raw_get(server.port, b"/")
        assert status == 500
        assert f"{ARTICLE_FILE}:2: ".encode() in body, body
        edited(root, "titel: \"Ivanov", "title: \"Ivanov")
        _, _, body = wait_until(lambda: _answer_with_status(server.port, ARTICLE_URL, 200),
                                what="the site after the fix")
        assert TITLE.encode() in body


def test_ctrl_c_stops_the_server_cleanly(tmp_path):
    root = make_archive(BASIC, tmp_path / "site")
    with running_server(root) as server:
        assert server.stop() == 0
        out, err = server.output()
        assert "Traceback" not in out + err
        assert out.rstrip().endswith("sitegen serve: stopped")
        assert err == ""


def test_live_reload_in_chromium(tmp_path, chromium):
    """Edit an article on disk; the open page shows the new title without anyone reloading it."""
    root = make_archive(BASIC, tmp_path / "site")
    new_title = "Ivanov: live reload reached the browser"
    with running_server(root) as server, chromium() as (page, errors):
        page.goto(server.url + ARTICLE_URL.decode().lstrip("/"))
        assert page.title().startswith(TITLE)
        # livereload.js sends the server its "info" message in the same step that
        # sets the protocol: from here on, the server counts this tab as a listener.
        page.wait_for_function("() => window.LiveReload && LiveReload.connector.protocol >= 7")
        page.evaluate("() => { window.notReloadedYet = true; }")

        edited(root, TITLE, new_title)
        started = time.monotonic()
        page.wait_for_function("(t) => document.querySelector('h1').textContent === t",
                               arg=new_title, timeout=15_000)
        seconds = time.monotonic() - started

        assert page.evaluate("() => window.notReloadedYet === undefined")  # a fresh page load
        assert page.title().startswith(new_title)
        assert errors == []
        print(f"live reload: new title in the browser {seconds:.2f} s after the edit")
        assert server.stop() == 0  # Ctrl-C with a browser still connected: quiet
        assert server.output()[1] == ""


def _listening_on(port: int) -> set[str]:
    """The addresses with a socket listening on ``port`` (IPv4 and IPv6), from /proc."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                packed = bytes.fromhex(address)
                if sys.byteorder == "little":  # the kernel prints 32-bit words in host order
                    packed = b"".join(packed[i:i + 4][::-1] for i in range(0, len(packed), 4))
                found.add(socket.inet_ntop(socket.AF_INET if len(packed) == 4 else socket.AF_INET6,
                                           packed))
    return found


def _answer_with_status(port: int, target: bytes, status: int):
    answer = raw_get(port, target)
    return answer if answer[0] == status else None


# --- the live-reload endpoints answer this preview's own pages only ------------------


def websocket_upgrade(port: int, origin: str, host: str | None = None) -> int:
    request = (f"GET /livereload HTTP/1.1\r\nHost: {host or f'127.0.0.1:{port}'}\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n").encode()
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(request)
        return int(sock.recv(4096).split()[1])


def test_the_live_reload_socket_refuses_other_sites_and_host_names(served):
    server, _ = served
    port = server.port
    assert websocket_upgrade(port, f"http://127.0.0.1:{port}") == 101
    assert websocket_upgrade(port, "https://evil.example") == 403
    assert websocket_upgrade(port, f"http://evil.example:{port}", host=f"evil.example:{port}") in (403, 421)


def test_force_reload_refuses_requests_from_other_sites(served):
    server, _ = served
    port = server.port
    asked = f"GET /forcereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n".encode()
    assert raw_request(port, asked + b"\r\n")[0] == 200
    assert raw_request(port, asked + b"Origin: https://evil.example\r\n\r\n")[0] == 403
    assert raw_request(port, asked + b"Referer: https://evil.example/page\r\n\r\n")[0] == 403
    assert raw_request(port, asked + b"Sec-Fetch-Site: cross-site\r\n\r\n")[0] == 403
    other_host = f"GET /forcereload HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n".encode()
    assert raw_request(port, other_host)[0] in (403, 421)


def test_head_says_the_length_get_sends(served):
    server, _ = served
    port = server.port
    for target in (b"/", ARTICLE_URL, b"/no-such-page/"):
        _, get_headers, get_body = raw_request(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1:"
                                               + str(port).encode() + b"\r\nConnection: close\r\n\r\n")
        _, head_headers, head_body = raw_request(port, b"HEAD " + target + b" HTTP/1.1\r\nHost: 127.0.0.1:"
                                                 + str(port).encode() + b"\r\nConnection: close\r\n\r\n")
        length = [line for line in head_headers.splitlines() if line.lower().startswith("content-length")]
        assert head_body == b"" and length == [f"Content-Length: {len(get_body)}"], (target, head_headers)
