"""Browser tests: Playwright driving Debian's Chromium against a live server and a real django-q2 worker.

Screenshots of each step go to ``artifacts/e2e/`` (git-ignored). Playwright's sync API runs an event loop in
the test thread, so Django's async-safety check is relaxed for these tests only (the ORM calls in a test body
are plain synchronous code).
"""

import os
from pathlib import Path

import pytest

from tests.helpers.browser import ARTIFACTS, CHROMIUM
from tests.helpers.registry import resync_demo_registry
from websites.demo import seed_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: install it (apt-get install chromium); .ci/run does this.")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, settings):
    """Demo registry, websites and logins in the live server's database."""
    resync_demo_registry()
    settings.DEBUG = True
    seed_demo()
    settings.DEBUG = False


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()
