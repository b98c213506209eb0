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


class _Clock:
    """The throttles' timer, moved by hand: windows are aligned to multiples of the period."""

    def __init__(self, start: float):
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = _Clock(600 * 100_000 + 0.5)  # half a second into a one-minute window
    monkeypatch.setattr("rest_framework.throttling.SimpleRateThrottle.timer", clock)
    return clock


def test_the_rate_holds_over_a_sliding_minute_not_per_clock_minute(api_client, low_rates, clock):
    # Three requests late in one clock minute, the fourth just after the minute turns:
    # a per-clock-minute counter would allow it, the sliding minute does not.
    clock.now += 58
    for _ in range(3):
        assert api_client.get("/api/v1/projects/ideas").status_code == 200
    clock.now += 2
    response = api_client.get("/api/v1/projects/ideas")
    assert response.status_code == 429
    # The previous minute's three count as spread over it: one has aged out after a
    # third of this minute, about 20 s from now (never 0).
    assert 18 <= int(response["Retry-After"]) <= 21
    clock.now += int(response["Retry-After"])
    assert api_client.get("/api/v1/projects/ideas").status_code == 200
    assert api_client.get("/api/v1/projects/ideas").status_code == 429


def test_refused_requests_do_not_count_and_a_quiet_period_restores_the_budget(
    roles, api_client_for, low_rates, clock
):
    member = api_client_for(roles.member)
    for _ in range(3):
        assert member.get("/api/v1/tokens/").status_code == 200
    for _ in range(5):
        response = member.get("/api/v1/tokens/")
        assert response.status_code == 429
    # Retry-After reaches past the end of this window and far enough into the next.
    assert 60 <= int(response["Retry-After"]) <= 121
    clock.now += 120
    for _ in range(3):
        assert member.get("/api/v1/tokens/").status_code == 200
    assert member.get("/api/v1/tokens/").status_code == 429


def test_request_rate_counters_are_apart_from_credential_counters(roles, api_client_for, low_rates):
    from django.core.cache import cache, caches

    client = api_client_for(roles.member)
    assert client.post("/api/v1/tokens/", {"name": "t1"}, format="json").status_code == 201
    # The user rate counts in the throttle store, token creation in the shared cache,
    # which every worker sees also when the throttle store is per worker.
    assert any("throttle_user_" in key for key in caches["throttle"]._cache)
    assert not any("throttle_token_create_" in key for key in caches["throttle"]._cache)
    assert any("throttle_token_create_" in key for key in cache._cache)
