"""API contract: every operation of the live OpenAPI schema, fuzzed by Schemathesis.

The schema comes from drf-spectacular through the WSGI app (no server), so it always
matches the code. Each operation gets a bounded number of generated requests,
anonymous and with a valid personal API token; none may cause a server error.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from kennisbrug.accounts import services
from kennisbrug.accounts.tests.factories import UserFactory

app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)

FUZZ = settings(
    max_examples=20,
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
    case.call_and_validate(checks=[not_a_server_error])


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_authenticated_requests_never_cause_a_server_error(case, token_header):
    case.call_and_validate(headers=token_header, checks=[not_a_server_error])
