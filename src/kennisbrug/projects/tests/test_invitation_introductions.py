"""A partner invitation IS an innovation introduction: one state machine, answered either way.

The lead organisation (`lead_admin`, `lead_member`) invites the `invited` organisation
(`invited_admin`, `invited_member`); `stranger` belongs to neither.
"""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from tests.clients import api_client_for, log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog
from kennisbrug.innovation.constants import IntroductionState, TargetKind
from kennisbrug.innovation.models import Introduction
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects import services
from kennisbrug.projects.constants import InvitationStatus, PartnerRole
from kennisbrug.projects.models import IdeaPartner, PartnerInvitation

from .factories import IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

INTRO_API = "/api/v1/introductions/{pk}/{action}/"
OLD_API = "/api/v1/projects/invitations/{pk}/{action}"


class People:
    def __init__(self):
        self.lead = OrganisationFactory(name="Leidende Kmo", dutch=True)
        self.invited = OrganisationFactory(name="Gentse Hogeschool")
        self.lead_admin = MembershipFactory(organisation=self.lead, admin=True).user
        self.lead_member = MembershipFactory(organisation=self.lead).user
        self.invited_admin = MembershipFactory(organisation=self.invited, admin=True).user
        self.invited_member = MembershipFactory(organisation=self.invited).user
        self.stranger = MembershipFactory(organisation=OrganisationFactory(), admin=True).user
        self.secretariat = UserFactory(secretariat=True)
        self.idea = IdeaFactory(
            lead_organisation=self.lead, title="Slimme lasrobot", total_budget=Decimal("1000.00")
        )


@pytest.fixture
def p():
    return People()


def invite(p, **kwargs):
    kwargs = {"organisation": p.invited, "reason": "Kent lasrobots.", **kwargs}
    return services.idea_invite_partner(idea=p.idea, user=p.lead_admin, **kwargs)


def api(user=None):
    return api_client_for(user, language="en")


def counts():
    return (
        Introduction.objects.count(),
        PartnerInvitation.objects.count(),
        IdeaPartner.objects.count(),
        AuditLog.objects.count(),
    )


def partner_of(p):
    return IdeaPartner.objects.filter(idea=p.idea, organisation=p.invited).first()


def test_inviting_creates_exactly_one_introduction(p, django_capture_on_commit_callbacks):
    before = Introduction.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        inv = invite(p, role=PartnerRole.ASSOCIATED, message="Doe mee!")
    assert Introduction.objects.count() == before + 1
    intro = inv.introduction
    assert (intro.requester_organisation, intro.requested_by) == (p.lead, p.lead_admin)
    assert intro.provider_organisation == p.invited
    assert (intro.target_kind, intro.target_id) == (TargetKind.PROJECT_IDEA, str(p.idea.pk))
    assert intro.target_title == "Slimme lasrobot"
    assert intro.question is None and intro.state == IntroductionState.REQUESTED
    assert "Slimme lasrobot" in intro.message
    assert "associated partner" in intro.message
    assert f"/projects/ideas/{p.idea.pk}/" in intro.message
    assert "Kent lasrobots." in intro.message and "Doe mee!" in intro.message
    assert inv.status == InvitationStatus.PENDING and inv.role == PartnerRole.ASSOCIATED
    # The audit record and the e-mail come from the introduction workflow.
    assert AuditLog.objects.filter(
        action="introduction_requested", object_id=str(intro.pk)
    ).exists()
    assert [m.to for m in mail.outbox] == [sorted([p.invited_admin.email, p.invited_member.email])]


