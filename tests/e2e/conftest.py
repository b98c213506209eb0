"""Browser fixtures: Debian's Chromium driven by Playwright, axe-core from npm.

Missing Chromium or axe-core is a test failure, never a skip: CI installs both
(`apt-get install chromium`, `npm ci`).
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium`.")
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core not found at {AXE_PATH}: run `npm ci` in the repository root.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test thread only
    # reads Django's mail outbox and runs fixture teardown, never concurrent ORM work.
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
def page(browser, live_server):
    cache.clear()  # allauth rate limits live in the cache
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def check_accessibility(page) -> None:
    """Run axe-core (WCAG 2.1 A/AA) on the current page; fail on serious or critical issues."""
    page.add_script_tag(path=str(AXE_PATH))
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
