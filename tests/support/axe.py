"""Run axe-core (npm package ``axe-core``) in a page, with its default rules.

Where the script comes from (first hit wins, see :func:`find_axe`):

1. ``$SITEGEN_AXE_JS`` -- path to ``axe.min.js``; .ci/run exports it.
2. ``${XDG_CACHE_HOME:-~/.cache}/sitegen/axe/node_modules/axe-core/axe.min.js``
   -- where .ci/run installs the npm package, so after one ``bash .ci/run``
   (or ``npm install --prefix ~/.cache/sitegen/axe axe-core@VERSION``) a plain
   ``python -m pytest`` finds it too.
3. ``<repo>/node_modules/axe-core/axe.min.js`` -- a local npm install.

The script is put into the page by the test, never fetched from a CDN. Every
page of the site carries a Content-Security-Policy that lets only the
site's own scripts run, so the page must be opened in a browser context made
with ``bypass_csp=True`` (:func:`new_context` does) for the injected script
to run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

__all__ = ["axe_available", "find_axe", "new_context", "run_axe", "summary"]

_REPO = Path(__file__).resolve().parents[2]
_IN_PACKAGE = Path("node_modules/axe-core/axe.min.js")


def find_axe() -> Path | None:
    given = os.environ.get("SITEGEN_AXE_JS")
    if given:
        return Path(given)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen" / "axe"
    for candidate in (cache / _IN_PACKAGE, _REPO / _IN_PACKAGE):
        if candidate.is_file():
            return candidate
    return None


def axe_available() -> bool:
    found = find_axe()
    return found is not None and found.is_file()


def new_context(browser: "Browser", width: int, dark: bool = False) -> "BrowserContext":
    """A context at ``width`` CSS pixels in the light or dark colour scheme, in which an
    injected script may run despite the page's Content-Security-Policy."""
    return browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True,
                               color_scheme="dark" if dark else "light")


def run_axe(page: "Page") -> list[dict[str, Any]]:
    """axe-core's violations of its default rules on the page as loaded."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=find_axe().read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document)).violations")


def summary(violations: list[dict[str, Any]]) -> list[str]:
    """One line per violation and element: rule, impact, the element, what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {json.dumps(node['target'])} "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return lines
