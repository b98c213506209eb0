"""Challenge and response state machines: every allowed edge, forbidden edges, audit trail, solvers told."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kennisbrug.core.audit import audit_trail
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects.constants import ChallengeStatus as C
from kennisbrug.projects.constants import ResponseStatus as R
from kennisbrug.projects.models import ChallengeResponse
from kennisbrug.projects.services import challenges as svc
from kennisbrug.projects.workflow import (
    CHALLENGE,
    CHALLENGE_TRANSITIONS,
    RESPONSE,
    RESPONSE_TRANSITIONS,
)

from .factories import ChallengeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(roles):
    return roles.organisation, roles.member


def _solver(country_kwargs=None):
    org = OrganisationFactory(
        knowledge_institution=True,
        dutch=True,
        email="lab@example.org",
        expertise="sensoren en vochtmeting in graan",
    )
    return org, MembershipFactory(organisation=org).user


@pytest.mark.parametrize(("frm", "to"), list(CHALLENGE_TRANSITIONS))
def test_every_challenge_edge(owner, frm, to):
    org, user = owner
    ch = ChallengeFactory(owner_organisation=org, status=frm)
    if to == C.AWARDED:
        solver, _u = _solver()
        ChallengeResponse.objects.create(
            challenge=ch, organisation=solver, proposal="p", status=R.SELECTED
        )
    svc.challenge_transition(obj=ch, actor=user, action=CHALLENGE.action_to(to))
    ch.refresh_from_db()
    assert ch.status == to
    record = audit_trail(ch).first()
    assert (record.from_state, record.to_state) == (frm, to)


@pytest.mark.parametrize(
    ("frm", "to"),
    [
        (C.DRAFT, C.AWARDED),
        (C.OPEN, C.DRAFT),
        (C.AWARDED, C.OPEN),
        (C.CANCELLED, C.OPEN),
        (C.CLOSED, C.EVALUATING),
    ],
)
def test_forbidden_challenge_edges(owner, frm, to):
    org, user = owner
    ch = ChallengeFactory(owner_organisation=org, status=frm)
    with pytest.raises(ValidationError):
        svc.challenge_transition(obj=ch, actor=user, action=CHALLENGE.action_to(to))
    ch.refresh_from_db()
    assert ch.status == frm


def test_award_needs_a_selected_response(owner):
    org, user = owner
    ch = ChallengeFactory(owner_organisation=org, evaluating=True)
    with pytest.raises(ValidationError):
        svc.challenge_transition(obj=ch, actor=user, action="award")


def test_publishing_tells_matching_solvers(owner, django_capture_on_commit_callbacks):
    org, user = owner
    _solver()
    ch = ChallengeFactory(owner_organisation=org)
    with django_capture_on_commit_callbacks(execute=True):
        svc.challenge_transition(obj=ch, actor=user, action="publish")
    assert [m.to for m in mail.outbox] == [["lab@example.org"]]


def test_publishing_needs_a_future_deadline(owner):
    org, user = owner
    ch = ChallengeFactory(
        owner_organisation=org, deadline=timezone.now() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        svc.challenge_transition(obj=ch, actor=user, action="publish")


@pytest.mark.parametrize(("frm", "to"), list(RESPONSE_TRANSITIONS))
def test_every_response_edge(owner, frm, to):
    org, user = owner
    solver, solver_user = _solver()
    ch = ChallengeFactory(owner_organisation=org, evaluating=True)
    r = ChallengeResponse.objects.create(
        challenge=ch, organisation=solver, proposal="p", status=frm
    )
    actor = solver_user if to == R.WITHDRAWN else user
    svc.response_transition(obj=r, actor=actor, action=RESPONSE.action_to(to))
    r.refresh_from_db()
    assert r.status == to


def test_selection_only_while_evaluating_and_only_once(owner):
    org, user = owner
    ch = ChallengeFactory(owner_organisation=org, open=True)
    a, _ = _solver()
    b, _ = _solver()
    ra = ChallengeResponse.objects.create(
        challenge=ch, organisation=a, proposal="p", status=R.SHORTLISTED
    )
    rb = ChallengeResponse.objects.create(
        challenge=ch, organisation=b, proposal="p", status=R.SHORTLISTED
    )
    with pytest.raises(ValidationError):
        svc.response_transition(obj=ra, actor=user, action="select")
    ch.status = C.EVALUATING
    ch.save()
    svc.response_transition(obj=ra, actor=user, action="select")
    with pytest.raises(ValidationError):
        svc.response_transition(obj=rb, actor=user, action="select")
    svc.challenge_transition(obj=ch, actor=user, action="award")
    rb.refresh_from_db()
    assert rb.status == R.REJECTED


def test_respond_rules(owner, roles):
    org, _user = owner
    ch = ChallengeFactory(owner_organisation=org, open=True)
    solver, solver_user = _solver()
    with pytest.raises(PermissionDenied):
        svc.challenge_respond(challenge=ch, organisation=solver, user=roles.other, proposal="x")
    with pytest.raises(ValidationError):
        svc.challenge_respond(challenge=ch, organisation=solver, user=solver_user, proposal="  ")
    svc.challenge_respond(
        challenge=ch, organisation=solver, user=solver_user, proposal="Onze sensor"
    )
    with pytest.raises(ValidationError):
        svc.challenge_respond(
            challenge=ch, organisation=solver, user=solver_user, proposal="nog eens"
        )
    government = OrganisationFactory(government=True)
    gov_user = MembershipFactory(organisation=government).user
    with pytest.raises(ValidationError):
        svc.challenge_respond(challenge=ch, organisation=government, user=gov_user, proposal="x")
    assert ChallengeResponse.objects.count() == 1


def test_no_response_to_a_draft(owner):
    org, _user = owner
    ch = ChallengeFactory(owner_organisation=org)
    solver, solver_user = _solver()
    with pytest.raises(ValidationError):
        svc.challenge_respond(challenge=ch, organisation=solver, user=solver_user, proposal="x")


def test_only_owner_members_move_a_challenge(roles):
    ch = ChallengeFactory(owner_organisation=roles.organisation)
    for user in (roles.other, roles.secretariat):
        with pytest.raises(PermissionDenied):
            svc.challenge_transition(obj=ch, actor=user, action="publish")


@pytest.mark.parametrize(
    ("field", "value"), [("title", ""), ("problem", " "), ("requirements", "x" * 5001)]
)
def test_challenge_create_rejects_bad_input(roles, field, value):
    kwargs = {
        "title": "t",
        "problem": "p",
        "requirements": "r",
        "deadline": timezone.now() + datetime.timedelta(days=3),
        field: value,
    }
    with pytest.raises(ValidationError) as exc:
        svc.challenge_create(
            owner_organisation=roles.organisation, created_by=roles.member, **kwargs
        )
    assert field in exc.value.message_dict


def test_challenge_create_rejects_past_deadline_and_knowledge_owner(roles):
    with pytest.raises(ValidationError):
        svc.challenge_create(
            owner_organisation=roles.organisation,
            created_by=roles.member,
            title="t",
            problem="p",
            requirements="r",
            deadline=timezone.now() - datetime.timedelta(hours=1),
        )
    ki = OrganisationFactory(knowledge_institution=True)
    user = MembershipFactory(organisation=ki).user
    with pytest.raises(ValidationError):
        svc.challenge_create(
            owner_organisation=ki,
            created_by=user,
            title="t",
            problem="p",
            requirements="r",
            deadline=timezone.now() + datetime.timedelta(days=1),
        )
