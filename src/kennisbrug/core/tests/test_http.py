import pytest
from django.test import RequestFactory

from kennisbrug.core.http import client_ip


def _request(remote="10.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.KENNISBRUG_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="203.0.113.9")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        # The client put a made-up address first; the proxy appended the real one.
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (2, "1.2.3.4, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        # Fewer entries than trusted proxies: the request bypassed one, trust nothing.
        (2, "203.0.113.9", "10.0.0.1"),
        # Garbage, empty, NUL bytes and very long headers fall back to the socket address.
        (1, "not-an-ip", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "203.0.113.9\x00", "10.0.0.1"),
        (1, "9.9.9.9, " * 5000 + "203.0.113.9", "203.0.113.9"),
    ],
)
def test_client_is_counted_from_the_right(settings, count, forwarded, expected):
    settings.KENNISBRUG_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded=forwarded)) == expected


def test_a_missing_remote_address_still_gives_an_address(settings):
    settings.KENNISBRUG_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote="")) == "0.0.0.0"  # noqa: S104
