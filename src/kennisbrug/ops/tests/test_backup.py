"""A backup restores to a working site: SQLite (online backup API) and PostgreSQL (pg_dump).

The round trip runs the real commands in a production-mode process on a database of its
own: migrate, write a record, back up, lose the record, restore, and serve pages again.
"""

import os
import shutil
import subprocess

import dj_database_url
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from .production import production_env, run_python

ROUND_TRIP = """
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings

User = get_user_model()
EMAIL, PASSWORD = "bewaard@example.org", "een lang wachtwoord 7"


def site_works():
    # pages render without a collectstatic run: plain static storage for this check
    plain = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain):
        client = Client(HTTP_HOST="kennisbrug.example.org")
        if not client.login(email=EMAIL, password=PASSWORD):
            return False
        for path in ("/", "/organisations/", "/account/", "/readyz"):
            response = client.get(path, secure=True)
            assert response.status_code == 200, (path, response.status_code)
    return True


call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable")
call_command("matching", "rebuild", verbosity=0)
User.objects.create_user(email=EMAIL, password=PASSWORD)
assert site_works()
call_command("backup", output=sys.argv[1])
User.objects.filter(email=EMAIL).delete()
assert not site_works()
call_command("restore", sys.argv[1], interactive=False, verbosity=0)
assert site_works()
print("round_trip_ok")
"""


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _round_trip(env: dict[str, str], backup_path) -> None:
    out = _ok(run_python(["-c", ROUND_TRIP, str(backup_path)], env))
    assert "restore_done" in out
    assert "round_trip_ok" in out
    assert backup_path.stat().st_size > 0


def test_sqlite_backup_restores_to_a_working_site(tmp_path):
    env = production_env(tmp_path, KENNISBRUG_MATCHING_SEMANTIC="0")
    backup_path = tmp_path / "backups" / "kennisbrug.sqlite3"
    _round_trip(env, backup_path)
    # the copy is a database in its own right
    assert backup_path.read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.django_db
def test_a_backup_is_never_overwritten(tmp_path):
    existing = tmp_path / "taken.sqlite3"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("backup", output=existing)
    assert existing.read_text() == "keep me"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"not a database at all" * 100, "not a usable SQLite database"),
        (None, "does not exist"),
    ],
    ids=["junk", "missing"],
)
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(tmp_path, content, error):
    from kennisbrug.core.models import Country

    if content is not None and connection.vendor == "postgresql":
        error = "not a usable pg_dump archive"
    before = Country.objects.count()
    path = tmp_path / "backup.sqlite3"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=error):
        call_command("restore", path, interactive=False)
    assert Country.objects.count() == before > 0


def _postgres_url() -> str | None:
    """A fresh database name on the PostgreSQL server of DATABASE_URL (or the local one)."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        return None
    try:
        with _admin_connection(base, connect_timeout=3):
            pass
    except Exception:
        return None
    return base.rsplit("/", 1)[0] + f"/kb_backup_test_{os.getpid()}"


def _admin_connection(url: str, **options):
    import psycopg

    config = dj_database_url.parse(url)
    return psycopg.connect(
        dbname="postgres",
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        **options,
    )


def test_postgresql_backup_restores_to_a_working_site(tmp_path):
    url = _postgres_url()
    if url is None:
        pytest.skip(
            "needs pg_dump, pg_restore and a PostgreSQL server (DATABASE_URL or 127.0.0.1:5432)"
        )
    from psycopg import sql

    env = production_env(tmp_path, DATABASE_URL=url, KENNISBRUG_MATCHING_SEMANTIC="0")
    _ok(run_python(["../scripts/createdb.py"], env))
    try:
        _round_trip(env, tmp_path / "kennisbrug.dump")
    finally:
        with _admin_connection(url, autocommit=True) as conn:
            name = dj_database_url.parse(url)["NAME"]
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
