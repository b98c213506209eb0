"""Load what the first request would otherwise wait for: the embedding model and the index.

The application server calls `warm_up()` once in its master process (before it forks the
workers, so they share the loaded model's memory) and `warm_worker()` in each worker before
it accepts a connection (replays index changes made meanwhile and runs one search).
"""

from __future__ import annotations

import logging
import time

from django.db import connections

from kennisbrug.matching import index

logger = logging.getLogger(__name__)

WARM_UP_QUERY = "waterstof opslag"
# Pages whose first rendering loads templates, URL patterns and catalogues; rendered in the
# master, their templates and kept fragments (kennisbrug.core.fragments) are in every worker.
# bench/first_request.py shows what is left for each page's first visitor.
WARM_UP_PATHS = (
    "/",
    "/matching/search/?q=waterstof",
    "/organisations/",
    "/facilities/",
    "/facilities/living-labs/",
    "/skills/trainings/",
    "/skills/vacancies/",
    "/projects/ideas/",
    "/vouchers/",
    "/api/v1/schema/",
)


def _warm_pages() -> None:
    """GET a few pages in-process, as an anonymous visitor over HTTPS (nothing is written)."""
    from django.conf import settings
    from django.test import Client

    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    client = Client(HTTP_HOST=hosts[0] if hosts else "localhost")
    for path in WARM_UP_PATHS:
        response = client.get(path, secure=True)
        if response.status_code != 200:
            logger.warning("warm_up_page_failed path=%s status=%s", path, response.status_code)


def warm_up() -> float:
    """Load the embedding model and the matching index; returns the seconds it took."""
    started = time.perf_counter()
    try:
        model = index.embedder()
        if model is not None:
            model.encode([WARM_UP_QUERY])
        index.get_engine()
        _warm_pages()
        from kennisbrug.indicators.kept import current_context

        # the indicator inputs (seconds at scale): computed here, every worker inherits them
        current_context()
    finally:
        # never hand an open database connection across a fork
        connections.close_all()
    took = time.perf_counter() - started
    logger.info("warm_up_done seconds=%.2f", took)
    return took


def warm_worker() -> float:
    """Bring this worker's index up to date and run one search through the whole stack."""
    from kennisbrug.matching.services import match

    started = time.perf_counter()
    try:
        match(text=WARM_UP_QUERY, limit=1)
    finally:
        connections.close_all()
    took = time.perf_counter() - started
    logger.info("warm_worker_done seconds=%.3f", took)
    return took
