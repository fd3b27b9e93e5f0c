"""Fixtures of the browser tests: one headless Chromium for the session and the demo site.

Without Playwright for Python or a Chromium the tests are skipped with one line saying why;
with REQUIRE_BROWSER_TESTS set (as .ci/run does) they fail instead."""

import os
import shutil

import pytest

from tests.browser.server import DemoServer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _missing():
    """Why the browser tests cannot run here, or None."""
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright or axe-playwright-python is not installed (pip install -e '.[dev]')"
    if not shutil.which(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
    return None


MISSING = _missing()


def pytest_collection_modifyitems(config, items):
    if MISSING is None:
        return
    browser_items = [item for item in items if "tests/browser/" in item.nodeid]
    if not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError(f"REQUIRE_BROWSER_TESTS is set but {MISSING}")
    marker = pytest.mark.skip(reason=MISSING)
    for item in browser_items:
        item.add_marker(marker)
    config._browser_skipped = len(browser_items)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = getattr(config, "_browser_skipped", 0)
    if skipped:
        terminalreporter.write_line(
            f"Browser tests skipped ({skipped}): {MISSING}.", yellow=True, bold=True
        )


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    server = DemoServer(tmp_path_factory.mktemp("demo-site")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
