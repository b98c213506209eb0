"""Test settings: the base settings with fast hashing and in-memory email."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
# Tasks run inside the test (a test that needs the real queue switches immediate mode off).
os.environ.setdefault("KENNISBRUG_TASKS_IMMEDIATE", "1")
os.environ.setdefault("KENNISBRUG_TASK_RETRY_DELAY", "0")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")

from .base import *  # noqa: F403
from .base import HUEY, REDIS_URL, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
KENNISBRUG_INDEX_DIR = VAR_DIR / "test-index"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-fragments",
    },
    "throttle": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-throttle",
    },
}
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
if not REDIS_URL:
    HUEY["filename"] = os.environ.get("KENNISBRUG_TASK_FILE", str(VAR_DIR / "test-tasks.sqlite3"))
