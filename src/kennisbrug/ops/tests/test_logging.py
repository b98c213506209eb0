"""Request ids and JSON log lines."""

import io
import json
import logging

import pytest

from kennisbrug.ops.logs import JsonFormatter, RequestIdFilter

from .production import production_env, run_python


@pytest.fixture
def json_log():
    """The production handler (JSON formatter + request id filter) on the request logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("kennisbrug.request")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(previous)


def _lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_request_line_is_json_with_the_proxys_request_id(client, json_log):
    response = client.get("/organisations/", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-7f3a.42"
    (line,) = _lines(json_log)
    assert line["event"] == "request_done"
    assert line["request_id"] == "lb-7f3a.42"
    assert line["level"] == "INFO"
    assert line["logger"] == "kennisbrug.request"
    assert "path=/organisations/ status=200" in line["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent",
    ["", "x" * 65, "abc\ndef", 'a" b', "ïd", "id with spaces"],
    ids=["empty", "too-long", "newline", "quote", "non-ascii", "spaces"],
)
def test_a_missing_or_unsafe_request_id_is_replaced(client, json_log, sent):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=sent)
    request_id = response["X-Request-ID"]
    assert request_id != sent
    assert len(request_id) == 32 and request_id.isalnum()


@pytest.mark.django_db
def test_each_request_gets_its_own_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert first != second


def test_records_outside_a_request_have_a_dash_and_extras_and_tracebacks_are_kept():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("kennisbrug.tests.ops")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("boom")
        except ValueError:
            logger.error("export_failed export=%s", 12, exc_info=True, extra={"user_id": 5})
    finally:
        logger.removeHandler(handler)
    (line,) = _lines(stream)
    assert line["request_id"] == "-"
    assert line["event"] == "export_failed"
    assert line["message"] == "export_failed export=12"
    assert line["user_id"] == 5
    assert "ValueError: boom" in line["exception"]


SNIPPET = (
    "import django, logging; django.setup(); "
    "logging.getLogger('kennisbrug.probe').warning('probe_logged value=%s', 'één')"
)


def test_production_settings_log_json_and_development_text(tmp_path):
    production = run_python(["-c", SNIPPET], production_env(tmp_path))
    assert production.returncode == 0, production.stderr
    (line,) = [json.loads(x) for x in production.stderr.splitlines() if "probe_logged" in x]
    assert line["event"] == "probe_logged"
    assert line["message"] == "probe_logged value=één"
    assert line["request_id"] == "-"

    development = run_python(["-c", SNIPPET], production_env(tmp_path, DJANGO_DEBUG="1"))
    assert development.returncode == 0, development.stderr
    (text,) = [x for x in development.stderr.splitlines() if "probe_logged" in x]
    assert text.endswith("WARNING kennisbrug.probe [-] probe_logged value=één")


@pytest.mark.django_db
def test_djangos_own_error_lines_carry_the_request_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/organisations/does-not-exist/", HTTP_X_REQUEST_ID="req-404")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    (line,) = _lines(stream)
    assert line["request_id"] == "req-404"
    assert line["status_code"] == 404
    assert "request" not in line
