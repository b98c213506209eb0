"""Registering an organisation that already exists asks to join it instead (issue 13, 4c).

Same rule on the page and in the API: organisation_register. A match is a shared KBO/BCE,
KvK or VAT number, or a nearly identical name at the same postcode in the same country.
"""

import pytest
from django.urls import reverse
from tests.clients import api_client_for, log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog
from kennisbrug.organisations import services
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.models import Membership, Organisation

from .factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/organisations/"
BASE = {"type": "sme", "country": "BE", "postcode": "9000", "city": "Gent"}


def _register(user, **data):
    return services.organisation_register(user=user, data={**BASE, **data})


@pytest.mark.parametrize(
    "existing,given,matched_by",
    [
        ({"kbo_number": "0403170701"}, {"kbo_number": "0403.170.701"}, "kbo_number"),
        ({"vat_number": "BE0403170701"}, {"vat_number": "BE 0403 170 701"}, "vat_number"),
        (
            {"kvk_number": "12345678", "country_id": "NL", "postcode": "5611"},
            {"kvk_number": "1234 5678", "country": "NL", "postcode": "5611 AB"},
            "kvk_number",
        ),
        ({"name": "Fotonica Gent BV"}, {"name": "fotonica gent"}, "name"),
        ({"name": "Fotonica Gent"}, {"name": "Fotonika Gent"}, "name"),
        ({"name": "Fotonica Gent"}, {"name": "Fotonica Gent (demo)"}, "name"),
    ],
)
def test_an_existing_organisation_becomes_a_membership_request(existing, given, matched_by):
    org = OrganisationFactory(**{"name": "Fotonica Gent", **existing})
    user = UserFactory()
    registration = _register(user, **{"name": "Iets Anders", **given})
    assert not registration.created and registration.matched_by == matched_by
    assert registration.organisation == org
    assert Organisation.objects.count() == 1
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.status, membership.role) == (
        org,
        MembershipStatus.PENDING,
        MembershipRole.MEMBER,
    )
    assert AuditLog.objects.filter(action="organisation_registration_matched").exists()


@pytest.mark.parametrize(
    "given",
    [
        {"name": "Fotonica Gent", "postcode": "2000", "city": "Antwerpen"},  # other postcode
        {"name": "Fotonica Gent", "country": "NL", "postcode": "9000", "city": "Gent"},
        {"name": "Fotonica Gent 2"},  # a number tells places apart
        {"name": "Optiek Gent"},
    ],
)
def test_a_different_organisation_is_registered(given):
    OrganisationFactory(name="Fotonica Gent")
    user = UserFactory()
    data = {**BASE, **given}
    if data["country"] == "NL":
        data["postcode"] = "5611"
    registration = services.organisation_register(user=user, data=data)
    assert registration.created and registration.membership.role == MembershipRole.ADMIN
    assert Organisation.objects.count() == 2


def test_already_member_or_waiting_gets_a_clear_error_naming_the_organisation(english):
    org = OrganisationFactory(name="Fotonica Gent", kbo_number="0403170701")
    member = MembershipFactory(organisation=org).user
    with pytest.raises(Exception) as caught:
        _register(member, name="X", kbo_number="0403170701")
    assert "Fotonica Gent is already registered, and you are already one of its members." in str(
        caught.value
    )
    waiting = UserFactory()
    _register(waiting, name="X", kbo_number="0403170701")
    with pytest.raises(Exception) as caught:
        _register(waiting, name="X", kbo_number="0403170701")
    assert "your request to join it is already waiting" in str(caught.value)
    assert Membership.objects.filter(user=waiting).count() == 1


def test_bad_input_is_refused_before_any_match():
    OrganisationFactory(kbo_number="0403170701")
    with pytest.raises(Exception) as caught:
        _register(UserFactory(), name="X", kbo_number="0403170701", postcode="0000")
    assert "postcode" in caught.value.message_dict
    assert Membership.objects.count() == 0


def test_page_tells_which_organisation_and_that_admins_decide(client):
    org = OrganisationFactory(name="Fotonica Gent", kbo_number="0403170701")
    MembershipFactory(organisation=org, admin=True)
    user = UserFactory()
    log_in(client, user)
    response = client.post(
        reverse("organisations:create"),
        {**BASE, "name": "Fotonica Gent (demo)", "kbo_number": "0403170701"},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("organisations:detail", args=[org.slug])
    assert "Fotonica Gent" in page and "hetzelfde KBO/BCE-nummer" in page
    assert "beheerders" in page
    assert Organisation.objects.count() == 1
    assert Membership.objects.get(user=user).status == MembershipStatus.PENDING


def test_page_in_english_says_the_secretariat_decides_without_admins(client):
    org = OrganisationFactory(name="Fotonica Gent")
    log_in(client, UserFactory())
    response = client.post(
        reverse("organisations:create"),
        {**BASE, "name": "Fotonica  Gent nv"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Fotonica Gent, with nearly the same name at the same postcode, is already registered. "
        "Instead of a copy, your request to join it has been sent to the programme secretariat"
    ) in page
    assert response["Location"] == reverse("organisations:detail", args=[org.slug])
    assert Organisation.objects.count() == 1


def test_api_answers_202_with_the_request(english):
    org = OrganisationFactory(name="Fotonica Gent", vat_number="BE0403170701")
    user = UserFactory()
    response = api_client_for(user, language="en").post(
        LIST, {**BASE, "name": "Nieuw", "vat_number": "BE0403170701"}, format="json"
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["organisation"] == org.slug and body["organisation_name"] == "Fotonica Gent"
    assert (body["matched_by"], body["decided_by"], body["status"]) == (
        "vat_number",
        "secretariat",
        "pending",
    )
    assert "Fotonica Gent" in body["detail"] and "secretariat" in body["detail"]
    assert body["membership"] == Membership.objects.get(user=user).pk


def test_api_second_request_is_400_and_writes_nothing(english):
    OrganisationFactory(name="Fotonica Gent", kbo_number="0403170701")
    user = UserFactory()
    client = api_client_for(user, language="en")
    data = {**BASE, "name": "Nieuw", "kbo_number": "0403170701"}
    assert client.post(LIST, data, format="json").status_code == 202
    again = client.post(LIST, data, format="json")
    assert again.status_code == 400
    assert "already waiting" in str(again.json())
    assert Membership.objects.filter(user=user).count() == 1


def test_the_request_reaches_the_admins_page_and_the_secretariat_queue(client, roles):
    newcomer = UserFactory()
    _register(newcomer, name="Eigen Organisatie")
    log_in(client, roles.admin)
    members = client.get(reverse("organisations:members", args=[roles.organisation.slug]))
    assert newcomer.email in members.content.decode()
    log_in(client, roles.secretariat)
    assert newcomer.email in client.get(reverse("secretariat:queue")).content.decode()


def test_identifiers_are_unique_in_the_database():
    from django.db import IntegrityError, transaction

    OrganisationFactory(kbo_number="0403170701")
    for field, value in (("kbo_number", "0403170701"),):
        with pytest.raises(IntegrityError), transaction.atomic():
            OrganisationFactory(**{field: value})
    OrganisationFactory(kvk_number="12345678", dutch=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kvk_number="12345678", dutch=True)
    OrganisationFactory(vat_number="NL123456789B01", dutch=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(vat_number="NL123456789B01", dutch=True)
    # Empty identifiers are not unique: many organisations have none.
    OrganisationFactory()
    OrganisationFactory()
