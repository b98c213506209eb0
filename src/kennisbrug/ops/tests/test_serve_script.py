"""`scripts/serve` (`make serve`) and its gunicorn settings as an operator runs them.

The server test runs every preparation step of the script on a fresh SQLite database with no
Redis (the database cache table), then gunicorn's `--check-config`, which loads the settings
and the application and exits instead of serving."""

# ruff: noqa: S603, S607 - fixed argument lists (bash from PATH), no input reaches them

import io
import logging
import logging.config
import os
import runpy
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings

from .production import production_env

BASE = Path(settings.BASE_DIR)
CONF = BASE / "conf" / "gunicorn.py"


def test_serve_prepares_a_fresh_database_without_redis(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        KENNISBRUG_MATCHING_SEMANTIC="0",
    )
    env.pop("DJANGO_SECRET_KEY")  # the script makes and keeps one
    result = subprocess.run(
        ["bash", str(BASE / "scripts" / "serve"), "--check-config"],
        env=env,
        cwd=BASE,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    database = sqlite3.connect(tmp_path / "kennisbrug.sqlite3")
    try:
        tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
        assert "kennisbrug_cache" in tables  # login counters and throttles without Redis
        assert database.execute("SELECT COUNT(*) FROM core_country").fetchone()[0] > 0
    finally:
        database.close()
    assert (tmp_path / "static" / "staticfiles.json").exists()  # whitenoise's manifest
    key = (tmp_path / "secret-key").read_text().strip()
    assert len(key) >= 50
    assert oct((tmp_path / "secret-key").stat().st_mode & 0o777) == "0o600"


def _gunicorn_settings(monkeypatch, **env: str) -> dict:
    for name in ("GUNICORN_ACCESS_LOG", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "DJANGO_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def _access_lines(config: dict) -> str:
    stream = io.StringIO()
    logging.config.dictConfig(config["logconfig_dict"])
    try:
        for handler in logging.getLogger("gunicorn.access").handlers:
            handler.setStream(stream)
        logging.getLogger("gunicorn.access").info('127.0.0.1 - - "GET / HTTP/1.1" 200')
    finally:
        for name in ("gunicorn.access", "gunicorn.error"):
            logger = logging.getLogger(name)
            logger.handlers.clear()
            logger.propagate = True
            logger.setLevel(logging.NOTSET)
    return stream.getvalue()


def test_workers_and_timeouts_come_from_the_environment(monkeypatch):
    config = _gunicorn_settings(
        monkeypatch, WEB_CONCURRENCY="3", GUNICORN_TIMEOUT="45", GUNICORN_BIND="127.0.0.1:9001"
    )
    assert config["workers"] == 3
    assert config["timeout"] == 45
    assert config["bind"] == ["127.0.0.1:9001"]
    assert config["preload_app"] is True
    default = _gunicorn_settings(monkeypatch)
    assert default["workers"] == (os.cpu_count() or 1)
    assert default["timeout"] == 30


def test_access_lines_only_when_asked(monkeypatch):
    """The application logs each request with its id; gunicorn's own access line (without
    the id) would repeat every request, so it is off unless GUNICORN_ACCESS_LOG is set."""
    quiet = _gunicorn_settings(monkeypatch, LOG_FORMAT="json")
    assert _access_lines(quiet) == ""
    asked = _gunicorn_settings(monkeypatch, LOG_FORMAT="json", GUNICORN_ACCESS_LOG="-")
    assert '"logger": "gunicorn.access"' in _access_lines(asked)
    logging.getLogger("gunicorn.access").handlers.clear()
