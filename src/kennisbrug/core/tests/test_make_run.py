"""What the README promises about `make run` and the demo data output."""

# ruff: noqa: S603 - the commands are fixed lists, no input reaches them

import io
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from kennisbrug.core import demo

ROOT = Path(__file__).resolve().parents[4]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_needs_no_npm():
    make = shutil.which("make") or "make"
    plan = subprocess.run(
        [make, "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "npm" not in plan
    # The demo logins are the last thing printed before the server starts: every command after
    # them either writes to a log file (the task worker) or is the server itself.
    # Under an outer make (make test), the plan also holds "make[1]: Entering directory" lines.
    commands = [
        line
        for line in plan.splitlines()
        if line.strip() and not line.startswith(("#", "make[", "make:"))
    ]
    logins = next(i for i, line in enumerate(commands) if "demo_logins" in line)
    after = commands[logins + 1 :]
    assert "runserver" in after[-1]
    assert all("> var/" in line or line.lstrip().startswith("trap ") for line in after[:-1])
    tests = subprocess.run(
        [make, "-n", "-B", "test-e2e"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "npm ci" in tests


@pytest.mark.django_db
def test_demo_data_prints_no_mail_and_no_log_lines(settings, monkeypatch, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    log = logging.getLogger("kennisbrug.test")

    def chatty(**kwargs):
        mail.send_mail("Welkom", "Beste demo-persoon", "a@example.org", ["b@example.org"])
        log.info("voucher_transitioned")
        kwargs["stdout"].write("chatty: 1 thing")

    registry = demo.generators.__class__("test generators")
    registry.register("chatty", demo.DemoGenerator(name="chatty", generate=chatty))
    monkeypatch.setattr(demo, "generators", registry)
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    printed = capsys.readouterr()
    assert "Welkom" not in printed.out + printed.err + out.getvalue()
    assert "voucher_transitioned" not in printed.out + printed.err
    assert "chatty: 1 thing" in out.getvalue()
    # Logging is back on afterwards.
    assert not logging.getLogger("kennisbrug").manager.disable


@pytest.mark.django_db
def test_api_docs_are_served_without_a_cdn(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "<script>" not in html  # the start-up script is a separate file (CSP)
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content
