"""Shared pytest fixtures: reference data in every test database."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests flush the database; put reference data back for the next test."""
    yield
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        from kennisbrug.core.reference import load_reference_data

        load_reference_data()


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
