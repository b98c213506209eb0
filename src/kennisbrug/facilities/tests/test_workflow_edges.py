"""Generated from the tables: every edge of the booking and pilot workflows, taken by every
role the edge names, reaches its target and leaves an audit record."""

from datetime import timedelta

import pytest

from kennisbrug.core.audit import audit_trail
from kennisbrug.facilities import services
from kennisbrug.facilities.services import labs as lab_services
from kennisbrug.facilities.workflow import BOOKING, MANAGER, PILOT, REQUESTER
from kennisbrug.organisations.tests.factories import MembershipFactory

from .factories import BookingFactory, PilotFactory

pytestmark = pytest.mark.django_db


def _cases(workflow):
    return [
        pytest.param(edge, role, id=f"{edge.action}-{edge.source}-{role}")
        for edge in workflow.edges
        for role in sorted(edge.actors)
    ]


def _actor(role, manager, requester):
    return {MANAGER: manager, REQUESTER: requester}.get(role)


@pytest.mark.parametrize(("edge", "role"), _cases(BOOKING))
def test_every_booking_edge(edge, role):
    booking = BookingFactory(status=edge.source)
    manager = MembershipFactory(organisation=booking.facility.owner, admin=True).user
    actor = _actor(role, manager, booking.requester)
    done = services.booking_transition(
        obj=booking,
        action=edge.action,
        actor=actor,
        reason="Reden" if edge.needs_reason else "",
        now=booking.end + timedelta(seconds=1),
    )
    assert done.status == edge.target
    record = audit_trail(booking).get()
    assert (record.from_state, record.to_state, record.actor) == (edge.source, edge.target, actor)


@pytest.mark.parametrize(("edge", "role"), _cases(PILOT))
def test_every_pilot_edge(edge, role):
    pilot = PilotFactory(status=edge.source)
    manager = MembershipFactory(organisation=pilot.living_lab.owner, admin=True).user
    actor = _actor(role, manager, pilot.proposer)
    done = lab_services.pilot_transition(
        obj=pilot,
        action=edge.action,
        actor=actor,
        reason="Reden" if edge.needs_reason else "",
        solution_developed=True,
        summary="Het werkt.",
    )
    assert done.status == edge.target
    record = audit_trail(pilot).get()
    assert (record.from_state, record.to_state, record.actor) == (edge.source, edge.target, actor)
