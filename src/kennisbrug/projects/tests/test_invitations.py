"""The invited organisation answers a partner invitation: page and API, admins only.

In these tests `roles.organisation` is the invited organisation (so `member` and `admin`
are its people); the idea is led by a third organisation; `other` belongs to an
unrelated organisation.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from tests.clients import api_client_for, log_in

from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects import services
from kennisbrug.projects.constants import InvitationStatus
from kennisbrug.projects.models import IdeaPartner, PartnerInvitation

from .factories import IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

API = "/api/v1/projects/invitations/{pk}/{action}"


@pytest.fixture
def client(client):
    """Pages in English (the msgids), like the API."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def lead():
    org = OrganisationFactory(name="Leidende Kmo", dutch=True)
    return MembershipFactory(organisation=org, admin=True).user


@pytest.fixture
def invitation(roles, lead):
    idea = IdeaFactory(
        lead_organisation=lead.memberships.get().organisation,
        title="Slimme lasrobot",
        total_budget=Decimal("1000.00"),
    )
    return services.idea_invite_partner(
        idea=idea, user=lead, organisation=roles.organisation, reason="Kent lasrobots."
    )


def state(invitation):
    invitation.refresh_from_db()
    # Partners that count: an invited organisation is listed, but not as a partner yet.
    partners = IdeaPartner.objects.filter(
        idea=invitation.idea, organisation=invitation.organisation, status="accepted"
    ).count()
    return invitation.status, partners


def api(user=None):
    return api_client_for(user, language="en")


# --- API ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"),
    [("anonymous", (401, 403)), ("other", (404,)), ("member", (403,)), ("secretariat", (403,))],
)
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_api_only_invited_admins_answer(roles, invitation, role, code, action):
    user = roles.as_dict()[role]
    r = api(user).post(API.format(pk=invitation.pk, action=action))
    assert r.status_code in code
    assert r["Content-Type"].startswith("application/problem+json")
    assert state(invitation) == (InvitationStatus.PENDING, 0)


def test_api_lead_members_cannot_answer_for_the_invited(invitation, lead):
    r = api(lead).post(API.format(pk=invitation.pk, action="accept"))
    assert r.status_code == 403
    assert state(invitation) == (InvitationStatus.PENDING, 0)


def test_api_admin_accepts_and_becomes_partner(roles, invitation):
    r = api(roles.admin).post(API.format(pk=invitation.pk, action="accept"))
    assert r.status_code == 200
    body = r.json()
    assert body == {
        "id": invitation.pk,
        "idea": invitation.idea_id,
        "idea_title": "Slimme lasrobot",
        "lead_organisation": invitation.idea.lead_organisation_id,
        "organisation": roles.organisation.pk,
        "role": "partner",
        "introduction": invitation.introduction_id,
        "status": "accepted",
    }
    assert state(invitation) == (InvitationStatus.ACCEPTED, 1)
    again = api(roles.admin).post(API.format(pk=invitation.pk, action="decline"))
    assert again.status_code == 400
    assert "already been answered" in again.content.decode()
    assert state(invitation) == (InvitationStatus.ACCEPTED, 1)


def test_api_admin_declines(roles, invitation):
    r = api(roles.admin).post(API.format(pk=invitation.pk, action="decline"))
    assert r.status_code == 200 and r.json()["status"] == "declined"
    assert state(invitation) == (InvitationStatus.DECLINED, 0)


