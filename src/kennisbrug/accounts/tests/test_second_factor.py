"""Staff approve and decide only after a second factor (core.second_factor), on every face:
pages, the work queue, the admin, the API with a session and with a token."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from tests.clients import api_client_for, log_in

from kennisbrug.accounts.models import ApiToken
from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.second_factor import needs_second_factor
from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking
from kennisbrug.facilities.tests.factories import FacilityFactory, next_weekday
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.tests.factories import MembershipFactory
from kennisbrug.vouchers.constants import ApplicationStatus as S
from kennisbrug.vouchers.tests.factories import Cast

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_site")]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct horse battery staple"


def _code(secret: str = SECRET, offset: int = 0) -> str:
    counter = int(timezone.now().timestamp()) // 30 + offset
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the login policy and the used-code markers live in the cache


@pytest.fixture
def cast(db):
    return Cast()


@pytest.fixture
def reviewed(cast):
    return cast.advance(cast.draft(), S.REVIEWED)


def _transition_url(app, action="approve"):
    return reverse("vouchers:application_transition", args=[app.pk, action])


def test_who_counts_as_staff(roles):
    assert needs_second_factor(roles.secretariat)
    assert needs_second_factor(UserFactory(is_staff=True))
    assert needs_second_factor(UserFactory(is_superuser=True))
    assert not needs_second_factor(roles.admin)
    assert not needs_second_factor(UserFactory(intermediary=True))
    assert not needs_second_factor(UserFactory(is_staff=True, is_active=False))


def test_page_shows_the_reason_instead_of_the_button_and_refuses(client, cast, reviewed):
    log_in(client, cast.approver, second_factor=False)
    page = client.get(reverse("vouchers:application_detail", args=[reviewed.pk]))
    html = page.content.decode()
    assert "Set up an authenticator app" in html
    assert 'id="refused-approve"' in html
    assert _transition_url(reviewed) not in html
    response = client.post(_transition_url(reviewed), {"reason": ""})
    assert response.status_code == 403
    assert "Set up an authenticator app" in response.content.decode()
    reviewed.refresh_from_db()
    assert reviewed.status == S.REVIEWED


def test_with_the_second_factor_the_same_approval_goes_through(client, cast, reviewed):
    log_in(client, cast.approver)
    html = client.get(reverse("vouchers:application_detail", args=[reviewed.pk])).content
    assert _transition_url(reviewed).encode() in html
    client.post(_transition_url(reviewed), {"reason": ""})
    reviewed.refresh_from_db()
    assert reviewed.status == S.APPROVED


def test_staff_with_an_app_but_unconfirmed_session_is_asked_for_the_code(client, cast, reviewed):
    TOTP.activate(cast.approver, SECRET)
    log_in(client, cast.approver, second_factor=False)
    response = client.post(_transition_url(reviewed), {"reason": ""})
    assert response.status_code == 403
    assert "Confirm your authenticator code" in response.content.decode()
    page = client.get(reverse("accounts:second_factor")).content.decode()
    assert reverse("mfa_reauthenticate") in page


def test_non_staff_decide_without_a_second_factor(client, roles):
    facility = FacilityFactory(owner=roles.organisation)
    start = next_weekday(2, 10)
    booking = Booking.objects.create(
        facility=facility,
        requester=roles.other,
        organisation=roles.other_organisation,
        customer_class="sme",
        start=start,
        end=start + timedelta(hours=1),
        purpose="Meting",
        hours=1,
        price=80,
    )
    log_in(client, roles.admin)
    url = reverse("facilities:booking_action", kwargs={"pk": booking.pk, "action": "approved"})
    client.post(url)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED


def test_staff_facility_manager_needs_it_for_a_booking_approval(client, roles):
    manager = UserFactory(is_staff=True)
    MembershipFactory(
        user=manager,
        organisation=roles.organisation,
        role=MembershipRole.ADMIN,
        status=MembershipStatus.ACTIVE,
    )
    facility = FacilityFactory(owner=roles.organisation)
    start = next_weekday(3, 10)
    booking = Booking.objects.create(
        facility=facility,
        requester=roles.other,
        organisation=roles.other_organisation,
        customer_class="sme",
        start=start,
        end=start + timedelta(hours=1),
        purpose="Meting",
        hours=1,
        price=80,
    )
    log_in(client, manager, second_factor=False)
    detail = client.get(reverse("facilities:booking_detail", args=[booking.pk])).content.decode()
    assert 'id="second-factor-refusal"' in detail
    url = reverse("facilities:booking_action", kwargs={"pk": booking.pk, "action": "approved"})
    assert url not in detail
    assert client.post(url).status_code == 403
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    log_in(client, manager)
    client.post(url)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED


def test_work_queue_shows_the_reason_instead_of_actions(client, roles):
    MembershipFactory(organisation=roles.organisation, status=MembershipStatus.PENDING)
    log_in(client, roles.secretariat, second_factor=False)
    html = client.get(reverse("secretariat:queue")).content.decode()
    assert 'id="second-factor-refusal"' in html
    assert '<div class="actions">' not in html


def test_admin_sends_unconfirmed_staff_to_the_second_factor_page(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    log_in(client, staff, second_factor=False)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor") + "?next=")
    assert client.post("/admin/accounts/user/", {"action": "delete_selected"}).status_code == 403
    log_in(client, staff)
    assert client.get("/admin/").status_code == 200


def test_second_factor_page_in_both_languages(client, roles):
    log_in(client, roles.secretariat, second_factor=False)
    english = client.get(reverse("accounts:second_factor"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Set up the authenticator app" in english.content.decode()
    client.cookies["django_language"] = "nl"
    dutch = client.get(reverse("accounts:second_factor"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Authenticator-app instellen" in dutch.content.decode()


def test_api_session_without_second_factor_gets_a_problem(cast, reviewed):
    url = f"/api/v1/vouchers/applications/{reviewed.pk}/transitions/"
    response = api_client_for(cast.approver, second_factor=False).post(
        url, {"action": "approve"}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "second_factor_required"
    reviewed.refresh_from_db()
    assert reviewed.status == S.REVIEWED
    ok = api_client_for(cast.approver).post(url, {"action": "approve"}, format="json")
    assert ok.status_code == 200


def test_api_token_decides_only_when_made_after_the_second_factor(cast, reviewed):
    url = f"/api/v1/vouchers/applications/{reviewed.pk}/transitions/"
    # A token made on the token page of a session without the second factor.
    client = api_client_for(None)
    log_in(client, cast.approver, second_factor=False)
    made = client.post("/api/v1/tokens/", {"name": "zonder"}, format="json").json()
    assert made["second_factor"] is False
    weak = api_client_for(None).post(
        url, {"action": "approve"}, format="json", HTTP_AUTHORIZATION=f"Token {made['token']}"
    )
    assert weak.status_code == 403
    assert weak.json()["code"] == "second_factor_required"
    assert "This API token was not created" in weak.json()["detail"]
    # The same person after the second factor: the new token may decide.
    log_in(client, cast.approver)
    strong = client.post("/api/v1/tokens/", {"name": "met"}, format="json").json()
    assert strong["second_factor"] is True
    assert ApiToken.objects.get(pk=strong["id"]).second_factor
    ok = api_client_for(None).post(
        url, {"action": "approve"}, format="json", HTTP_AUTHORIZATION=f"Token {strong['token']}"
    )
    assert ok.status_code == 200
    reviewed.refresh_from_db()
    assert reviewed.status == S.APPROVED


def test_token_page_records_whether_the_session_passed(client, roles):
    log_in(client, roles.secretariat)
    client.post(reverse("accounts:tokens"), {"name": "script", "expires_in_days": "30"})
    assert ApiToken.objects.get(user=roles.secretariat).second_factor


def test_login_of_staff_without_an_app_leads_to_setup_and_activation_passes(client, cast, reviewed):
    response = client.post(
        reverse("account_login"), {"login": cast.approver.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("accounts:second_factor")
    # allauth asks for the password once more before an authenticator is added.
    assert client.get(reverse("mfa_activate_totp")).status_code == 302
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=cast.approver, type="totp").exists()
    client.post(_transition_url(reviewed), {"reason": ""})
    reviewed.refresh_from_db()
    assert reviewed.status == S.APPROVED


def test_wrong_codes_slow_down_and_never_lock_out(client, roles):
    TOTP.activate(roles.secretariat, SECRET)
    client.post(reverse("account_login"), {"login": roles.secretariat.email, "password": PASSWORD})
    for _ in range(5):
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert "Incorrect code." in response.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": _code()})
    assert response.status_code == 200
    assert "Too many failed login attempts. Wait" in response.content.decode()
    cache.delete(f"kb:login:code:{roles.secretariat.pk}")
    cache.clear()
    response = client.post(reverse("mfa_authenticate"), {"code": _code()})
    assert response.status_code == 302
