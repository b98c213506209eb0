"""The life of a voucher application: one table of allowed transitions.

Every edge names the action, the states it leaves from, the state it reaches and
who may take it (core.workflow format). services.application_transition is the only
way to move.
"""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.workflow import Edge, Workflow
from kennisbrug.core.workflow import edges as _edges

from .constants import Actor
from .constants import ApplicationStatus as S

APPLICANT, PROVIDER, SECRETARIAT, SYSTEM = (
    Actor.APPLICANT,
    Actor.PROVIDER,
    Actor.SECRETARIAT,
    Actor.SYSTEM,
)

EDGES: list[Edge] = [
    *_edges("submit", [S.DRAFT], S.SUBMITTED, {APPLICANT}, _("Submit")),
    *_edges("review", [S.SUBMITTED], S.REVIEWED, {SECRETARIAT}, _("Recommend approval")),
    *_edges(
        "return",
        [S.SUBMITTED, S.REVIEWED],
        S.DRAFT,
        {SECRETARIAT},
        _("Return to the applicant"),
        needs_reason=True,
    ),
    *_edges("approve", [S.REVIEWED], S.APPROVED, {SECRETARIAT}, _("Approve")),
    *_edges(
        "reject",
        [S.SUBMITTED, S.REVIEWED],
        S.REJECTED,
        {SECRETARIAT},
        _("Reject"),
        needs_reason=True,
    ),
    *_edges("start", [S.APPROVED], S.IN_PROGRESS, {PROVIDER}, _("Confirm the assignment started")),
    *_edges(
        "deliver", [S.IN_PROGRESS], S.DELIVERED, {PROVIDER}, _("Confirm delivery with invoice")
    ),
    *_edges("pay", [S.DELIVERED], S.PAID, {SECRETARIAT}, _("Pay")),
    *_edges("expire", [S.APPROVED, S.IN_PROGRESS], S.EXPIRED, {SYSTEM}, _("Expire")),
    *_edges(
        "withdraw",
        [S.DRAFT, S.SUBMITTED, S.REVIEWED, S.APPROVED, S.IN_PROGRESS],
        S.WITHDRAWN,
        {APPLICANT, SECRETARIAT},
        _("Withdraw"),
        needs_reason=True,
    ),
]

APPLICATION = Workflow(
    name="voucher",
    states=S,
    edges=tuple(EDGES),
    not_allowed=_("“%(action)s” is not possible while the application is %(status)s."),
    error_field="action",
    forbidden=_("You may not take this action on this application."),
)

ACTIONS = APPLICATION.actions
ALLOWED = set(APPLICATION.pairs())
FINAL_STATES = frozenset({S.PAID, S.REJECTED, S.EXPIRED, S.WITHDRAWN})


def find_edge(action: str, source: str) -> Edge | None:
    return APPLICATION.find(action, source)


def available_edges(status: str, actors: set) -> list[Edge]:
    """The actions someone playing `actors` can take from `status`."""
    return APPLICATION.available(status, actors)


NEXT_STEP = {
    S.DRAFT: _("The applicant completes the application and submits it."),
    S.SUBMITTED: _("The secretariat reviews the application."),
    S.REVIEWED: _("A second secretariat member decides (four-eyes principle)."),
    S.APPROVED: _("The provider confirms that the assignment has started."),
    S.IN_PROGRESS: _("The provider delivers, uploads the invoice and confirms delivery."),
    S.DELIVERED: _("The secretariat pays the voucher to the provider."),
    S.PAID: _("Nothing: the voucher has been paid."),
    S.REJECTED: _("Nothing: the application was rejected."),
    S.EXPIRED: _("Nothing: the voucher expired and its budget was released."),
    S.WITHDRAWN: _("Nothing: the application was withdrawn."),
}
