"""A registry organisation is on an idea only once one of its admins accepts (issue 13, 4d).

The lead's admin invites (page, API); the invited organisation is listed as invited, is not
a partner for the fit check, the consortium builder or the indicators, and does not see the
private idea until it accepts. Roles: `roles.organisation` leads; the invited organisation
has its own admin and member; `roles.other` belongs to an unrelated organisation.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from tests.clients import api_client_for, log_in

from kennisbrug.innovation.constants import IntroductionState
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects import selectors, services
from kennisbrug.projects.constants import InvitationStatus, PartnerStatus, Visibility
from kennisbrug.projects.models import IdeaPartner, PartnerInvitation

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(roles):
    invited = OrganisationFactory(name="Laserlab Eindhoven", dutch=True, knowledge_institution=True)
    idea = IdeaFactory(
        lead_organisation=roles.organisation,
        total_budget=Decimal("1000.00"),
        title="Geheime lasrobot",
        summary="Vertrouwelijke samenvatting.",
        problem="Vertrouwelijk probleem.",
    )
    return SimpleNamespace(
        roles=roles,
        idea=idea,
        invited=invited,
        invited_admin=MembershipFactory(organisation=invited, admin=True).user,
        invited_member=MembershipFactory(organisation=invited).user,
    )


def invite(p, **kwargs):
    return services.idea_partner_add(
        idea=p.idea, user=p.roles.admin, organisation=p.invited, **kwargs
    )


def invitation(p):
    return PartnerInvitation.objects.get(idea=p.idea, organisation=p.invited)


def page(user):
    c = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if user:
        log_in(c, user)
    return c


def test_adding_a_registry_organisation_invites_it(p, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        partner = invite(p, budget="300", erdf="100")
    assert partner.status == PartnerStatus.INVITED
    assert (partner.budget, partner.erdf) == (Decimal("300.00"), Decimal("100.00"))
    inv = invitation(p)
    assert inv.status == InvitationStatus.PENDING
    assert inv.introduction.provider_organisation == p.invited
    assert callbacks, "the invited organisation is mailed after commit"


@pytest.mark.parametrize("who", ["member", "other", "secretariat"])
def test_only_lead_admins_invite_registry_organisations(p, who):
    with pytest.raises(PermissionDenied):
        services.idea_partner_add(idea=p.idea, user=getattr(p.roles, who), organisation=p.invited)
    assert not IdeaPartner.objects.filter(organisation=p.invited).exists()
    assert not PartnerInvitation.objects.exists()


@pytest.mark.parametrize(
    ("role", "codes"),
    [
        ("anonymous", (401, 403)),
        ("other", (404,)),  # a private idea is not revealed
        ("member", (403,)),
        ("secretariat", (403,)),
        ("admin", (201,)),
    ],
)
def test_api_invite_permission_matrix(p, role, codes):
    r = api_client_for(p.roles.as_dict()[role]).post(
        f"/api/v1/projects/ideas/{p.idea.pk}/partners",
        {"organisation": p.invited.pk, "budget": "100"},
        format="json",
    )
    assert r.status_code in codes, r.content
    listed = IdeaPartner.objects.filter(organisation=p.invited)
    if role == "admin":
        assert r.json()["status"] == "invited" and listed.get().status == PartnerStatus.INVITED
    else:
        assert not listed.exists()


def test_invited_partner_does_not_count_until_accepted(p):
    invite(p, budget="300", erdf="100")
    assert [s.name for s in services.partner_specs(p.idea)] == [p.roles.organisation.name]
    assert selectors.accepted_partner_ids(p.idea) == [p.roles.organisation.pk]
    activity = {row[0]: row[4] for row in selectors.idea_activity()}
    assert [org for org, _ in activity[p.idea.pk]] == [p.roles.organisation.pk]

    services.invitation_respond(invitation=invitation(p), user=p.invited_admin, accept=True)
    partner = IdeaPartner.objects.get(organisation=p.invited)
    assert partner.status == PartnerStatus.ACCEPTED
    # The amounts the lead planned stay.
    assert (partner.budget, partner.erdf) == (Decimal("300.00"), Decimal("100.00"))
    assert {s.name for s in services.partner_specs(p.idea)} == {
        p.roles.organisation.name,
        p.invited.name,
    }
    assert set(selectors.accepted_partner_ids(p.idea)) == {p.roles.organisation.pk, p.invited.pk}


@pytest.mark.parametrize("who", ["invited_member", "roles.other", "roles.member"])
def test_only_the_invited_admin_accepts(p, who):
    invite(p)
    user = p.roles.other if who == "roles.other" else getattr(p, who, None)
    if who == "roles.member":
        user = p.roles.member
    with pytest.raises(PermissionDenied):
        services.invitation_respond(invitation=invitation(p), user=user, accept=True)
    assert IdeaPartner.objects.get(organisation=p.invited).status == PartnerStatus.INVITED


def test_declining_removes_the_invited_partner(p):
    invite(p)
    services.invitation_respond(invitation=invitation(p), user=p.invited_admin, accept=False)
    assert invitation(p).status == InvitationStatus.DECLINED
    assert not IdeaPartner.objects.filter(organisation=p.invited).exists()


def test_removing_an_invited_partner_withdraws_the_invitation(p):
    partner = invite(p)
    services.idea_partner_remove(partner=partner, user=p.roles.admin)
    inv = invitation(p)
    assert inv.status == InvitationStatus.WITHDRAWN
    assert inv.introduction.state == IntroductionState.WITHDRAWN
    assert not IdeaPartner.objects.filter(organisation=p.invited).exists()
    # ... and may be invited again.
    assert invite(p).status == PartnerStatus.INVITED


def test_inviting_twice_is_refused_and_writes_nothing(p):
    invite(p)
    with pytest.raises(Exception) as caught:
        invite(p)
    assert "organisation" in caught.value.message_dict
    assert PartnerInvitation.objects.count() == 1
    assert IdeaPartner.objects.filter(organisation=p.invited).count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"organisation": 999999},
        {"organisation": "x"},
        {"organisation": None},
        {"organisation": [1]},
        {"budget": "-1"},
        {"budget": "1" * 40},
        {"budget": "2000"},  # over the idea's total
        {"role": "lead"},
        {"role": "<script>"},
    ],
)
def test_bad_invitations_write_nothing(p, body):
    payload = {"organisation": p.invited.pk, **body}
    r = api_client_for(p.roles.admin).post(
        f"/api/v1/projects/ideas/{p.idea.pk}/partners", payload, format="json"
    )
    assert r.status_code == 400, r.content
    assert not PartnerInvitation.objects.exists()
    assert IdeaPartner.objects.count() == 1


def test_invited_members_do_not_see_the_private_idea_until_accepted(p):
    assert p.idea.visibility == Visibility.PRIVATE
    invite(p)
    for user in (p.invited_admin, p.invited_member):
        assert page(user).get(f"/projects/ideas/{p.idea.pk}/").status_code == 403
        assert page(user).get(f"/projects/ideas/{p.idea.pk}/export.md").status_code in (403, 404)
        r = api_client_for(user).get(f"/api/v1/projects/ideas/{p.idea.pk}")
        assert r.status_code == 404
        assert p.idea not in selectors.idea_list(user=user)
    # The invitation itself names the idea, so they can decide.
    listing = page(p.invited_admin).get("/projects/invitations/").content.decode()
    assert "Geheime lasrobot" in listing and "Vertrouwelijk probleem" not in listing

    services.invitation_respond(invitation=invitation(p), user=p.invited_admin, accept=True)
    for user in (p.invited_admin, p.invited_member):
        body = page(user).get(f"/projects/ideas/{p.idea.pk}/").content.decode()
        assert "Vertrouwelijk probleem" in body
        assert api_client_for(user).get(f"/api/v1/projects/ideas/{p.idea.pk}").status_code == 200
        assert p.idea in selectors.idea_list(user=user)
    # Someone from an unrelated organisation still sees nothing.
    assert page(p.roles.other).get(f"/projects/ideas/{p.idea.pk}/").status_code == 403


def test_detail_page_shows_invited_partners_as_such_in_both_languages(p):
    invite(p)
    nl = page(p.roles.member).get(f"/projects/ideas/{p.idea.pk}/").content.decode()
    assert "Laserlab Eindhoven" in nl and "uitgenodigd, nog niet aanvaard" in nl
    en = (
        page(p.roles.member)
        .get(f"/projects/ideas/{p.idea.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "invited, not yet accepted" in en and "uitgenodigd" not in en
    services.invitation_respond(invitation=invitation(p), user=p.invited_admin, accept=True)
    nl = page(p.roles.member).get(f"/projects/ideas/{p.idea.pk}/").content.decode()
    assert "uitgenodigd, nog niet aanvaard" not in nl


def test_page_add_partner_as_lead_admin_says_invited(p):
    r = page(p.roles.admin).post(
        f"/projects/ideas/{p.idea.pk}/partners/",
        {"organisation": p.invited.pk, "role": "partner", "budget": "0", "erdf": "0"},
        follow=True,
    )
    assert r.status_code == 200
    assert "Laserlab Eindhoven is uitgenodigd" in r.content.decode()
    assert IdeaPartner.objects.get(organisation=p.invited).status == PartnerStatus.INVITED


def test_page_add_partner_as_lead_member_is_refused(p):
    r = page(p.roles.member).post(
        f"/projects/ideas/{p.idea.pk}/partners/",
        {"organisation": p.invited.pk, "role": "partner", "budget": "0", "erdf": "0"},
    )
    assert r.status_code == 403
    assert not IdeaPartner.objects.filter(organisation=p.invited).exists()
