"""The one login policy: progressive backoff per account and per client, no hard lock,
the owner's known browser unaffected by a stranger, the admin behind the same door."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.accounts import login_policy
from kennisbrug.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
WAIT_NL = "Te veel mislukte inlogpogingen"


class Clock:
    def __init__(self, monkeypatch):
        self.now = 1_800_000_000.0
        monkeypatch.setattr(login_policy, "_now", lambda: self.now)

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def _login(client, email, password, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_free_failures_then_a_wait_that_doubles(client, clock):
    user = UserFactory(email="doelwit@example.org")
    for _ in range(login_policy.ACCOUNT.free):
        response = _login(client, user.email, "wrong password")
        assert response.status_code == 200
        assert "niet correct" in response.content.decode()
    # Even the right password is not checked while the wait runs.
    response = _login(client, user.email, PASSWORD)
    assert WAIT_NL in response.content.decode()
    assert "2 seconden" in response.content.decode()
    assert not _logged_in(client)
    clock.advance(2)
    _login(client, user.email, "wrong again")
    assert "4 seconden" in _login(client, user.email, PASSWORD).content.decode()
    clock.advance(4)
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_the_wait_is_capped_not_a_lock(client, clock):
    user = UserFactory(email="doelwit@example.org")
    for _ in range(30):
        _login(client, user.email, "wrong password")
        clock.advance(login_policy.ACCOUNT.cap)
    assert login_policy.ACCOUNT.wait_after(30) == login_policy.ACCOUNT.cap
    clock.advance(login_policy.ACCOUNT.cap)
    assert _login(client, user.email, PASSWORD).status_code == 302


def test_a_stranger_cannot_lock_the_owner_out_of_their_own_browser(clock):
    owner = UserFactory(email="eigenaar@example.org")
    own_browser = Client(REMOTE_ADDR="198.51.100.7")
    assert _login(own_browser, owner.email, PASSWORD).status_code == 302
    assert login_policy.KNOWN_CLIENT_COOKIE in own_browser.cookies
    own_browser.post(reverse("account_logout"))

    stranger = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(15):
        _login(stranger, owner.email, "guess")
    assert WAIT_NL in _login(stranger, owner.email, PASSWORD).content.decode()
    assert not _logged_in(stranger)

    response = _login(own_browser, owner.email, PASSWORD)
    assert response.status_code == 302
    assert _logged_in(own_browser)


def test_a_forged_known_client_cookie_counts_as_a_stranger(clock):
    owner = UserFactory(email="eigenaar@example.org")
    stranger = Client(REMOTE_ADDR="203.0.113.66")
    stranger.cookies[login_policy.KNOWN_CLIENT_COOKIE] = "made-up:value"
    for _ in range(login_policy.ACCOUNT.free):
        _login(stranger, owner.email, "guess")
    assert WAIT_NL in _login(stranger, owner.email, PASSWORD).content.decode()


def test_one_address_spraying_many_accounts_waits(clock):
    sprayer = Client(REMOTE_ADDR="203.0.113.66")
    for n in range(login_policy.CLIENT_IP.free):
        _login(sprayer, f"slachtoffer{n}@example.org", "Welkom01!")
    victim = UserFactory(email="nog-een@example.org")
    assert WAIT_NL in _login(sprayer, victim.email, PASSWORD).content.decode()
    # Someone else, from another address, is not affected.
    assert _login(Client(REMOTE_ADDR="198.51.100.7"), victim.email, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(settings, clock):
    settings.KENNISBRUG_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    sprayer = Client(REMOTE_ADDR=proxy)
    for n in range(login_policy.CLIENT_IP.free):
        # A made-up address in front of the proxy's entry changes nothing.
        _login(sprayer, f"s{n}@example.org", "x", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.66")
    user = UserFactory(email="gebruiker@example.org")
    blocked = _login(sprayer, user.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert WAIT_NL in blocked.content.decode()
    # Every other user of the site arrives through the same proxy and is not affected.
    other = Client(REMOTE_ADDR=proxy)
    response = _login(other, user.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302


def test_the_backend_refuses_every_password_check_while_waiting(clock):
    user = UserFactory(email="doelwit@example.org")
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.66")
    for _ in range(login_policy.ACCOUNT.free):
        assert authenticate(request, email=user.email, password="wrong") is None
    assert authenticate(request, email=user.email, password=PASSWORD) is None
    clock.advance(login_policy.ACCOUNT.wait_after(login_policy.ACCOUNT.free))
    assert authenticate(request, email=user.email, password=PASSWORD) == user


def test_the_admin_login_is_the_site_login(client, clock):
    staff = UserFactory(email="staf@example.org", is_staff=True, secretariat=True)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # The admin's own form is gone: posting a password there logs nobody in.
    for _ in range(30):
        response = client.post("/admin/login/", {"username": staff.email, "password": "wrong"})
        assert response.status_code == 302
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert not _logged_in(client)


def test_a_signed_in_non_staff_user_is_refused_by_the_admin(client):
    log_in(client, UserFactory())
    assert client.get("/admin/").status_code in {302, 403}
    assert client.get("/admin/login/").status_code == 403


@pytest.mark.parametrize(
    "login",
    ["", "a\x00b@example.org", "x" * 10_000 + "@example.org", "<script>@x", "' OR 1=1 --"],
)
def test_hostile_logins_are_refused_without_error(client, login):
    response = _login(client, login, "whatever\x00")
    # NUL bytes are refused by the hostile-input middleware before any view (400).
    assert response.status_code in {200, 400}
    assert not _logged_in(client)


@pytest.mark.usefixtures("english")
def test_wait_message_reads_in_minutes_for_long_waits():
    assert "3 minutes" in login_policy.wait_message(150)
    assert "1 second " in login_policy.wait_message(1)
