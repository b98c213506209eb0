"""The booking and pilot state machines: one table of edges each (core.workflow format).

Each edge names who may take it: "manager" (a facility or living-lab manager),
"requester" (the person who asked), "system" (the platform itself, e.g. automatic
approval when a facility needs none, or marking past bookings done).
"""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.workflow import Workflow, edges

from .constants import BookingStatus, PilotStatus

B = BookingStatus
P = PilotStatus

MANAGER, REQUESTER, SYSTEM = "manager", "requester", "system"

BOOKING = Workflow(
    name="booking",
    states=BookingStatus,
    edges=(
        *edges("approve", [B.REQUESTED], B.APPROVED, {MANAGER, SYSTEM}, _("Approve")),
        *edges("reject", [B.REQUESTED], B.REJECTED, {MANAGER}, _("Reject"), needs_reason=True),
        *edges("cancel", [B.REQUESTED, B.APPROVED], B.CANCELLED, {REQUESTER, MANAGER}, _("Cancel")),
        *edges("complete", [B.APPROVED], B.COMPLETED, {MANAGER, SYSTEM}, _("Mark as done")),
    ),
    audit_action="booking_{target}",
    not_allowed=_("A %(from)s booking cannot become %(to)s."),
)

PILOT = Workflow(
    name="pilot",
    states=PilotStatus,
    edges=(
        *edges("accept", [P.PROPOSED], P.ACCEPTED, {MANAGER}, _("Accept")),
        *edges("decline", [P.PROPOSED], P.DECLINED, {MANAGER}, _("Decline"), needs_reason=True),
        *edges("withdraw", [P.PROPOSED, P.ACCEPTED], P.WITHDRAWN, {REQUESTER}, _("Withdraw")),
        *edges("complete", [P.ACCEPTED], P.COMPLETED, {MANAGER}, _("Complete")),
    ),
    audit_action="pilot_{target}",
    not_allowed=_("A %(from)s pilot cannot become %(to)s."),
)

BOOKING_TRANSITIONS = BOOKING.pairs()
PILOT_TRANSITIONS = PILOT.pairs()


def blocking_states(*, pending_blocks: bool) -> frozenset[str]:
    """The booking states that hold a slot: approved, and requested where the facility
    says requests block. The catalogue, the booking check and the calendar all use it."""
    if pending_blocks:
        return frozenset({B.APPROVED, B.REQUESTED})
    return frozenset({B.APPROVED})


def booking_next_states(from_state: str, actor: str) -> list[str]:
    return [edge.target for edge in BOOKING.available(from_state, {actor})]


def pilot_next_states(from_state: str, actor: str) -> list[str]:
    return [edge.target for edge in PILOT.available(from_state, {actor})]
