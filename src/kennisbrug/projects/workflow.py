"""Challenge and response state machines: one table of edges each (core.workflow format)."""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.workflow import Workflow, edges

from .constants import ChallengeStatus as C
from .constants import ResponseStatus as R

OWNER = "owner"  # members of the challenge's organisation
RESPONDER = "responder"  # members of the responding organisation

CHALLENGE = Workflow(
    name="challenge",
    states=C,
    edges=(
        *edges("publish", [C.DRAFT], C.OPEN, {OWNER}, _("Publish")),
        *edges("close_submissions", [C.OPEN], C.EVALUATING, {OWNER}, _("Close submissions")),
        *edges("award", [C.EVALUATING], C.AWARDED, {OWNER}, _("Award")),
        *edges("close_without_selection", [C.EVALUATING], C.CLOSED, {OWNER}, _("Close unawarded")),
        *edges("cancel", [C.DRAFT, C.OPEN, C.EVALUATING], C.CANCELLED, {OWNER}, _("Cancel")),
    ),
    error_field="status",
    forbidden=_("Only members of the challenge's organisation can change it."),
)

RESPONSE = Workflow(
    name="challenge_response",
    states=R,
    edges=(
        *edges("shortlist", [R.SUBMITTED], R.SHORTLISTED, {OWNER}, _("Shortlist")),
        *edges("reject", [R.SUBMITTED, R.SHORTLISTED], R.REJECTED, {OWNER}, _("Reject")),
        *edges("withdraw", [R.SUBMITTED, R.SHORTLISTED], R.WITHDRAWN, {RESPONDER}, _("Withdraw")),
        *edges("select", [R.SHORTLISTED], R.SELECTED, {OWNER}, _("Select")),
    ),
    error_field="status",
    forbidden=_("You may not make this change."),
)

# (from, to) -> action, for pages that offer the next states
CHALLENGE_TRANSITIONS = {(edge.source, edge.target): edge.action for edge in CHALLENGE.edges}
RESPONSE_TRANSITIONS = {(edge.source, edge.target): edge.action for edge in RESPONSE.edges}

# Which challenge states allow which response moves.
RESPONSE_MOVES_ALLOWED_IN: dict[str, set[str]] = {
    R.SHORTLISTED: {C.OPEN, C.EVALUATING},
    R.REJECTED: {C.OPEN, C.EVALUATING},
    R.SELECTED: {C.EVALUATING},
    R.WITHDRAWN: {C.OPEN, C.EVALUATING},
}
