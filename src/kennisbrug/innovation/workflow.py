"""The introduction state machine: one table of allowed transitions and who may take them."""

from django.utils.translation import gettext_lazy as _

from .constants import IntroductionState as S

REQUESTER = "requester"
PROVIDER = "provider"
SYSTEM = "system"

# (from, to) -> the side allowed to take the step.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.REQUESTED, S.ACCEPTED): PROVIDER,
    (S.REQUESTED, S.DECLINED): PROVIDER,
    (S.REQUESTED, S.WITHDRAWN): REQUESTER,
    (S.REQUESTED, S.EXPIRED): SYSTEM,
}

FINAL_STATES = frozenset({S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.EXPIRED})


class TransitionNotAllowed(Exception):
    def __init__(self, from_state: str, to_state: str):
        self.from_state, self.to_state = from_state, to_state
        super().__init__(
            _("An introduction that is %(from)s cannot become %(to)s.")
            % {"from": S(from_state).label, "to": S(to_state).label}
        )


def allowed(from_state: str, to_state: str) -> str | None:
    """The side that may take this step, or None when the step does not exist."""
    return TRANSITIONS.get((from_state, to_state))


def check(from_state: str, to_state: str, side: str) -> None:
    if TRANSITIONS.get((from_state, to_state)) != side:
        raise TransitionNotAllowed(from_state, to_state)
