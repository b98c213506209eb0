"""The work queue: who may see it, what it shows, the four-eyes role per viewer."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core import work_queue
from kennisbrug.facilities.tests.factories import BookingFactory
from kennisbrug.innovation.tests.factories import IntroductionFactory
from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.secretariat import groups
from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.tests.factories import Cast

pytestmark = pytest.mark.django_db
URL = "/secretariat/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize("role", ["member", "admin", "other"])
def test_queue_is_secretariat_only(client, roles, role):
    log_in(client, roles.as_dict()[role])
    assert client.get(URL).status_code == 403


def test_queue_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_queue_refuses_other_methods(client, roles):
    log_in(client, roles.secretariat)
    assert client.get(URL + "?status=<script>").status_code == 200
    assert client.post(URL).status_code in (200, 405)


def test_queue_shows_counts_and_links(client, roles):
    BookingFactory()
    IntroductionFactory()  # fresh, provider without members: nobody can answer
    MembershipFactory(status=MembershipStatus.PENDING)
    log_in(client, roles.secretariat)
    page = client.get(URL, **EN).content.decode()
    assert "Bookings awaiting approval" in page
    assert "Introductions without recipient" in page
    assert "Membership requests" in page
    assert "The organisation has no admin" in page
    assert "/facilities/bookings/" in page and "/questions/introductions/" in page


def test_queue_shows_the_four_eyes_role_per_viewer(client):
    cast = Cast()
    submitted = cast.advance(cast.draft(title="Eerste beoordeling"), ApplicationStatus.SUBMITTED)
    reviewed = cast.advance(cast.draft(title="Tweede beslissing"), ApplicationStatus.REVIEWED)
    assert submitted.status == "submitted" and reviewed.status == "reviewed"
    log_in(client, cast.reviewer)
    page = client.get(URL, **EN).content.decode()
    assert "First review" in page
    assert "You reviewed this; another reviewer must decide." in page
    log_in(client, cast.approver)
    page = client.get(URL, **EN).content.decode()
    assert "Second decision (four-eyes)" in page


def test_queue_cards_are_an_extension_point(client, roles):
    def extra(*, user):
        return work_queue.Card(title="Data-quality warnings", count=3)

    work_queue.sections.register("test_extra", extra)
    try:
        log_in(client, roles.secretariat)
        assert "Data-quality warnings" in client.get(URL, **EN).content.decode()
    finally:
        work_queue.sections.unregister("test_extra")


def test_secretariat_without_authenticator_is_sent_to_set_it_up_after_login(client):
    user = UserFactory(secretariat=True, email="sec@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:second_factor")


def test_secretariat_lands_on_the_queue_after_login_and_code(client, settings):
    from allauth.mfa.totp.internal.auth import TOTP

    from kennisbrug.core import demo

    settings.DEBUG = True  # demo codes are printed in development only
    user = UserFactory(secretariat=True, email=f"sec@{demo.DEMO_DOMAIN}")
    TOTP.activate(user, demo.DEMO_TOTP_SECRET)
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": demo.demo_totp_code(user.email)})
    assert response.status_code == 302
    assert response["Location"] == URL


def test_other_people_land_on_their_dashboard_after_login(client):
    user = UserFactory(email="person@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response["Location"] == reverse("accounts:dashboard")


def test_group_has_view_permissions_and_no_personal_data():
    group = groups.group_ensure()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_application", "view_booking", "view_introduction", "view_user"} <= codenames
    assert {"change_membership", "change_organisation"} <= codenames
    assert "view_profile" not in codenames and "view_apitoken" not in codenames
    assert "change_application" not in codenames and "delete_user" not in codenames


def test_staff_secretariat_join_the_group_and_can_use_the_admin(client):
    user = UserFactory(secretariat=True, is_staff=True)
    assert user.groups.filter(name=groups.GROUP_NAME).exists()
    log_in(client, user)
    assert client.get("/admin/").status_code == 200
    for url in [
        "/admin/vouchers/application/",
        "/admin/facilities/booking/",
        "/admin/accounts/user/",
        "/admin/projects/projectidea/",
        "/admin/skills/occupation/",
        "/admin/organisations/membership/",
    ]:
        assert client.get(url).status_code == 200, url
    # Personal data and writes the services own stay closed.
    assert client.get("/admin/skills/profile/").status_code == 403
    assert client.get("/admin/vouchers/application/add/").status_code == 403


def test_staff_without_secretariat_role_get_no_group():
    user = UserFactory(is_staff=True)
    assert not Group.objects.filter(name=groups.GROUP_NAME, user=user).exists()


def test_secretariat_cannot_raise_own_rights_in_admin(client):
    user = UserFactory(secretariat=True, is_staff=True)
    Group.objects.get(name=groups.GROUP_NAME).permissions.add(
        *groups.Permission.objects.filter(codename="change_user")
    )
    log_in(client, user)
    url = f"/admin/accounts/user/{user.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page


def test_other_organisation_user_sees_no_admin(client):
    outsider = MembershipFactory(organisation=OrganisationFactory(dutch=True)).user
    log_in(client, outsider)
    assert client.get("/admin/").status_code == 302
