"""Request ids and the health probes, first in the middleware stack."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse

from .health import liveness, readiness
from .logs import request_id_var

logger = logging.getLogger("kennisbrug.request")

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy is kept only if it is short and plain: it ends up in every log line.
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class RequestIdMiddleware:
    """Give every request an id (the proxy's X-Request-ID if it sent a plain one, else a new
    one), make it available to logging, send it back in X-Request-ID, and log the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            # Probes come every few seconds; their lines would drown the rest.
            level = logging.DEBUG if request.path in HEALTH_PATHS else logging.INFO
            logger.log(
                level,
                "request_done method=%s path=%s status=%s duration_ms=%d",
                request.method,
                request.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            return response
        finally:
            request_id_var.reset(token)


HEALTH_PATHS = {"/healthz": liveness, "/readyz": readiness}


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before anything else runs.

    Probes come from load balancers and orchestrators that address the server by IP over
    plain HTTP: answering here skips the host check, the HTTPS redirect, sessions, CSRF
    and authentication, and keeps each probe cheap. Nothing here reads the request beyond
    its path and method, so skipping those checks exposes nothing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        check = HEALTH_PATHS.get(request.path)
        if check is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        ok, body = check()
        response = JsonResponse(body, status=200 if ok else 503)
        response["Cache-Control"] = "no-store"
        return response
