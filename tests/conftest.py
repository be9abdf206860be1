import os
import sys
from pathlib import Path

# tests import their helpers (sitebuild, support/) as top-level modules
sys.path.insert(0, str(Path(__file__).parent))

# Compiled templates (templatecache.py) go to a folder of this test run, not the user's cache;
# the builds the tests run as subprocesses inherit it.
import tempfile  # noqa: E402

os.environ["SITEGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="sitegen-test-cache-")

# --- Test-harness fixtures (browser + HTML validator) -------------------------
# Helpers live in tests/support/ (plain Python, usable without pytest):
#   support.static_server.serve_directory, support.browser, support.vnu.
#
#   chromium  -> factory; ``with chromium() as (page, errors): ...`` opens a
#                page in a fresh context of one headless Chromium per test.
#   vnu       -> support.vnu.validate: ``vnu(paths) -> ["file:line: msg"]``.
#
# Missing tools SKIP locally but FAIL when CI is set (CI=true), so CI can never
# go green by silently skipping.  .ci/run installs everything they need.
import contextlib
import os

import pytest

from support import browser as _browser
from support import vnu as _vnu


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    """Skip locally; fail under CI."""
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def chromium():
    """Factory: ``with chromium() as (page, errors):`` -- see tests/support/browser.py.

    Each page gets a fresh browser context; each test gets its own browser
    (~0.5 s to start), closed after the test.  Deliberately not
    session-scoped: while Playwright's sync API is open it keeps an asyncio
    loop running, which would make asyncio.run() fail in any later test.
    """
    if not _browser.chromium_available():
        _unavailable(
            f"headless Chromium unavailable: need {_browser.chromium_executable()} "
            "(apt-get install chromium chromium-driver) and the playwright package"
        )
    with contextlib.ExitStack() as stack:
        try:
            browser = stack.enter_context(_browser.launch_chromium())
        except Exception as exc:  # e.g. a broken chromium install
            _unavailable(f"headless Chromium failed to start: {exc}")
        yield lambda: _browser.chromium_page(browser)


@pytest.fixture(scope="session")
def vnu():
    """The vnu validator: ``vnu(paths) -> list of "file:line: message"``."""
    if not _vnu.vnu_available():
        _unavailable(
            f"vnu unavailable (jar={_vnu.find_vnu_jar()}, java={_vnu.find_java()}): "
            "run .ci/run or set SITEGEN_VNU_JAR to a vnu.jar"
        )
    return _vnu.validate


# --- end of harness fixtures; project fixtures below ---------------------------
