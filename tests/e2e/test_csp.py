"""The site works under its content security policy in a real browser: the policy is sent,
the pages raise no violation, and the check that would notice one is live."""

import pytest

from tests.browser import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_inline_script_is_refused_and_reported(page, live_server):
    response = page.goto("/")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.evaluate(
        """() => {
            const s = document.createElement("script");
            s.textContent = "window.__inlineRan = true";
            document.body.append(s);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__inlineRan === undefined")
    with pytest.raises(pytest.fail.Exception) as excinfo:
        check_accessibility(page)
    assert "Content security policy violations" in str(excinfo.value)


def test_the_api_documentation_renders_under_the_policy(page, live_server):
    response = page.goto("/api/v1/docs/")
    assert response is not None and response.ok
    page.locator(".swagger-ui .info .title").wait_for()
    page.locator(".opblock").first.wait_for()
    assert page.evaluate("window.__cspViolations") == []


def test_a_chart_page_and_htmx_raise_no_violation(page, live_server):
    response = page.goto("/indicators/")
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof htmx") == "object"
    check_accessibility(page)
