"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium these tests are skipped, and `make test` says so; with
BROWSER_TESTS_REQUIRED=1 (as in CI) a missing browser is a failure instead.
"""

import io
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("BROWSER_TESTS_REQUIRED") == "1"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# (to count rows) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if REQUIRED:
        raise pytest.UsageError(f"BROWSER_TESTS_REQUIRED=1 but there is no {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    # Transactional tests empty the tables after each test: load the articles afresh.
    from django.core.management import call_command

    call_command("load_content", verbosity=0, stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
