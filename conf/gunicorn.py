"""Gunicorn settings for Kennisbrug (`make serve`, deploy/kennisbrug-web.service).

Everything comes from the environment (documented in .env.example):
GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_TIMEOUT,
GUNICORN_GRACEFUL_TIMEOUT, GUNICORN_KEEPALIVE, GUNICORN_MAX_REQUESTS, GUNICORN_ACCESS_LOG.

The master imports the application (preload) and loads the embedding model and the
matching index before it forks, so workers share that memory; each worker then replays
index changes and runs one search before it accepts a connection. The first request is
as fast as the rest.
"""

import os
import sys


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


wsgi_app = "kennisbrug.wsgi:application"
pythonpath = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# One worker per core: each search is CPU-bound numpy work.
workers = _int("WEB_CONCURRENCY", os.cpu_count() or 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# Request lines are logged by the application (with request ids); this is off unless asked.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Gunicorn's own lines (start, worker boot and exit, timeouts) in the application's format,
# so the log collector reads one JSON object per line from the whole process group.
if (
    os.environ.get("LOG_FORMAT", "text" if os.environ.get("DJANGO_DEBUG") == "1" else "json")
    == "json"
):
    if pythonpath not in sys.path:
        sys.path.insert(0, pythonpath)
    _handler = {
        "class": "logging.StreamHandler",
        "formatter": "json",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "kennisbrug.ops.logs.RequestIdFilter"}},
        "formatters": {"json": {"()": "kennisbrug.ops.logs.JsonFormatter"}},
        "handlers": {"error_console": _handler, "console": _handler},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["error_console"],
                "propagate": False,
            },
            # With a logging config gunicorn sends every access line to this logger; they
            # repeat the application's request_done lines without the request id, so they
            # pass only when GUNICORN_ACCESS_LOG asks for them.
            "gunicorn.access": {
                "level": "INFO" if accesslog else "WARNING",
                "handlers": ["console"],
                "propagate": False,
            },
        },
        "root": {"level": loglevel.upper(), "handlers": []},
    }
preload_app = True
# Behind a reverse proxy on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The control socket (gunicornc) is per user by default, so a second server would take it
# over: off unless a path is given.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket


def when_ready(server):
    """In the master, after the application was imported and before any worker forks."""
    from kennisbrug.ops.warmup import warm_up

    warm_up()


def post_worker_init(worker):
    """In each worker, before it accepts its first connection."""
    from kennisbrug.ops.warmup import warm_worker

    warm_worker()
