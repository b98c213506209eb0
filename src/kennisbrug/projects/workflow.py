"""Challenge and response state machines: one table each of allowed transitions."""

from django.utils.translation import gettext_lazy as _

from .constants import ChallengeStatus as C
from .constants import ResponseStatus as R

# (from, to) -> action name used in the audit trail
CHALLENGE_TRANSITIONS: dict[tuple[str, str], str] = {
    (C.DRAFT, C.OPEN): "publish",
    (C.DRAFT, C.CANCELLED): "cancel",
    (C.OPEN, C.EVALUATING): "close_submissions",
    (C.OPEN, C.CANCELLED): "cancel",
    (C.EVALUATING, C.AWARDED): "award",
    (C.EVALUATING, C.CLOSED): "close_without_selection",
    (C.EVALUATING, C.CANCELLED): "cancel",
}

RESPONSE_TRANSITIONS: dict[tuple[str, str], str] = {
    (R.SUBMITTED, R.SHORTLISTED): "shortlist",
    (R.SUBMITTED, R.REJECTED): "reject",
    (R.SUBMITTED, R.WITHDRAWN): "withdraw",
    (R.SHORTLISTED, R.SELECTED): "select",
    (R.SHORTLISTED, R.REJECTED): "reject",
    (R.SHORTLISTED, R.WITHDRAWN): "withdraw",
}

# Which challenge states allow which response moves.
RESPONSE_MOVES_ALLOWED_IN: dict[str, set[str]] = {
    R.SHORTLISTED: {C.OPEN, C.EVALUATING},
    R.REJECTED: {C.OPEN, C.EVALUATING},
    R.SELECTED: {C.EVALUATING},
    R.WITHDRAWN: {C.OPEN, C.EVALUATING},
}

NOT_ALLOWED = _("A change from “%(from)s” to “%(to)s” is not allowed.")


def can_move(table: dict, current: str, target: str) -> bool:
    return (current, target) in table
