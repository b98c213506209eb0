import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kennisbrug.api.throttling import AnonThrottle, UserThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = {
        **rest["DEFAULT_THROTTLE_RATES"],
        "anon": "3/min",
        "user": "3/min",
        "token_create": "2/hour",
        "fitcheck": "2/min",
    }
    settings.REST_FRAMEWORK = rest


def test_anonymous_over_the_rate_gets_429_problem_with_retry_after(api_client, low_rates):
    for _ in range(3):
        assert api_client.get("/api/v1/projects/ideas").status_code == 200
    response = api_client.get("/api/v1/projects/ideas")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/problem+json")
    assert int(response["Retry-After"]) > 0
    assert response.json()["status"] == 429
    # Another client address has its own budget.
    assert api_client.get("/api/v1/projects/ideas", REMOTE_ADDR="198.51.100.9").status_code == 200


def test_users_are_throttled_per_user(roles, api_client_for, low_rates):
    member = api_client_for(roles.member)
    for _ in range(3):
        assert member.get("/api/v1/tokens/").status_code == 200
    assert member.get("/api/v1/tokens/").status_code == 429
    assert api_client_for(roles.other).get("/api/v1/tokens/").status_code == 200


def test_token_creation_has_a_stricter_scope(roles, api_client_for, low_rates):
    client = api_client_for(roles.member)
    for n in range(2):
        assert client.post("/api/v1/tokens/", {"name": f"t{n}"}, format="json").status_code == 201
    assert client.post("/api/v1/tokens/", {"name": "t3"}, format="json").status_code == 429


def test_fit_check_has_a_stricter_scope(api_client, low_rates):
    codes = [
        api_client.post(
            "/api/v1/projects/fit-check", {"text": "waterstof"}, format="json"
        ).status_code
        for _ in range(3)
    ]
    assert codes[-1] == 429


def _api_views(resolver=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _api_views(entry)
        elif isinstance(entry, URLPattern):
            cls = getattr(entry.callback, "cls", None)
            if cls is not None and entry.callback.__module__.startswith("kennisbrug."):
                yield cls


def test_every_api_view_is_throttled():
    views = list(_api_views())
    assert views
    for cls in views:
        throttles = list(cls().get_throttles())
        kinds = {type(t) for t in throttles}
        assert {AnonThrottle, UserThrottle} <= kinds, cls
