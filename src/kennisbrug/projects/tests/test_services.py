"""Idea, partner and invitation services: the rules, the errors and that nothing is written on error."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.core.models import AuditLog
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects import services
from kennisbrug.projects.constants import InvitationStatus
from kennisbrug.projects.models import IdeaPartner, PartnerInvitation, ProjectIdea

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


def _counts():
    return (
        ProjectIdea.objects.count(),
        IdeaPartner.objects.count(),
        PartnerInvitation.objects.count(),
        AuditLog.objects.count(),
    )


def test_create_makes_the_lead_partner(roles):
    idea = services.idea_create(
        lead_organisation=roles.organisation,
        created_by=roles.member,
        title="Lasrobot",
        summary="Kmo's ontwikkelen een lasrobot.",
        total_budget="1000",
    )
    lead = idea.partners.get()
    assert lead.role == "lead" and lead.organisation == roles.organisation
    assert idea.total_budget == Decimal("1000.00")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "   "),
        ("summary", ""),
        ("title", "x" * 201),
        ("summary", "\x00\x01 "),
        ("total_budget", "-1"),
        ("total_budget", "abc"),
        ("total_budget", "1.001"),
        ("total_budget", "1e20"),
        ("visibility", "everyone"),
    ],
)
def test_create_rejects_bad_input_and_writes_nothing(roles, field, value):
    kwargs = {"title": "Idee", "summary": "Samenvatting", field: value}
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.idea_create(
            lead_organisation=roles.organisation, created_by=roles.member, **kwargs
        )
    assert field in exc.value.message_dict
    assert _counts() == before


def test_only_members_create(roles):
    with pytest.raises(PermissionDenied):
        services.idea_create(
            lead_organisation=roles.organisation, created_by=roles.other, title="x", summary="y"
        )


def test_hostile_text_is_stored_as_text(roles):
    idea = services.idea_create(
        lead_organisation=roles.organisation,
        created_by=roles.member,
        title="<script>alert(1)</script>",
        summary="'; DROP TABLE x; --\x07",
    )
    assert idea.title == "<script>alert(1)</script>"
    assert "\x07" not in idea.summary


@pytest.fixture
def idea(roles):
    return IdeaFactory(lead_organisation=roles.organisation, total_budget=Decimal("1000.00"))


def test_add_registry_and_outside_partners(idea, roles):
    p1 = services.idea_partner_add(
        idea=idea,
        user=roles.admin,
        organisation=roles.other_organisation,
        budget="400",
        erdf="200",
    )
    assert p1.country_id == "NL" and p1.name == roles.other_organisation.name
    # A registry organisation is invited, not listed on the lead's word.
    assert p1.status == "invited" and p1.budget == Decimal("400.00")
    p2 = services.idea_partner_add(
        idea=idea,
        user=roles.member,
        name="Fraunhofer",
        country="de",
        org_type="knowledge_institution",
        budget="600",
        erdf="0",
    )
    assert p2.country_id == "DE" and p2.nuts3 is None and p2.status == "accepted"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": "X", "country": "NL", "org_type": "sme", "budget": "-5"}, "budget"),
        ({"name": "X", "country": "NL", "org_type": "sme", "budget": "100", "erdf": "101"}, "erdf"),
        ({"name": "X", "country": "NL", "org_type": "sme", "budget": "1001"}, "budget"),
        ({"name": "", "country": "NL", "org_type": "sme"}, "name"),
        ({"name": "X", "country": "ZZ", "org_type": "sme"}, "country"),
        ({"name": "X", "country": "NL", "nuts3": "BE211", "org_type": "sme"}, "nuts3"),
        ({"name": "X", "country": "NL", "org_type": "pirate"}, "org_type"),
        ({"name": "X", "country": "NL", "org_type": "sme", "role": "lead"}, "role"),
        ({"name": "X" * 300, "country": "NL", "org_type": "sme"}, "name"),
    ],
)
def test_partner_errors_write_nothing(idea, roles, kwargs, field):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.idea_partner_add(idea=idea, user=roles.member, **kwargs)
    assert field in exc.value.message_dict
    assert _counts() == before


def test_budgets_may_not_exceed_the_total(idea, roles):
    services.idea_partner_add(
        idea=idea, user=roles.member, name="A", country="NL", org_type="sme", budget="800"
    )
    with pytest.raises(ValidationError) as exc:
        services.idea_partner_add(
            idea=idea, user=roles.member, name="B", country="NL", org_type="sme", budget="300"
        )
    assert "1.100,00" in exc.value.message_dict["budget"][0]  # Dutch, the default language


def test_same_organisation_twice_is_refused(idea, roles):
    # the lead's admin, who may add registry organisations, still cannot add the lead again
    with pytest.raises(ValidationError):
        services.idea_partner_add(idea=idea, user=roles.admin, organisation=roles.organisation)


def test_lead_cannot_be_removed(idea, roles):
    with pytest.raises(ValidationError):
        services.idea_partner_remove(partner=idea.partners.get(), user=roles.member)


def test_only_lead_members_change_partners(idea, roles):
    for user in (roles.other, roles.secretariat):
        with pytest.raises(PermissionDenied):
            services.idea_partner_add(idea=idea, user=user, name="X", country="NL", org_type="sme")


def test_fit_check_is_stored(idea, roles, fit_checker):
    report = services.idea_fit_check(idea=idea, user=roles.member)
    idea.refresh_from_db()
    assert idea.fit_check["verdict"]["code"] == report["verdict"]["code"]
    assert idea.fit_checked_at is not None


def test_invitation_flow(idea, roles):
    with pytest.raises(PermissionDenied):
        services.idea_invite_partner(
            idea=idea, user=roles.member, organisation=roles.other_organisation
        )
    inv = services.idea_invite_partner(
        idea=idea,
        user=roles.admin,
        organisation=roles.other_organisation,
        reason="covers fotonica",
    )
    with pytest.raises(ValidationError):
        services.idea_invite_partner(
            idea=idea, user=roles.admin, organisation=roles.other_organisation
        )
    with pytest.raises(PermissionDenied):
        services.invitation_respond(invitation=inv, user=roles.member, accept=True)
    services.invitation_respond(invitation=inv, user=roles.other, accept=True)
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.ACCEPTED
    assert idea.partners.filter(organisation=roles.other_organisation).exists()
    with pytest.raises(ValidationError):
        services.invitation_respond(invitation=inv, user=roles.other, accept=False)


def test_declined_invitation_adds_nothing(idea, roles):
    other = OrganisationFactory(dutch=True)
    user = MembershipFactory(organisation=other, admin=True).user
    inv = services.idea_invite_partner(idea=idea, user=roles.admin, organisation=other)
    services.invitation_respond(invitation=inv, user=user, accept=False)
    assert not idea.partners.filter(organisation=other).exists()


def test_partner_update_checks_erdf(idea, roles):
    p = services.idea_partner_add(
        idea=idea,
        user=roles.member,
        name="A",
        country="NL",
        org_type="sme",
        budget="100",
        erdf="50",
    )
    with pytest.raises(ValidationError):
        services.idea_partner_update(partner=p, user=roles.member, erdf="150")
    p.refresh_from_db()
    assert p.erdf == Decimal("50.00")
