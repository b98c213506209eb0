"""Browser fixtures for every browser test: one Debian Chromium per test session, axe-core.

Registered from the root conftest.py, so tests under src/ and tests/ share the same
browser; each test gets fresh browser contexts (own cookies, locale, storage), which
keeps tests independent without paying a Chromium start per test.

Missing Chromium or axe-core is a test failure, never a skip: CI installs both
(`apt-get install chromium`, `npm ci`).
"""

import contextlib
import functools
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.clients import log_in

ROOT = Path(__file__).resolve().parents[1]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("KENNISBRUG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Every page records what its content security policy refused, so a browser test that
# checks a page also proves the page works without inline script or style.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
    " " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run browser tests last (stable order otherwise).

    While Playwright's sync API is alive its event loop counts as running in this
    thread, so Django's async guard has to stay lifted until the session ends; running
    the browser tests last keeps every other test under the guard. trylast: after
    pytest-django has put database tests in its own order.
    """
    items[:] = [i for i in items if not i.get_closest_marker("e2e")] + [
        i for i in items if i.get_closest_marker("e2e")
    ]


@pytest.fixture(scope="session")
def browser():
    """The one Chromium of the session (launching costs about a second per test)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium`.")
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core not found at {AXE_PATH}: run `npm ci` in the repository root.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test thread only
    # makes plain synchronous ORM calls between browser steps, never concurrent ones.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser, live_server):
    """Open browser contexts for this test (closed at its end): `new_context(locale="en-GB")`.

    Defaults: the live server as base URL, Dutch (Belgium) locale, 15 s timeouts.
    """
    from playwright.sync_api import Error as PlaywrightError

    cache.clear()  # allauth rate limits live in the cache
    opened = []

    def open_context(*, timeout: int = 15_000, **options):
        options = {"base_url": live_server.url, "locale": "nl-BE", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(timeout)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        with contextlib.suppress(PlaywrightError):  # a test may have closed it already
            context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh Dutch (Belgium) context on the live server."""
    return new_context().new_page()


def session_cookie(user, live_server) -> dict:
    """A browser cookie that logs `user` in on `live_server`."""
    client = log_in(Client(), user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


@functools.cache
def _axe_source() -> str:
    return AXE_PATH.read_text("utf-8")


def check_accessibility(page) -> None:
    """Run axe-core (WCAG 2.1 A/AA) on the current page; fail on serious or critical issues
    and on anything the page's content security policy refused."""
    violations = page.evaluate("window.__cspViolations || []")
    if violations:
        pytest.fail(f"Content security policy violations on {page.url}: {violations}")
    # Evaluated through the DevTools protocol, not as a <script> element: the site's
    # policy refuses inline scripts, and axe is the test's, not the page's.
    page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    problems = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if problems:
        lines = [f"Accessibility violations on {page.url}:"]
        for violation in problems:
            lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}")
        pytest.fail("\n".join(lines))
