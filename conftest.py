"""Shared pytest fixtures for every test (src/ and tests/): reference data, roles,
English messages, API clients; browser fixtures come from tests/browser.py."""

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.utils import translation
from tests.clients import api_client_for as _api_client_for

# Browser fixtures (one Chromium per session) for the browser tests under src/ and tests/.
pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login counters, API throttles and page fragments live in caches: every test starts
    from zero."""
    for store in (cache, caches["fragments"], caches["throttle"]):
        store.clear()
    yield
    for store in (cache, caches["fragments"], caches["throttle"]):
        store.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return any(name in request.fixturenames for name in ("transactional_db", "live_server"))


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request, django_db_blocker):
    """Put the reference data back before a transactional test.

    Transactional tests end by flushing every table. pytest-django runs them after
    all ordinary database tests, so only the next transactional test can see the
    empty database: it reloads the data (about 0.7 s) when countries are missing.
    """
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        _ensure_reference_data(django_db_blocker)
    yield


def _ensure_reference_data(django_db_blocker) -> None:
    from kennisbrug.core.models import Country
    from kennisbrug.core.reference import load_reference_data

    with django_db_blocker.unblock():
        if not Country.objects.exists():
            load_reference_data()


@pytest.fixture
def reference_data(transactional_db, django_db_blocker):
    """The shipped reference data in a transactional test's database (loaded only when
    an earlier transactional test's flush removed it)."""
    _ensure_reference_data(django_db_blocker)


class Roles:
    """The five people every permission matrix tries, around one organisation.

    anonymous (None), `other` (active member of another organisation), `member`
    and `admin` of `organisation`, and `secretariat` (programme secretariat).
    """

    def __init__(self):
        from kennisbrug.accounts.tests.factories import UserFactory
        from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

        self.organisation = OrganisationFactory(name="Eigen Organisatie")
        self.other_organisation = OrganisationFactory(name="Andere Organisatie", dutch=True)
        self.member = MembershipFactory(organisation=self.organisation).user
        self.admin = MembershipFactory(organisation=self.organisation, admin=True).user
        self.other = MembershipFactory(organisation=self.other_organisation, admin=True).user
        self.secretariat = UserFactory(secretariat=True)

    def as_dict(self):
        return {
            "anonymous": None,
            "other": self.other,
            "member": self.member,
            "admin": self.admin,
            "secretariat": self.secretariat,
        }


@pytest.fixture
def roles(db):
    return Roles()


@pytest.fixture
def english():
    """Messages in English (the msgids) for the test's own calls; pages still follow the
    request's language. Apps opt in per module (`pytest.mark.usefixtures("english")`) or
    for all their tests with an autouse fixture in their conftest."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_site(settings, english):
    """English everywhere, also for requests that name no language."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def api_client():
    """An anonymous DRF test client."""
    return _api_client_for()


@pytest.fixture
def api_client_for():
    """`api_client_for(user, language="en")`: a DRF client authenticated as `user`."""
    return _api_client_for
