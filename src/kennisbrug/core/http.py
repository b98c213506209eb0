"""Facts about the HTTP request that several apps need, read in one trusted way."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_ip(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent `request`.

    Behind KENNISBRUG_TRUSTED_PROXY_COUNT reverse proxies, each proxy appends the
    address it received the request from to X-Forwarded-For, so the client is the
    entry that many places from the right; entries further left are whatever the
    client chose to send and are never trusted. Without trusted proxies (the
    default) the header is ignored. Anything unusable falls back to REMOTE_ADDR.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "") or "") or "0.0.0.0"  # noqa: S104
    count = getattr(settings, "KENNISBRUG_TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "")[-2000:].split(",") if part
    ]
    if len(forwarded) < count:
        # The request did not pass through every trusted proxy: nothing in the
        # header can be trusted.
        return remote
    return _valid_ip(forwarded[-count]) or remote
