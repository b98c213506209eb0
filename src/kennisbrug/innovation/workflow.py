"""The introduction state machine: one table of edges (core.workflow format) and who may take them."""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.workflow import Workflow, edges

from .constants import IntroductionState as S

REQUESTER = "requester"
PROVIDER = "provider"
SYSTEM = "system"

INTRODUCTION = Workflow(
    name="introduction",
    states=S,
    state_field="state",
    edges=(
        *edges("accept", [S.REQUESTED], S.ACCEPTED, {PROVIDER}, _("Accept")),
        *edges("decline", [S.REQUESTED], S.DECLINED, {PROVIDER}, _("Decline")),
        *edges("withdraw", [S.REQUESTED], S.WITHDRAWN, {REQUESTER}, _("Withdraw")),
        *edges("expire", [S.REQUESTED], S.EXPIRED, {SYSTEM}, _("Expire")),
    ),
    audit_action="introduction_{target}",
    not_allowed=_("An introduction that is %(from)s cannot become %(to)s."),
    error_code="invalid_transition",
    forbidden=_("You are not allowed to do this with this introduction."),
)

# (from, to) -> the side allowed to take the step.
TRANSITIONS: dict[tuple[str, str], str] = {
    (edge.source, edge.target): next(iter(edge.actors)) for edge in INTRODUCTION.edges
}

FINAL_STATES = frozenset({S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.EXPIRED})