@pytest.mark.parametrize(
    "body",
    [
        {"status": "accepted", "organisation": 1},
        {"idea": "<script>alert(1)</script>"},
        {"x": "'; DROP TABLE projects_partnerinvitation; --\x00"},
        {"message": "x" * 100_000},
    ],
)
def test_api_ignores_any_body_and_decides_only_the_action(roles, invitation, body):
    r = api(roles.admin).post(API.format(pk=invitation.pk, action="decline"), body, format="json")
    assert r.status_code == 200
    assert state(invitation) == (InvitationStatus.DECLINED, 0)
    assert PartnerInvitation.objects.count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/projects/invitations/999999/accept",
        "/api/v1/projects/invitations/9223372036854775808/accept",
        "/api/v1/projects/invitations/abc/accept",
        "/api/v1/projects/invitations/{pk}/maybe",
        "/api/v1/projects/invitations/{pk}/accept%3Cscript%3E",
    ],
)
def test_api_unknown_invitation_or_action_is_404(roles, invitation, path):
    r = api(roles.admin).post(path.format(pk=invitation.pk))
    assert r.status_code == 404
    assert state(invitation) == (InvitationStatus.PENDING, 0)


def test_api_get_is_not_allowed(roles, invitation):
    assert api(roles.admin).get(API.format(pk=invitation.pk, action="accept")).status_code == 405


# --- pages -------------------------------------------------------------------------


def test_list_page_shows_invitations_with_answer_buttons_for_admins(client, roles, invitation):
    log_in(client, roles.admin)
    page = client.get(reverse("projects:invitations"))
    html = page.content.decode()
    assert page.status_code == 200 and "Slimme lasrobot" in html and "Kent lasrobots." in html
    assert reverse("projects:invitation_answer", args=[invitation.pk, "accept"]) in html
    log_in(client, roles.member)
    html = client.get(reverse("projects:invitations")).content.decode()
    assert "Slimme lasrobot" in html
    assert reverse("projects:invitation_answer", args=[invitation.pk, "accept"]) not in html
    log_in(client, roles.other)
    assert "Slimme lasrobot" not in client.get(reverse("projects:invitations")).content.decode()


def test_list_page_needs_login(client):
    r = client.get(reverse("projects:invitations"))
    assert r.status_code == 302 and "login" in r["Location"]


@pytest.mark.parametrize(
    ("role", "code"),
    [("anonymous", 302), ("other", 404), ("member", 403), ("secretariat", 403)],
)
def test_page_answer_permission_matrix(client, roles, invitation, role, code):
    user = roles.as_dict()[role]
    if user:
        log_in(client, user)
    r = client.post(reverse("projects:invitation_answer", args=[invitation.pk, "accept"]))
    assert r.status_code == code
    assert state(invitation) == (InvitationStatus.PENDING, 0)


def test_page_admin_accepts_then_cannot_answer_again(client, roles, invitation):
    log_in(client, roles.admin)
    url = reverse("projects:invitation_answer", args=[invitation.pk, "accept"])
    r = client.post(url, follow=True)
    assert r.status_code == 200
    assert "is now a partner of Slimme lasrobot" in r.content.decode()
    assert state(invitation) == (InvitationStatus.ACCEPTED, 1)
    r = client.post(
        reverse("projects:invitation_answer", args=[invitation.pk, "decline"]), follow=True
    )
    assert "already been answered" in r.content.decode()
    assert state(invitation) == (InvitationStatus.ACCEPTED, 1)


def test_page_admin_declines(client, roles, invitation):
    log_in(client, roles.admin)
    r = client.post(
        reverse("projects:invitation_answer", args=[invitation.pk, "decline"]), follow=True
    )
    assert "The invitation is declined." in r.content.decode()
    assert state(invitation) == (InvitationStatus.DECLINED, 0)


def test_page_bad_action_get_and_unknown_id(client, roles, invitation):
    log_in(client, roles.admin)
    assert client.post(f"/projects/invitations/{invitation.pk}/maybe/").status_code == 404
    assert client.post("/projects/invitations/999999/accept/").status_code == 404
    url = reverse("projects:invitation_answer", args=[invitation.pk, "accept"])
    assert client.get(url).status_code == 405
    r = client.post(url, {"status": "declined", "organisation": "<b>x</b>"})
    assert r.status_code == 302
    assert state(invitation) == (InvitationStatus.ACCEPTED, 1)
