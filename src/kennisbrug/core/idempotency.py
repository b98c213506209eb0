"""Idempotency keys that mean one request, not one key.

A client that repeats a create with the same ``Idempotency-Key`` gets the first result
back. Reusing the key for a *different* request is a client error (the IETF draft
"The Idempotency-Key HTTP Header Field" answers it with 422): silently returning the first
result would hide that the second request was never carried out. So each record keeps a
fingerprint of what was asked and a repeat must match it.
"""

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

FINGERPRINT_LENGTH = 64  # hex SHA-256


class IdempotencyKeyReused(Exception):
    """The idempotency key was used before for a request with different content."""

    problem_status = 422  # read by the API's error handler
    problem_code = "idempotency_key_reused"

    message = _(
        "This idempotency key was already used for a request with different content; "
        "use a new key for a new request."
    )


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    return str(value)


def request_fingerprint(values: Mapping[str, Any]) -> str:
    """A stable hash of the (validated) values of a request: objects count by primary key,
    dates and amounts by their text, so the same input always gives the same fingerprint."""
    canonical = json.dumps(
        {key: _plain(value) if value is not None else None for key, value in values.items()},
        sort_keys=True,
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_repeat(*, stored_fingerprint: str, fingerprint: str) -> None:
    """Raise IdempotencyKeyReused when a repeat asks something else than the first request.

    Records made before fingerprints were kept (empty) are taken at their word.
    """
    if stored_fingerprint and stored_fingerprint != fingerprint:
        raise IdempotencyKeyReused(IdempotencyKeyReused.message)
