"""Serve a directory over HTTP on 127.0.0.1 for browser tests.

Usage::

    from support.static_server import serve_directory

    with serve_directory(site_root) as base_url:      # "http://127.0.0.1:PORT/"
        page.goto(base_url + "posts/hello/")

The server only listens on the loopback address, picks a free port itself
(port 0), runs in a daemon thread, logs nothing, and is shut down when the
``with`` block ends.  Responses carry ``Cache-Control: no-store`` so a test
that rebuilds the site between two loads never sees a stale copy.
"""

from __future__ import annotations

import functools
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

__all__ = ["serve_directory"]


class _QuietHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler without access logging and without caching."""

    # Types that Python's mimetypes table gets wrong or lacks on some systems;
    # browsers are strict about the type of module scripts and stylesheets.
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".htm": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml",
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
        ".txt": "text/plain; charset=utf-8",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep pytest output clean

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True  # never let a hung request keep the process alive

    def handle_error(self, request, client_address) -> None:  # type: ignore[override]
        # A browser that closes a connection early is normal; don't print a
        # traceback for it.  Anything else is still reported.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` and yield its base URL, ``"http://127.0.0.1:<port>/"``."""
    root = Path(root)
    if not root.is_dir():
        raise NotADirectoryError(root)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)  # port 0: the OS picks a free one
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"serve_directory({root})",
        daemon=True,
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()  # stops serve_forever (waits at most one poll_interval)
        server.server_close()
        thread.join(timeout=5)
