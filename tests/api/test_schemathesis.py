"""API contract: every operation of the live OpenAPI schema, fuzzed by Schemathesis.

The schema comes from drf-spectacular through the WSGI app (no server), so it always
matches the code. Each operation gets generated requests, anonymous and with a valid
personal API token; none may cause a server error, and every answer must be what the
schema promises: a documented status code, the documented content type and a body
that validates against the documented schema.

The ordinary suite runs 20 examples per operation and test, about 17,000 requests in all
(the count is printed at the end of the run); CI sets SCHEMATHESIS_MIN_REQUESTS=10000 so
a run that generates fewer fails. `make test-api-fuzz` runs more examples on PostgreSQL.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from kennisbrug.accounts import services
from kennisbrug.accounts.tests.factories import UserFactory

django_app = get_wsgi_application()
REQUESTS = {"count": 0}


def app(environ, start_response):
    """The site, counting the requests Schemathesis sends (reported at the end of the run)."""
    REQUESTS["count"] += 1
    return django_app(environ, start_response)


schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

FUZZ = settings(
    max_examples=int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20")),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def token_header(db):
    user = UserFactory(email="schemathesis@example.org")
    _token, raw = services.api_token_create(user=user, name="schemathesis")
    return {"Authorization": f"Token {raw}"}


@pytest.fixture(autouse=True)
def _no_throttle_carry_over():
    cache.clear()
    caches["throttle"].clear()


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """Calling the WSGI app directly fires request_finished, whose close_old_connections
    would close the connection holding the test transaction (PostgreSQL). Django's own
    test client switches it off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_anonymous_requests_never_cause_a_server_error(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_authenticated_requests_never_cause_a_server_error(case, token_header):
    case.call_and_validate(headers=token_header, checks=CHECKS)


@pytest.fixture(scope="module", autouse=True)
def _enough_requests():
    """With SCHEMATHESIS_MIN_REQUESTS set (make test-api-fuzz), a run that generated fewer
    requests than promised fails instead of passing quietly."""
    REQUESTS["count"] = 0
    yield
    minimum = int(os.environ.get("SCHEMATHESIS_MIN_REQUESTS", "0"))
    assert REQUESTS["count"] >= minimum, f"only {REQUESTS['count']} requests, wanted {minimum}"
