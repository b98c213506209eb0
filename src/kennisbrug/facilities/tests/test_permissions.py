"""Permission matrix: every page tried as anonymous, other, member, admin and secretariat.

The facility and living lab belong to `roles.organisation`; the booking and the pilot
were requested by `roles.other` (an admin of another organisation).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.facilities import services
from kennisbrug.facilities.services import labs as lab_services

from .factories import FacilityFactory, LivingLabFactory, next_weekday

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other", "member", "admin", "secretariat"]
LOGIN = 302  # logged-out visitors are sent to the login page


def row(*codes):
    return dict(zip(ROLES, codes, strict=True))


@pytest.fixture
def world(roles):
    facility = FacilityFactory(owner=roles.organisation)
    start = next_weekday(1, 9)
    booking = services.booking_request(
        facility=facility,
        requester=roles.other,
        organisation=roles.other_organisation,
        start=start,
        end=start + timedelta(hours=2),
        purpose="Test",
    )
    lab = LivingLabFactory(owner=roles.organisation)
    pilot = lab_services.pilot_propose(
        living_lab=lab,
        proposer=roles.other,
        organisation=roles.other_organisation,
        title="Pilot",
        goal="Doel",
        what_is_tested="Iets",
        start_date=start.date(),
        end_date=start.date() + timedelta(days=30),
    )
    return {"facility": facility, "booking": booking, "lab": lab, "pilot": pilot, "roles": roles}


PAGES = [
    ("list", None, "get", row(200, 200, 200, 200, 200)),
    ("create", None, "get", row(LOGIN, 200, 403, 200, 403)),
    ("detail", "facility", "get", row(200, 200, 200, 200, 200)),
    ("edit", "facility", "get", row(LOGIN, 403, 403, 200, 403)),
    ("managers", "facility", "get", row(LOGIN, 403, 403, 200, 403)),
    ("availability", "facility", "get", row(200, 200, 200, 200, 200)),
    ("book", "facility", "get", row(LOGIN, 200, 200, 200, 403)),
    ("ical", "facility", "get", row(200, 200, 200, 200, 200)),
    ("report", "facility", "get", row(LOGIN, 403, 403, 200, 200)),
    ("my_bookings", None, "get", row(LOGIN, 200, 200, 200, 200)),
    ("inbox", None, "get", row(LOGIN, 200, 200, 200, 200)),
    ("booking_detail", "booking", "get", row(LOGIN, 200, 403, 200, 200)),
    ("organisation_report", "organisation", "get", row(LOGIN, 403, 403, 200, 200)),
    ("lab_list", None, "get", row(200, 200, 200, 200, 200)),
    ("lab_create", None, "get", row(LOGIN, 200, 403, 200, 403)),
    ("lab_detail", "lab", "get", row(200, 200, 200, 200, 200)),
    ("lab_edit", "lab", "get", row(LOGIN, 403, 403, 200, 403)),
    ("call_create", "lab", "get", row(LOGIN, 403, 403, 200, 403)),
    ("pilot_propose", "lab", "get", row(LOGIN, 200, 200, 200, 403)),
    ("pilot_list", None, "get", row(LOGIN, 200, 200, 200, 200)),
    ("pilot_detail", "pilot", "get", row(LOGIN, 200, 403, 200, 200)),
]


def url_for(world, name, target):
    if target is None:
        return reverse(f"facilities:{name}")
    if target == "organisation":
        return reverse(f"facilities:{name}", kwargs={"org_pk": world["roles"].organisation.pk})
    return reverse(f"facilities:{name}", kwargs={"pk": world[target].pk})


@pytest.mark.parametrize(("name", "target", "method", "expected"), PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(client, world, name, target, method, expected, role):
    user = world["roles"].as_dict()[role]
    if user:
        log_in(client, user)
    response = getattr(client, method)(url_for(world, name, target))
    assert response.status_code == expected[role], (name, role)
    if expected[role] == LOGIN:
        assert "/accounts/login/" in response["Location"]


ACTIONS = [
    ("booking_action", "booking", "approved", row(LOGIN, 403, 403, 302, 403)),
    ("booking_action", "booking", "cancelled", row(LOGIN, 302, 403, 302, 403)),
    ("pilot_action", "pilot", "accepted", row(LOGIN, 403, 403, 302, 403)),
    ("pilot_action", "pilot", "withdrawn", row(LOGIN, 302, 403, 403, 403)),
]


@pytest.mark.parametrize(("name", "target", "action", "expected"), ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_action_matrix(client, world, name, target, action, expected, role):
    user = world["roles"].as_dict()[role]
    if user:
        log_in(client, user)
    obj = world[target]
    before = obj.status
    url = reverse(f"facilities:{name}", kwargs={"pk": obj.pk, "action": action})
    response = client.post(url, {"reason": "x"})
    assert response.status_code == expected[role], (name, action, role)
    obj.refresh_from_db()
    assert (obj.status != before) == (expected[role] == 302 and user is not None)


def test_get_on_action_is_not_allowed(client, world):
    log_in(client, world["roles"].admin)
    url = reverse(
        "facilities:booking_action", kwargs={"pk": world["booking"].pk, "action": "approved"}
    )
    assert client.get(url).status_code == 405


def test_public_ical_shows_only_busy_and_token_shows_details(client, world):
    facility = world["facility"]
    url = reverse("facilities:ical", kwargs={"pk": facility.pk})
    public = client.get(url).content.decode()
    assert "SUMMARY:Bezet" in public and "Andere Organisatie" not in public
    assert "DESCRIPTION" not in public
    detailed = client.get(url, {"token": facility.calendar_token}).content.decode()
    assert "Andere Organisatie" in detailed
    assert "Andere Organisatie" not in client.get(url, {"token": "wrong"}).content.decode()
    log_in(client, world["roles"].admin)
    assert "Andere Organisatie" in client.get(url).content.decode()


def test_availability_shows_no_names(client, world):
    response = client.get(
        reverse("facilities:availability", kwargs={"pk": world["facility"].pk}),
        {"week": world["booking"].start.date().isoformat()},
    )
    text = response.content.decode()
    assert "09:00–11:00" in text and "Andere Organisatie" not in text


def test_unpublished_facility_is_hidden_from_public(client, world):
    facility = world["facility"]
    facility.is_published = False
    facility.save()
    assert client.get(reverse("facilities:detail", kwargs={"pk": facility.pk})).status_code == 403
    assert facility.name not in client.get(reverse("facilities:list")).content.decode()
    log_in(client, world["roles"].admin)
    assert client.get(reverse("facilities:detail", kwargs={"pk": facility.pk})).status_code == 200


def test_the_catalogue_audience_is_exactly_the_unpublished_facilities_someone_manages():
    """`unpublished_managed_ids` (read on every signed-in catalogue request, from the
    memberships the request has read once) names the same facilities as the full rule of
    `managed_facility_ids`, for an admin, a designated manager, a designated manager whose
    membership is not (or no longer) active, a plain member, someone from another organisation and the
    secretariat."""
    from kennisbrug.accounts.tests.factories import UserFactory
    from kennisbrug.facilities.models import Facility, FacilityManager
    from kennisbrug.facilities.permissions import (
        managed_facility_ids,
        unpublished_managed_ids,
    )
    from kennisbrug.facilities.tests.factories import FacilityFactory
    from kennisbrug.organisations.constants import MembershipStatus
    from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

    owner, other_owner = OrganisationFactory(), OrganisationFactory()
    hidden = [FacilityFactory(owner=owner, is_published=False) for _ in range(2)]
    FacilityFactory(owner=owner, is_published=True)
    elsewhere = FacilityFactory(owner=other_owner, is_published=False)
    admin = MembershipFactory(organisation=owner, admin=True).user
    designated = MembershipFactory(organisation=owner).user
    FacilityManager.objects.create(facility=hidden[0], user=designated)
    left = MembershipFactory(organisation=owner, status=MembershipStatus.PENDING).user
    FacilityManager.objects.create(facility=hidden[1], user=left)
    member = MembershipFactory(organisation=owner).user
    stranger = MembershipFactory(organisation=other_owner, admin=True).user
    secretariat = UserFactory(secretariat=True)

    def full_rule(user):
        return sorted(
            Facility.objects.filter(
                is_published=False, pk__in=managed_facility_ids(user)
            ).values_list("pk", flat=True)
        )

    expected = {
        admin: sorted(f.pk for f in hidden),
        designated: [hidden[0].pk],
        left: [],
        member: [],
        stranger: [elsewhere.pk],
        secretariat: [],
    }
    for user, ids in expected.items():
        assert unpublished_managed_ids(user) == ids == full_rule(user), user