def test_email_waits_for_commit(p, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(p)
    assert mail.outbox == []
    # Other after-commit work (kept pages and figures renewing their versions) sends nothing.
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_accept_via_introductions_api_confirms_partner(p):
    inv = invite(p, role=PartnerRole.ASSOCIATED)
    r = api(p.invited_admin).post(INTRO_API.format(pk=inv.introduction_id, action="accept"))
    assert r.status_code == 200, r.content
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.ACCEPTED
    assert partner_of(p).role == PartnerRole.ASSOCIATED
    assert AuditLog.objects.filter(
        action="introduction_accepted", object_id=str(inv.introduction_id)
    ).exists()
    # The old endpoint sees the same state machine: already answered.
    again = api(p.invited_admin).post(OLD_API.format(pk=inv.pk, action="decline"))
    assert again.status_code == 400
    assert IdeaPartner.objects.filter(idea=p.idea, organisation=p.invited).count() == 1


def test_decline_via_introductions_api_adds_no_partner(p):
    inv = invite(p)
    r = api(p.invited_admin).post(
        INTRO_API.format(pk=inv.introduction_id, action="decline"),
        {"message": "Geen tijd."},
        format="json",
    )
    assert r.status_code == 200, r.content
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.DECLINED
    assert inv.introduction.response_message == "Geen tijd."
    assert partner_of(p) is None


@pytest.mark.parametrize("accept", [True, False])
def test_old_endpoint_moves_the_introduction(p, accept):
    inv = invite(p)
    action, state = ("accept", "accepted") if accept else ("decline", "declined")
    r = api(p.invited_admin).post(OLD_API.format(pk=inv.pk, action=action))
    assert r.status_code == 200 and r.json()["status"] == state
    inv.introduction.refresh_from_db()
    assert inv.introduction.state == state
    assert (partner_of(p) is not None) is accept
    again = api(p.invited_admin).post(INTRO_API.format(pk=inv.introduction_id, action="accept"))
    assert again.status_code == 400
    assert IdeaPartner.objects.filter(idea=p.idea, organisation=p.invited).count() == int(accept)


def test_old_page_answers_through_the_introduction(client, p):
    inv = invite(p)
    log_in(client, p.invited_admin)
    r = client.post(f"/projects/invitations/{inv.pk}/accept/")
    assert r.status_code == 302
    inv.introduction.refresh_from_db()
    assert inv.introduction.state == IntroductionState.ACCEPTED
    assert partner_of(p) is not None


def test_introductions_page_accept_confirms_partner(client, p):
    inv = invite(p)
    log_in(client, p.invited_admin)
    r = client.post(f"/questions/introductions/{inv.introduction_id}/accept/", {"message": ""})
    assert r.status_code == 302
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.ACCEPTED and partner_of(p) is not None


def test_lead_withdraws_and_the_invitation_follows(p):
    inv = invite(p)
    r = api(p.lead_admin).post(INTRO_API.format(pk=inv.introduction_id, action="withdraw"))
    assert r.status_code == 200, r.content
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.WITHDRAWN
    assert api(p.invited_admin).post(OLD_API.format(pk=inv.pk, action="accept")).status_code == 400
    assert partner_of(p) is None
    # Withdrawn, so the lead may invite again.
    assert invite(p).status == InvitationStatus.PENDING


@pytest.mark.parametrize("who", ["lead_member", "invited_admin", "stranger", "secretariat"])
def test_only_lead_admins_invite(p, who):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.idea_invite_partner(idea=p.idea, user=getattr(p, who), organisation=p.invited)
    assert counts() == before


def test_invite_api_permissions(p):
    url = f"/api/v1/projects/ideas/{p.idea.pk}/invitations"
    body = {"organisation": p.invited.pk}
    before = counts()
    assert api().post(url, body, format="json").status_code in (401, 403)
    assert api(p.lead_member).post(url, body, format="json").status_code == 403
    assert counts() == before
    assert api(p.lead_admin).post(url, body, format="json").status_code == 201


@pytest.mark.parametrize(
    ("who", "codes"),
    [
        (None, (401, 403)),
        ("stranger", (404,)),
        ("invited_member", (403,)),
        ("lead_admin", (403,)),
        ("secretariat", (403,)),
    ],
)
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_only_invited_admins_answer_the_introduction(p, who, codes, action):
    inv = invite(p)
    before = counts()
    user = getattr(p, who) if who else None
    r = api(user).post(INTRO_API.format(pk=inv.introduction_id, action=action))
    assert r.status_code in codes, (r.status_code, r.content)
    inv.refresh_from_db()
    inv.introduction.refresh_from_db()
    assert inv.status == InvitationStatus.PENDING
    assert inv.introduction.state == IntroductionState.REQUESTED
    assert counts() == before


def test_inviting_twice_writes_nothing(p):
    invite(p)
    before = counts()
    with pytest.raises(ValidationError):
        invite(p)
    assert counts() == before
    r = api(p.lead_admin).post(
        f"/api/v1/projects/ideas/{p.idea.pk}/invitations",
        {"organisation": p.invited.pk},
        format="json",
    )
    assert r.status_code == 400 and "pending invitation" in r.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    "body",
    [
        {"organisation": 999_999},
        {"organisation": "<script>alert(1)</script>"},
        {"organisation": "1; DROP TABLE innovation_introduction"},
        {},
        {"organisation": "LEAD"},
        {"organisation": "INVITED", "role": "lead"},
        {"organisation": "INVITED", "role": "boss"},
        {"organisation": "INVITED", "message": "x" * 2001},
        {"organisation": "INVITED", "reason": "x" * 100_000},
    ],
)
def test_bad_invitations_write_nothing(p, body):
    body = dict(body)
    if body.get("organisation") == "LEAD":
        body["organisation"] = p.lead.pk
    if body.get("organisation") == "INVITED":
        body["organisation"] = p.invited.pk
    before = counts()
    r = api(p.lead_admin).post(
        f"/api/v1/projects/ideas/{p.idea.pk}/invitations", body, format="json"
    )
    assert r.status_code == 400, r.content
    assert r["Content-Type"].startswith("application/problem+json")
    assert counts() == before


def test_hostile_text_is_stored_as_text(p):
    inv = invite(p, message="<script>alert(1)</script>\x00 '; DROP TABLE x; --")
    assert "<script>alert(1)</script>" in inv.introduction.message
    assert "\x00" not in inv.introduction.message


def test_project_idea_is_not_a_question_match_kind(p):
    from kennisbrug.innovation.tests.factories import QuestionFactory

    question = QuestionFactory(organisation=p.lead)
    before = counts()
    r = api(p.lead_admin).post(
        "/api/v1/introductions/",
        {
            "question": question.pk,
            "kind": "project_idea",
            "target_id": str(p.idea.pk),
            "message": "Hallo",
        },
        format="json",
    )
    assert r.status_code == 400
    assert counts() == before


def test_expired_introduction_expires_the_invitation(p):
    from datetime import timedelta

    from django.utils import timezone

    from kennisbrug.innovation import services as innovation_services

    inv = invite(p)
    assert innovation_services.introductions_expire(now=timezone.now() + timedelta(days=31)) == 1
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.EXPIRED and partner_of(p) is None
