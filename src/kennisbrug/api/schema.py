"""drf-spectacular postprocessing: the error answers every operation can give.

Every API error is an RFC 9457 problem (kennisbrug.api.errors). Views declare the
answers that are particular to them (a 409 conflict, a 201); the answers that come
from the plumbing around every view — invalid input, authentication, permissions,
an unknown id, an oversized or wrongly typed body, throttling — are added here once,
so the published schema lists every status code the API really returns.
"""

from __future__ import annotations

PROBLEM = "application/problem+json"
METHODS = {"get", "post", "put", "patch", "delete"}

_PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details; `title` and `detail` in the request's language.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {
            "description": "Per field (or `non_field_errors`): what is wrong with the input.",
        },
    },
    "required": ["type", "title", "status", "detail"],
}

# component name, status, description, when it applies to an operation
_ERRORS = [
    ("BadRequest", "400", "Invalid input: see `errors` per field.", lambda path, op: True),
    ("Unauthorized", "401", "No or an invalid, expired or revoked token.", lambda path, op: True),
    ("Forbidden", "403", "Signed in, but not allowed to do this.", lambda path, op: True),
    (
        "NotFound",
        "404",
        "No such object (in the path or the body), no such page of a list, or not visible to you.",
        lambda path, op: True,
    ),
    (
        "PayloadTooLarge",
        "413",
        "The request body is larger than the API accepts.",
        lambda path, op: "requestBody" in op,
    ),
    (
        "UnsupportedMediaType",
        "415",
        "The request body is not JSON (or a form where one is accepted).",
        lambda path, op: "requestBody" in op,
    ),
    (
        "IdempotencyKeyReused",
        "422",
        "The Idempotency-Key was used before with a different request body.",
        lambda path, op: any(p.get("name") == "Idempotency-Key" for p in op.get("parameters", [])),
    ),
]


def _problem_response(description: str, *, retry_after: bool = False) -> dict:
    response: dict = {
        "description": description,
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if retry_after:
        response["headers"] = {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}
    return response


def schema_add_error_responses(result, generator, request, public):
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = _PROBLEM_SCHEMA
    components.setdefault("headers", {})["RetryAfter"] = {
        "description": "Seconds to wait before the next request.",
        "schema": {"type": "integer", "minimum": 0},
    }
    responses = components.setdefault("responses", {})
    for name, _status, description, _applies in _ERRORS:
        responses[name] = _problem_response(description)
    responses["TooManyRequests"] = _problem_response(
        "Too many requests: wait the number of seconds in Retry-After.", retry_after=True
    )

    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            declared = operation.setdefault("responses", {})
            for status, answer in declared.items():
                content = answer.get("content", {})
                # a view's own error serializer is rendered as problem+json too
                if status.startswith("4") and "application/json" in content:
                    content[PROBLEM] = content.pop("application/json")
            for name, status, _description, applies in _ERRORS:
                if applies(path, operation):
                    declared.setdefault(status, {"$ref": f"#/components/responses/{name}"})
            declared["429"] = {"$ref": "#/components/responses/TooManyRequests"}
    return result
