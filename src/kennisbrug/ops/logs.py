"""Log records that carry the request id, written as one JSON object per line in production.

`RequestIdMiddleware` puts the id of the request being served in `request_id_var`; the
`RequestIdFilter` on the handler copies it onto every record logged meanwhile (by any
logger, Django's included), so all lines of one request can be found together — also
across services, because the id arrives from and goes back to the proxy in `X-Request-ID`.
Development keeps the readable one-line format (LOG_FORMAT=text, the default with DEBUG on).
"""

from __future__ import annotations

import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# What `logging.LogRecord` sets itself; anything else on a record came from `extra=`.
_STANDARD = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None)).keys()
) | {"message", "asctime", "request_id"}
# House log messages start with a named event: "voucher_approved scheme=4 amount=5000".
_EVENT = re.compile(r"[a-z][a-z0-9_]*(?=\s|$)")


class RequestIdFilter(logging.Filter):
    """Stamp each record with the id of the request being served ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # django.request logs 4xx/5xx after the middleware returned, with the request
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, event, message,
    request_id, any `extra=` fields, and the traceback as `exception`."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        event = _EVENT.match(message)
        if event:
            entry["event"] = event.group(0)
        entry["message"] = message
        entry["request_id"] = getattr(record, "request_id", request_id_var.get())
        for key, value in vars(record).items():
            # `request` (django.request) is an object whose repr says nothing new
            if key not in _STANDARD and key != "request" and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def logging_config(*, fmt: str, level: str) -> dict:
    """The LOGGING setting: `fmt` is "json" (production) or "text" (development)."""
    formatter = (
        {"()": "kennisbrug.ops.logs.JsonFormatter"}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "kennisbrug.ops.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }
