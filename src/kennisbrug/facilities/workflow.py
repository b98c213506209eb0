"""The booking and pilot state machines: one table each of allowed transitions.

Each edge names who may take it: "manager" (a facility or living-lab manager),
"requester" (the person who asked), "system" (the platform itself, e.g. automatic
approval when a facility needs none, or marking past bookings done).
"""

from .constants import BookingStatus, PilotStatus

B = BookingStatus
P = PilotStatus

BOOKING_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (B.REQUESTED, B.APPROVED): frozenset({"manager", "system"}),
    (B.REQUESTED, B.REJECTED): frozenset({"manager"}),
    (B.REQUESTED, B.CANCELLED): frozenset({"requester", "manager"}),
    (B.APPROVED, B.CANCELLED): frozenset({"requester", "manager"}),
    (B.APPROVED, B.COMPLETED): frozenset({"manager", "system"}),
}

PILOT_TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (P.PROPOSED, P.ACCEPTED): frozenset({"manager"}),
    (P.PROPOSED, P.DECLINED): frozenset({"manager"}),
    (P.PROPOSED, P.WITHDRAWN): frozenset({"requester"}),
    (P.ACCEPTED, P.WITHDRAWN): frozenset({"requester"}),
    (P.ACCEPTED, P.COMPLETED): frozenset({"manager"}),
}

# States in which a booking may hold a slot; REQUESTED only where the facility says so.
ACTIVE_BOOKING_STATES = frozenset({B.REQUESTED, B.APPROVED})


def booking_can(from_state: str, to_state: str, actor: str) -> bool:
    return actor in BOOKING_TRANSITIONS.get((from_state, to_state), frozenset())


def pilot_can(from_state: str, to_state: str, actor: str) -> bool:
    return actor in PILOT_TRANSITIONS.get((from_state, to_state), frozenset())


def booking_next_states(from_state: str, actor: str) -> list[str]:
    return [
        to
        for (frm, to), actors in BOOKING_TRANSITIONS.items()
        if frm == from_state and actor in actors
    ]


def pilot_next_states(from_state: str, actor: str) -> list[str]:
    return [
        to
        for (frm, to), actors in PILOT_TRANSITIONS.items()
        if frm == from_state and actor in actors
    ]
