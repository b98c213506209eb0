"""Production settings with a Redis that is wrong or gone: the queue check and the cache fail
with a clear error within their timeouts instead of holding the process.

Run in a subprocess with the production environment, so the settings under test are the
ones `scripts/serve` and the worker read (REDIS_URL → RedisHuey and the Redis cache)."""

import json
import socket
import threading

import pytest

from .production import production_env, run_python

SNIPPET = """
import json, django
django.setup()
from django.core.cache import cache
from kennisbrug.core.tasks import queue_health
state = queue_health()
try:
    cache.get("probe")
    cache_error = None
except Exception as exc:
    cache_error = type(exc).__name__
print(json.dumps({"queue": state, "cache_error": cache_error}))
"""


def _run(tmp_path, redis_url: str) -> dict:
    result = run_python(
        ["-c", SNIPPET],
        production_env(tmp_path, REDIS_URL=redis_url, REDIS_CONNECT_TIMEOUT="1", REDIS_TIMEOUT="1"),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers (a Redis that hangs)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_wrong_redis_url_fails_the_queue_check_and_the_cache(tmp_path):
    state = _run(tmp_path, f"redis://127.0.0.1:{_closed_port()}/0")
    assert state["queue"]["ok"] is False
    assert state["queue"]["backend"] == "RedisHuey"
    assert "ConnectionError" in state["queue"]["error"]
    assert state["cache_error"] == "ConnectionError"


def test_a_redis_that_never_answers_times_out(tmp_path, silent_server):
    # Without socket timeouts both calls would wait forever on the silent port, and the
    # subprocess would be killed by run_python's timeout instead of printing.
    state = _run(tmp_path, f"redis://127.0.0.1:{silent_server}/0")
    assert state["queue"]["ok"] is False
    assert "Timeout" in state["queue"]["error"]
    assert state["cache_error"] == "TimeoutError"


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [
        ("redis://127.0.0.1:6379/0", "django.contrib.sessions.backends.cached_db"),
        ("", "django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_are_read_from_redis_when_there_is_one(tmp_path, redis_url, engine):
    """Every signed-in request reads its session: from Redis when the site has one (written
    through to the database too); without Redis the cache is the database, so plain database
    sessions. Only the settings are read, so no Redis needs to answer."""
    snippet = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)"
    env = production_env(tmp_path, **({"REDIS_URL": redis_url} if redis_url else {}))
    result = run_python(["-c", snippet], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == engine
