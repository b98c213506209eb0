"""/healthz and /readyz: anonymous, cheap, answered before host checks, HTTPS redirect,
sessions and CSRF; /readyz names what failed with a 503."""

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from huey.contrib.djhuey import HUEY

from kennisbrug.matching import index


@pytest.fixture
def built_index(tmp_path):
    with override_settings(KENNISBRUG_INDEX_DIR=tmp_path, KENNISBRUG_MATCHING_SEMANTIC=False):
        index.reset()
        index.get_engine()  # builds from the database and saves to tmp_path
        yield
        index.reset()


@pytest.fixture
def no_index(tmp_path):
    with override_settings(KENNISBRUG_INDEX_DIR=tmp_path / "empty"):
        index.reset()
        yield
        index.reset()


def test_healthz_answers_without_the_database(client):
    # no django_db mark: any database access in this test would raise
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["kennisbrug.example.org"])
@pytest.mark.django_db
def test_probes_need_no_https_no_known_host_no_session(client, built_index):
    """A load balancer probes http://10.0.0.7:8000/readyz: no redirect, no 400, no cookie."""
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.0.0.7:8000")
        assert response.status_code == 200, (path, response.content)
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
    # everything else still gets the host check and the redirect
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400
    assert client.get("/", HTTP_HOST="kennisbrug.example.org").status_code == 301


@pytest.mark.django_db
def test_probes_refuse_writes(client):
    for path in ("/healthz", "/readyz"):
        response = client.post(path)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_readyz_ok_names_each_check(client, built_index):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "index", "queue"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["index"]["saved"] is True


@pytest.mark.django_db
def test_readyz_fails_without_a_matching_index(client, no_index):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["index"]
    assert body["checks"]["index"] == {
        "ok": False,
        "loaded": False,
        "version": None,
        "saved": False,
    }


@pytest.mark.django_db
def test_readyz_fails_when_the_queue_is_unreachable(client, built_index, monkeypatch):
    def refused():
        raise ConnectionError("Error 111 connecting to 10.1.2.3:6379. Connection refused.")

    monkeypatch.setattr(HUEY, "pending_count", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["queue"]
    assert body["checks"]["queue"]["error"] == "ConnectionError"
    # the probe says what failed, not where the queue lives
    assert b"10.1.2.3" not in response.content
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_readyz_fails_when_the_database_fails(client, built_index):
    def broken(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(broken):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert "database" in body["failed"]
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
