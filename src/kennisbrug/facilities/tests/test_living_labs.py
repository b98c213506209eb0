"""Living labs, calls for pilots and the pilot state machine."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kennisbrug.core.audit import audit_trail
from kennisbrug.facilities.constants import PilotStatus
from kennisbrug.facilities.models import LivingLab, Pilot
from kennisbrug.facilities.services import labs as lab_services
from kennisbrug.facilities.workflow import PILOT_TRANSITIONS
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import LivingLabFactory, PilotCallFactory

pytestmark = pytest.mark.django_db
P = PilotStatus


def test_admin_publishes_living_lab_with_partners_on_both_sides(roles):
    dutch = OrganisationFactory(dutch=True)
    lab = lab_services.living_lab_create(
        owner=roles.organisation,
        actor=roles.admin,
        partners=[dutch, roles.organisation],
        name="Proeftuin Zeeland",
        theme="Waterstof",
        description="d",
        test_environment="t",
        how_to_join="h",
        postcode="4331 AB",
        country_id="NL",
    )
    # Invited, not listed: the Dutch partner is shown once one of its admins accepts.
    assert lab.nuts3_id == "NL342" and not lab.partners.exists()
    assert [i.organisation for i in lab.invitations.all()] == [dutch]


@pytest.mark.parametrize("role", ["member", "other", "secretariat"])
def test_only_owner_admins_publish_living_labs(roles, role):
    with pytest.raises(PermissionDenied):
        lab_services.living_lab_create(
            owner=roles.organisation,
            actor=getattr(roles, role),
            name="x",
            theme="x",
            description="x",
            test_environment="x",
            how_to_join="x",
            postcode="9000",
            country_id="BE",
        )
    assert LivingLab.objects.count() == 0


@pytest.fixture
def lab_setup():
    lab = LivingLabFactory()
    manager = MembershipFactory(organisation=lab.owner, admin=True).user
    company = MembershipFactory(organisation=OrganisationFactory())
    call = PilotCallFactory(living_lab=lab)
    return lab, manager, company, call


def propose(lab, company, call=None, **overrides):
    today = timezone.localdate()
    params = {
        "living_lab": lab,
        "proposer": company.user,
        "organisation": company.organisation,
        "title": "Drone-inspectie",
        "goal": "Kades inspecteren",
        "what_is_tested": "Drones",
        "start_date": today + timedelta(days=10),
        "end_date": today + timedelta(days=40),
        "call": call,
    }
    params.update(overrides)
    return lab_services.pilot_propose(**params)


def test_pilot_edges(lab_setup):
    assert set(PILOT_TRANSITIONS) == {
        (P.PROPOSED, P.ACCEPTED),
        (P.PROPOSED, P.DECLINED),
        (P.PROPOSED, P.WITHDRAWN),
        (P.ACCEPTED, P.WITHDRAWN),
        (P.ACCEPTED, P.COMPLETED),
    }


def test_propose_accept_complete_with_result(lab_setup):
    lab, manager, company, call = lab_setup
    pilot = propose(lab, company, call)
    pilot = lab_services.pilot_transition(action="accept", obj=pilot, actor=manager)
    with pytest.raises(ValidationError):
        lab_services.pilot_transition(
            action="complete", obj=pilot, actor=manager, solution_developed=None, summary="x"
        )
    pilot = lab_services.pilot_transition(
        action="complete", obj=pilot, actor=manager, solution_developed=True, summary="Werkt."
    )
    assert pilot.status == P.COMPLETED and pilot.solution_developed is True
    actions = set(audit_trail(pilot).values_list("action", flat=True))
    assert {"pilot_proposed", "pilot_accepted", "pilot_completed"} <= actions


def test_decline_needs_reason(lab_setup):
    lab, manager, company, _call = lab_setup
    pilot = propose(lab, company)
    with pytest.raises(ValidationError):
        lab_services.pilot_transition(action="decline", obj=pilot, actor=manager, reason="")
    assert (
        lab_services.pilot_transition(
            action="decline", obj=pilot, actor=manager, reason="Vol"
        ).status
        == P.DECLINED
    )


@pytest.mark.parametrize("accepted", [False, True])
def test_proposer_withdraws(lab_setup, accepted):
    lab, manager, company, _call = lab_setup
    pilot = propose(lab, company)
    if accepted:
        lab_services.pilot_transition(action="accept", obj=pilot, actor=manager)
    assert (
        lab_services.pilot_transition(action="withdraw", obj=pilot, actor=company.user).status
        == P.WITHDRAWN
    )


def test_proposer_cannot_accept_and_stranger_cannot_touch(lab_setup):
    lab, _manager, company, _call = lab_setup
    pilot = propose(lab, company)
    with pytest.raises(PermissionDenied):
        lab_services.pilot_transition(action="accept", obj=pilot, actor=company.user)
    stranger = MembershipFactory(organisation=OrganisationFactory(), admin=True).user
    with pytest.raises(PermissionDenied):
        lab_services.pilot_transition(action="withdraw", obj=pilot, actor=stranger)


def test_completed_pilot_cannot_be_declined(lab_setup):
    lab, manager, company, _call = lab_setup
    pilot = propose(lab, company)
    lab_services.pilot_transition(action="accept", obj=pilot, actor=manager)
    lab_services.pilot_transition(
        action="complete", obj=pilot, actor=manager, solution_developed=False, summary="x"
    )
    with pytest.raises(ValidationError):
        lab_services.pilot_transition(action="decline", obj=pilot, actor=manager, reason="x")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"end_date": timezone.localdate()}, "__all__"),
        ({"start_date": timezone.localdate() - timedelta(days=1)}, "start_date"),
    ],
)
def test_bad_pilot_input_writes_nothing(lab_setup, overrides, field):
    lab, _manager, company, _call = lab_setup
    with pytest.raises(ValidationError) as info:
        propose(lab, company, **overrides)
    assert field in info.value.message_dict
    assert Pilot.objects.count() == 0


def test_closed_call_or_other_labs_call_is_refused(lab_setup):
    lab, _manager, company, _call = lab_setup
    closed = PilotCallFactory(
        living_lab=lab,
        opens_on=timezone.localdate() - timedelta(days=30),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        propose(lab, company, closed)
    with pytest.raises(ValidationError):
        propose(lab, company, PilotCallFactory())
    assert Pilot.objects.count() == 0


def test_proposer_must_be_member_of_company(lab_setup):
    lab, _manager, company, _call = lab_setup
    with pytest.raises(PermissionDenied):
        propose(lab, company, organisation=OrganisationFactory())


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("nl", ["België", "Nederland"], ["Belgium", "Netherlands"]),
        ("en", ["Belgium", "Netherlands"], ["België", "Nederland"]),
    ],
)
def test_lab_pages_name_partner_countries_in_the_readers_language(client, language, shown, hidden):
    from django.urls import reverse

    lab = LivingLabFactory(owner=OrganisationFactory(name="Haven NV", dutch=True))
    lab.partners.add(OrganisationFactory(name="Kennis BE", brussels=True))
    html = client.get(
        reverse("facilities:lab_detail", args=[lab.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    partners = html.split("Haven NV", 1)[1].split("</ul>", 1)[0]
    assert "(BE)" not in partners
    assert f"Haven NV ({shown[1]})" in html and f"Kennis BE ({shown[0]})" in html
    for name in hidden:
        assert f"({name})" not in html
    listing = client.get(
        reverse("facilities:lab_list"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert f"Middelburg ({shown[1]})" in listing
