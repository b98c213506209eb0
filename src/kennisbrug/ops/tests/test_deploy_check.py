"""Production settings pass Django's deployment checklist and send the security headers."""

import pytest
from django.conf import settings
from django.test import override_settings

from .production import production_env, run_python


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_does_fail_on_an_insecure_setting(tmp_path):
    """The check above can fail: turning HSTS off is reported."""
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path, DJANGO_HSTS_SECONDS="0"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_pages_carry_the_security_headers(client):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_settings_module_is_the_production_one():
    # the headers test above runs under the test settings, which import the base ones
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
