"""Pages never offer the add/invite action the invitation rule refuses; they say why.

Only admins of the lead organisation invite registry organisations. A lead member sees the
consortium proposal and the partner form without the registry choice and reads the reason;
the service and the API refuse with the same translated reason. Roles as in `Roles`.
"""

from types import SimpleNamespace

import pytest
from django.test import Client
from tests.clients import api_client_for, log_in

from kennisbrug.organisations.tests.factories import OrganisationFactory
from kennisbrug.projects.models import IdeaPartner, PartnerInvitation
from kennisbrug.projects.permissions import invite_refusal

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db

REASON_NL = "Alleen beheerders van de leidende organisatie kunnen partners uitnodigen."
QUERY = {"needs": "lasersnijden", "max_size": 4, "min_smes": 1, "min_knowledge": 1}


@pytest.fixture
def p(roles):
    lab = OrganisationFactory(
        name="Laserlab NL", dutch=True, knowledge_institution=True, expertise="lasersnijden"
    )
    return SimpleNamespace(
        roles=roles, idea=IdeaFactory(lead_organisation=roles.organisation), lab=lab
    )


def page(user):
    c = Client(HTTP_ACCEPT_LANGUAGE="nl")
    log_in(c, user)
    return c


def test_the_rule_names_who_may_invite(p):
    assert invite_refusal(p.roles.admin, p.idea) is None
    for who in ("member", "other", "secretariat"):
        assert invite_refusal(getattr(p.roles, who), p.idea)


def test_lead_member_sees_the_reason_instead_of_add_and_invite(p):
    r = page(p.roles.member).get(f"/projects/ideas/{p.idea.pk}/consortium/", QUERY)
    html = r.content.decode()
    assert r.status_code == 200 and "Laserlab NL" in html
    assert 'value="add"' not in html and 'value="invite"' not in html
    assert f"/projects/ideas/{p.idea.pk}/invite/" not in html
    assert 'id="invite-refusal"' in html and REASON_NL in html


def test_lead_admin_gets_both_buttons_and_no_reason(p):
    html = page(p.roles.admin).get(f"/projects/ideas/{p.idea.pk}/consortium/", QUERY)
    html = html.content.decode()
    assert 'value="add"' in html and 'value="invite"' in html
    assert REASON_NL not in html


@pytest.mark.parametrize("who", ["other", "secretariat"])
def test_others_do_not_reach_the_consortium_page(p, who):
    assert page(getattr(p.roles, who)).get(
        f"/projects/ideas/{p.idea.pk}/consortium/"
    ).status_code in (403, 404)


def test_idea_page_offers_the_registry_only_to_lead_admins(p):
    member_html = page(p.roles.member).get(f"/projects/ideas/{p.idea.pk}/").content.decode()
    assert 'name="organisation"' not in member_html
    assert REASON_NL in member_html and 'name="name"' in member_html  # outside partners stay
    admin_html = page(p.roles.admin).get(f"/projects/ideas/{p.idea.pk}/").content.decode()
    assert 'name="organisation"' in admin_html and REASON_NL not in admin_html


@pytest.mark.parametrize("who", ["other", "secretariat"])
def test_idea_page_has_no_partner_tools_for_outsiders(p, who):
    p.idea.visibility = "public"
    p.idea.save(update_fields=["visibility"])
    html = page(getattr(p.roles, who)).get(f"/projects/ideas/{p.idea.pk}/").content.decode()
    assert "/partners/" not in html and REASON_NL not in html


def test_member_posting_a_registry_organisation_reads_the_reason(p):
    r = page(p.roles.member).post(
        f"/projects/ideas/{p.idea.pk}/partners/",
        {"organisation": p.lab.pk, "role": "partner", "budget": "0", "erdf": "0"},
    )
    assert r.status_code == 403 and REASON_NL in r.content.decode()
    assert not IdeaPartner.objects.filter(organisation=p.lab).exists()
    assert not PartnerInvitation.objects.exists()


@pytest.mark.parametrize("action", ["add", "invite"])
def test_stale_consortium_button_is_refused_with_the_reason(p, action):
    r = page(p.roles.member).post(
        f"/projects/ideas/{p.idea.pk}/invite/", {"organisation": p.lab.pk, "action": action}
    )
    assert r.status_code == 403 and REASON_NL in r.content.decode()
    assert not IdeaPartner.objects.filter(organisation=p.lab).exists()


@pytest.mark.parametrize(
    "path,body",
    [
        ("partners", {"organisation": None, "role": "partner"}),
        ("invitations", {"organisation": None}),
    ],
)
def test_api_refuses_a_lead_member_with_the_same_reason(p, path, body):
    body = {**body, "organisation": p.lab.pk}
    c = api_client_for(p.roles.member, language="nl")
    r = c.post(f"/api/v1/projects/ideas/{p.idea.pk}/{path}", body, format="json")
    assert r.status_code == 403
    assert r.json()["detail"] == REASON_NL
    assert not IdeaPartner.objects.filter(organisation=p.lab).exists()
