"""A living lab lists an organisation as partner only once one of its admins accepts.

The lab's admins choose partners (page, API); each chosen organisation gets an invitation
and is mailed; it is listed (page, API, search document) only after its admin accepts.
Members of the invited organisation, the lab's admins, the secretariat and strangers
cannot answer for it; they read why instead of a button. Roles: `roles.organisation`
runs the lab; `p.partner` is invited with its own admin and member.
"""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from tests.clients import api_client_for, log_in

from kennisbrug.facilities.constants import PartnerInvitationStatus as S
from kennisbrug.facilities.forms import LivingLabForm
from kennisbrug.facilities.models import LivingLabInvitation
from kennisbrug.facilities.services import labs as lab_services
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import LivingLabFactory

pytestmark = pytest.mark.django_db

REASON_NL = "Alleen beheerders van de uitgenodigde organisatie kunnen antwoorden."


@pytest.fixture
def p(roles):
    partner = OrganisationFactory(name="Havenbedrijf Vlissingen", dutch=True)
    lab = LivingLabFactory(owner=roles.organisation)
    return SimpleNamespace(
        roles=roles,
        lab=lab,
        partner=partner,
        partner_admin=MembershipFactory(organisation=partner, admin=True).user,
        partner_member=MembershipFactory(organisation=partner).user,
    )


def choose(p, partners):
    return lab_services.living_lab_update(living_lab=p.lab, actor=p.roles.admin, partners=partners)


def invitation(p):
    return LivingLabInvitation.objects.get(living_lab=p.lab, organisation=p.partner)


def page(user):
    c = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if user:
        log_in(c, user)
    return c


def test_choosing_a_partner_invites_it_and_mails_its_admins(p, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        choose(p, [p.partner])
    assert not p.lab.partners.exists()
    assert invitation(p).status == S.PENDING
    assert [m.to for m in mail.outbox] == [[p.partner_admin.email]]
    detail = page(None).get(f"/facilities/living-labs/{p.lab.pk}/").content.decode()
    assert "Havenbedrijf Vlissingen" not in detail  # not shown to the public before consent
    owner_view = page(p.roles.admin).get(f"/facilities/living-labs/{p.lab.pk}/").content.decode()
    assert 'id="pending-partners"' in owner_view and "Havenbedrijf Vlissingen" in owner_view


def test_choosing_again_does_not_invite_twice(p):
    choose(p, [p.partner])
    choose(p, [p.partner])
    assert LivingLabInvitation.objects.count() == 1


def test_the_partners_admin_accepts_and_the_lab_lists_it(p):
    choose(p, [p.partner])
    r = page(p.partner_admin).post(
        f"/facilities/living-labs/invitations/{invitation(p).pk}/accept/"
    )
    assert r.status_code == 302
    assert list(p.lab.partners.all()) == [p.partner]
    assert invitation(p).status == S.ACCEPTED and invitation(p).answered_by == p.partner_admin
    public = page(None).get(f"/facilities/living-labs/{p.lab.pk}/").content.decode()
    assert "Havenbedrijf Vlissingen" in public
    api = api_client_for(None).get(f"/api/v1/living-labs/{p.lab.pk}/").json()
    assert api["partners"] == [p.partner.pk]


def test_a_declined_invitation_lists_nothing_and_cannot_be_answered_again(p):
    choose(p, [p.partner])
    inv = lab_services.living_lab_invitation_respond(
        invitation=invitation(p), user=p.partner_admin, accept=False
    )
    assert inv.status == S.DECLINED and not p.lab.partners.exists()
    with pytest.raises(ValidationError):
        lab_services.living_lab_invitation_respond(
            invitation=inv, user=p.partner_admin, accept=True
        )
    assert not p.lab.partners.exists()


@pytest.mark.parametrize("who", ["partner_member", "lab_admin", "secretariat", "other"])
def test_only_the_partners_admins_answer(p, who):
    choose(p, [p.partner])
    user = {
        "partner_member": p.partner_member,
        "lab_admin": p.roles.admin,
        "secretariat": p.roles.secretariat,
        "other": p.roles.other,
    }[who]
    with pytest.raises(PermissionDenied):
        lab_services.living_lab_invitation_respond(invitation=invitation(p), user=user, accept=True)
    assert not p.lab.partners.exists() and invitation(p).status == S.PENDING


@pytest.mark.parametrize(
    ("who", "status"),
    [("partner_member", 403), ("lab_admin", 403), ("other", 404)],
)
def test_api_answers_per_role_with_the_reason(p, who, status):
    choose(p, [p.partner])
    user = {"partner_member": p.partner_member, "lab_admin": p.roles.admin, "other": p.roles.other}
    r = api_client_for(user[who], language="nl").post(
        f"/api/v1/living-labs/invitations/{invitation(p).pk}/accept/"
    )
    assert r.status_code == status
    if status == 403:
        assert r.json()["detail"] == REASON_NL
    assert not p.lab.partners.exists()


def test_api_partner_admin_lists_and_accepts(p):
    choose(p, [p.partner])
    c = api_client_for(p.partner_admin)
    listed = c.get("/api/v1/living-labs/invitations/").json()
    assert [row["living_lab"] for row in listed["results"]] == [p.lab.pk]
    r = c.post(f"/api/v1/living-labs/invitations/{invitation(p).pk}/accept/")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert list(p.lab.partners.all()) == [p.partner]
    assert c.post(f"/api/v1/living-labs/invitations/{invitation(p).pk}/decline/").status_code == 400


def test_invitation_page_shows_buttons_to_admins_and_the_reason_to_members(p):
    choose(p, [p.partner])
    admin_html = page(p.partner_admin).get("/facilities/living-labs/invitations/").content.decode()
    assert "/accept/" in admin_html and "/decline/" in admin_html and REASON_NL not in admin_html
    member_html = page(p.partner_member).get("/facilities/living-labs/invitations/")
    member_html = member_html.content.decode()
    assert "/accept/" not in member_html and REASON_NL in member_html
    other_html = page(p.roles.other).get("/facilities/living-labs/invitations/").content.decode()
    assert "Havenbedrijf Vlissingen" not in other_html
    assert page(None).get("/facilities/living-labs/invitations/").status_code == 302


def test_unknown_answer_or_stranger_gets_404(p):
    choose(p, [p.partner])
    pk = invitation(p).pk
    assert (
        page(p.partner_admin).post(f"/facilities/living-labs/invitations/{pk}/maybe/").status_code
        == 404
    )
    assert (
        page(p.roles.other).post(f"/facilities/living-labs/invitations/{pk}/accept/").status_code
        == 404
    )
    assert (
        page(p.roles.member).post(f"/facilities/living-labs/invitations/{pk}/accept/").status_code
        == 404
    )
    assert not p.lab.partners.exists()


def test_dropping_a_partner_removes_it_and_withdraws_open_invitations(p):
    second = OrganisationFactory(name="Tweede", dutch=True)
    choose(p, [p.partner, second])
    lab_services.living_lab_invitation_respond(
        invitation=invitation(p), user=p.partner_admin, accept=True
    )
    choose(p, [])
    assert not p.lab.partners.exists()
    assert LivingLabInvitation.objects.get(organisation=second).status == S.WITHDRAWN


def test_edit_form_keeps_invited_organisations_chosen(p):
    choose(p, [p.partner])
    form = LivingLabForm(instance=p.lab)
    assert p.partner.pk in form.initial["partners"]
