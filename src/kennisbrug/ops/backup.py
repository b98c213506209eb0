"""Back up and restore the database: the SQLite online backup API, or pg_dump/pg_restore.

SQLite: `sqlite3.Connection.backup` copies the live database page by page while the site
keeps running (readers and writers wait for a moment at most), so the copy is consistent
without stopping anything; the copy is checked with `PRAGMA integrity_check`.
PostgreSQL: `pg_dump --format=custom` (a consistent snapshot, also while the site runs)
and `pg_restore --clean --if-exists --single-transaction` (all or nothing).

Uploaded files (MEDIA_ROOT) are files: back them up with the file system (docs/operations.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections


class BackupError(Exception):
    pass


def _database() -> Any:  # dj_database_url.DBConfig (a TypedDict)
    return settings.DATABASES["default"]


def engine() -> str:
    vendor = _database()["ENGINE"].rsplit(".", 1)[-1]
    if vendor == "sqlite3":
        return "sqlite"
    if vendor in ("postgresql", "postgis"):
        return "postgresql"
    raise BackupError(f"no backup method for database engine {_database()['ENGINE']}")


def default_path() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite3" if engine() == "sqlite" else ".dump"
    return Path(settings.VAR_DIR) / "backups" / f"kennisbrug-{stamp}{suffix}"


# ----- SQLite -----
def _sqlite_integrity(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database: {exc}") from exc
    if result != ("ok",):
        raise BackupError(f"{path} failed the integrity check: {result}")
    if tables != (1,):
        raise BackupError(f"{path} is not a Kennisbrug database (no django_migrations table)")


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


# ----- PostgreSQL -----
def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = _database()
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # not on the command line: `ps` would show it
    return args, env


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return tool


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tool, arguments from settings
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# ----- the two operations -----
def backup(path: Path) -> Path:
    """Write a consistent copy of the live database to `path` (its folder is made)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} exists already; backups are never overwritten")
    if engine() == "sqlite":
        tmp = path.with_name(path.name + ".partial")
        tmp.unlink(missing_ok=True)
        _sqlite_copy(_database()["NAME"], tmp)
        _sqlite_integrity(tmp)
        tmp.rename(path)
    else:
        args, env = _pg_env()
        _run(
            [
                _pg_tool("pg_dump"),
                *args,
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                str(_database()["NAME"]),
            ],
            env,
        )
    return path


def restore(path: Path) -> None:
    """Replace the live database with the backup at `path`; all or nothing.

    The matching index is rebuilt afterwards by the caller (`matching rebuild`): the saved
    index describes the database before the restore.
    """
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    if engine() == "sqlite":
        _sqlite_integrity(path)
        connections.close_all()
        # The backup API in the other direction: one transaction on the live file, so other
        # connections see the old database or the restored one, never a mix.
        _sqlite_copy(path, _database()["NAME"])
    else:
        args, env = _pg_env()
        # Read the archive's table of contents first: junk is refused before anything is touched.
        try:
            _run([_pg_tool("pg_restore"), "--list", str(path)], env)
        except BackupError as exc:
            raise BackupError(f"{path} is not a usable pg_dump archive: {exc}") from exc
        connections.close_all()
        _run(
            [
                _pg_tool("pg_restore"),
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                str(_database()["NAME"]),
                str(path),
            ],
            env,
        )
