"""The API's JSON parser: hostile bodies are a problem (400/413), never a server error."""

import json

import pytest
from tests.clients import api_client_for

from kennisbrug.api.parsers import MAX_BODY_BYTES, MAX_DEPTH, holds_nul, nesting_depth
from kennisbrug.organisations.models import Organisation

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations/"
PROBLEM = "application/problem+json"


def _post(user, body: bytes | str):
    return api_client_for(user, language="en").generic(
        "POST", URL, body, content_type="application/json"
    )


def test_ten_thousand_nested_brackets_are_refused(roles):
    before = Organisation.objects.count()
    response = _post(roles.member, "[" * 10_000 + "]" * 10_000)
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.json()["code"] == "too_deep"
    assert Organisation.objects.count() == before


def test_unclosed_nesting_is_refused(roles):
    assert _post(roles.member, '{"a":' * 50_000).status_code == 400


def test_nesting_up_to_the_limit_reaches_the_serializer(roles):
    body = json.dumps({"name": "x", "x": [[[1]]]})
    response = _post(roles.member, body)
    assert response.status_code != 500
    assert response.json().get("code") != "too_deep"


def test_brackets_inside_strings_do_not_count():
    assert nesting_depth(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') == 1
    assert nesting_depth(b'["\\"[[[", [1]]') == 2
    assert nesting_depth(b"[" * (MAX_DEPTH + 1)) == MAX_DEPTH + 1


def test_a_body_over_one_megabyte_is_413(roles):
    body = json.dumps({"name": "x" * (MAX_BODY_BYTES + 10)})
    response = _post(roles.member, body)
    assert response.status_code == 413
    assert response["Content-Type"].startswith(PROBLEM)
    assert "1 MB" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"name": "a\\u0000b"}', "name"),
        ('{"sectors": ["a\\u0000"]}', "sectors"),
        ('{"sectors": [{"x": [["\\u0000"]]}]}', "sectors"),
        ('{"a\\u0000": 1}', "non_field_errors"),
        ('["\\u0000"]', "non_field_errors"),
    ],
)
def test_a_nul_anywhere_in_json_is_refused_under_its_field(roles, body, field):
    before = Organisation.objects.count()
    response = _post(roles.member, body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    assert "NUL" in str(response.json()["errors"][field])
    assert Organisation.objects.count() == before


@pytest.mark.parametrize("body", ["{", "NaN", '{"a": Infinity}', "\xff\xfe", "[1,]"])
def test_malformed_json_is_a_parse_error(roles, body):
    response = _post(roles.member, body.encode("latin-1"))
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)


def test_an_empty_body_is_a_validation_problem_not_a_crash(roles):
    response = _post(roles.member, b"")
    assert response.status_code == 400


def test_nul_walk_has_no_recursion_limit():
    deep: list = ["\x00"]
    for _ in range(5_000):
        deep = [deep]
    assert holds_nul(deep)
    assert not holds_nul({"a": [1, 2.5, None, True, {"b": "c"}]})
