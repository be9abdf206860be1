"""Headless Chromium (Debian's package) driven through Playwright.

Playwright is used ONLY as a driver for the system browser at
``/usr/bin/chromium`` (Debian packages ``chromium`` + ``chromium-driver``).
Never run ``playwright install``: no browser can be downloaded here.
``SITEGEN_CHROMIUM`` may point at another Chromium binary.

Usage, one browser per ``with`` (about 1 s to start)::

    from support.browser import chromium_page

    with chromium_page() as (page, errors):
        page.goto(url)
        assert errors == []

or, sharing one browser between many pages (what the ``chromium`` fixture in
tests/conftest.py does within a test; every page gets a fresh, isolated browser context)::

    with launch_chromium() as browser:
        with chromium_page(browser) as (page, errors):
            ...

``errors`` is a list of strings that fills up while the page lives:

* ``console.error: <text> (<url>:<line>)`` for console messages of type error
  (this includes Chromium's own "Failed to load resource: ... 404" lines,
  except for the automatic /favicon.ico request, see IGNORED_URL_PATHS),
* ``pageerror: <message>`` for uncaught exceptions in page scripts,
* ``requestfailed: <url> (<reason>)`` for requests that got no response at all,
* ``http <status>: <url>`` for responses with status >= 400.

Events arrive asynchronously; ``page.goto()`` returns after the load event,
by which time messages from scripts that ran during loading are in the list.
For things that happen later, wait for them (``page.wait_for_function``...)
or call :func:`settle` before looking at ``errors``.
"""

from __future__ import annotations

import os
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import urlsplit

if TYPE_CHECKING:  # playwright is imported lazily so this module always imports
    from playwright.sync_api import Browser, Page

__all__ = [
    "CHROMIUM_ARGS",
    "chromium_available",
    "chromium_executable",
    "chromium_page",
    "launch_chromium",
    "settle",
]

# Flags needed to run Debian's Chromium headless as root in a sandbox without
# network (besides loopback).  Playwright adds --headless and a fresh temporary
# --user-data-dir itself (it refuses a --user-data-dir in ``args``).
CHROMIUM_ARGS = [
    "--no-sandbox",  # required as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # /dev/shm may be small in containers
]

# Chromium fetches /favicon.ico by itself, at a moment of its choosing, and
# logs a console error if it is missing.  A site need not have one, and the
# timing would make tests flaky, so those errors are not recorded.
IGNORED_URL_PATHS = frozenset({"/favicon.ico"})

# Default timeout for every page action / navigation, in milliseconds.  Pages
# are served from loopback, so anything slower than this is a hang.
DEFAULT_TIMEOUT_MS = 15_000


def chromium_executable() -> Path:
    """Path of the Chromium binary to drive (may not exist)."""
    return Path(os.environ.get("SITEGEN_CHROMIUM") or "/usr/bin/chromium")


def chromium_available() -> bool:
    """True if the Chromium binary exists and the playwright package imports.

    This is a cheap check; it does not start the browser.
    """
    exe = chromium_executable()
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def launch_chromium() -> Iterator["Browser"]:
    """Start Playwright and headless Chromium; yield the Browser; stop both.

    Uses Playwright's *sync* API: it must not be used inside a running asyncio
    event loop, only one can be open per thread at a time, and while it is
    open asyncio.run() fails in that thread (Playwright's loop is running).
    So keep it open for one test, not for the whole session.
    """
    from playwright.sync_api import sync_playwright

    exe = chromium_executable()
    if not exe.exists():
        raise FileNotFoundError(f"{exe} not found: apt-get install chromium chromium-driver")
    # Belt and braces: Playwright must never try to fetch a browser of its own.
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(exe),
            headless=True,
            args=CHROMIUM_ARGS,
            timeout=60_000,  # first start on a cold disk can be slow
        )
        try:
            yield browser
        finally:
            browser.close()


def _record_errors(page: "Page", errors: list[str]) -> None:
    """Subscribe to ``page``'s events and append problems to ``errors``."""

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            if urlsplit(loc.get("url") or "").path in IGNORED_URL_PATHS:
                return
            where = ""
            if loc.get("url"):
                where = f" ({loc['url']}:{loc.get('lineNumber', 0)})"
            errors.append(f"console.error: {msg.text}{where}")

    def on_pageerror(exc: Any) -> None:
        errors.append(f"pageerror: {exc}")

    def on_requestfailed(request: Any) -> None:
        errors.append(f"requestfailed: {request.url} ({request.failure})")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            errors.append(f"http {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    page.on("requestfailed", on_requestfailed)
    page.on("response", on_response)


@contextmanager
def chromium_page(browser: "Browser | None" = None) -> Iterator[tuple["Page", list[str]]]:
    """Yield ``(page, errors)``; close the page (and browser, if ours) on exit.

    With ``browser=None`` a browser is launched just for this page.  Otherwise
    the page lives in a new context of ``browser`` (own cookies, storage and
    cache), which is much faster than a new browser.
    """
    with ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(launch_chromium())
        context = browser.new_context()
        stack.callback(context.close)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        page = context.new_page()
        errors: list[str] = []
        _record_errors(page, errors)
        yield page, errors


def settle(page: "Page") -> None:
    """Round-trip to the page so that pending console/error events are delivered."""
    page.evaluate("() => new Promise(r => setTimeout(r, 0))")

