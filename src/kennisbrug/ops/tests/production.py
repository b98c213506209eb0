"""The environment of a production process (DEBUG off, real secrets, HTTPS), for subprocesses.

The test settings loosen a few security settings through environment variables (no HTTPS
redirect, no HSTS, plain cookies); a process started with this environment gets the
production defaults of `kennisbrug.conf.base` instead.
"""

# ruff: noqa: S603 - fixed argument lists, no input reaches them

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SRC = Path(settings.BASE_DIR) / "src"
LOOSENED = (
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_SECURE_COOKIES",
    "DJANGO_DEBUG",
    "LOG_FORMAT",
    "KENNISBRUG_TASKS_IMMEDIATE",
)


def production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOOSENED}
    env.update(
        DJANGO_SETTINGS_MODULE="kennisbrug.conf.base",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="kennisbrug.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://kennisbrug.example.org",
        KENNISBRUG_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'kennisbrug.sqlite3'}",
        PYTHONPATH=str(SRC),
    )
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Generous: a backup round trip (migrate, index, backup, restore) took over two minutes on
    # the shared 2-core machine under load; the limit is only there so a hang cannot last.
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=SRC, capture_output=True, text=True, timeout=600
    )
