"""Headless Debian Chromium driven by Playwright, against pytest-django's live server.

No browser is ever downloaded: Playwright launches the machine's `chromium`
package. Where it is missing or cannot start, the tests skip (and fail under
RSD_REQUIRE_ALL=1, as in CI).
"""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module.

    While Playwright's sync API is running, Django's async-safety check takes
    this thread for an async context and refuses ORM calls, the test database's
    flush included; so the check is off for exactly as long as Playwright runs,
    and the tests outside this folder keep it.
    """
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        skip_or_fail(f"Playwright is not installed: {exc}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        manager = sync_playwright().start()
        try:
            browser = manager.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except Exception as exc:
            manager.stop()
            skip_or_fail(f"Playwright could not launch {CHROMIUM}: {exc}")
        yield browser
        browser.close()
        manager.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab with its own cookies, as a new visitor; the site is `live_server.url`."""
    context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshots(tmp_path_factory):
    """Where screenshots go: a temporary folder, never the repository.

    Set RSD_SCREENSHOTS to a folder to keep them for a look after the run.
    """
    folder = os.environ.get("RSD_SCREENSHOTS")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")
