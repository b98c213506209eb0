"""The transition table: one test per allowed edge, forbidden edges refused."""

import pytest
from django.core.exceptions import PermissionDenied

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.audit import audit_trail
from kennisbrug.vouchers import services
from kennisbrug.vouchers.constants import Actor, ApplicationStatus
from kennisbrug.vouchers.workflow import ACTIONS, ALLOWED, EDGES, find_edge

from .factories import Cast, pdf

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _actor(cast, edge):
    if Actor.SYSTEM in edge.actors:
        return None
    if edge.action == "approve":
        return cast.approver
    if Actor.APPLICANT in edge.actors:
        return cast.applicant_member
    if Actor.PROVIDER in edge.actors:
        return cast.provider_member
    return cast.reviewer


def _wrong_actor(cast, edge):
    if Actor.SYSTEM in edge.actors:
        return cast.reviewer
    if Actor.SECRETARIAT in edge.actors:
        return cast.provider_member
    if Actor.PROVIDER in edge.actors:
        return cast.applicant_member
    return cast.provider_member


def _kwargs(cast, app, edge):
    kwargs = {"reason": "Omdat het moet."}
    if edge.action == "deliver":
        services.attachment_add(
            application=app, kind="invoice", file=pdf(), uploaded_by=cast.provider_member
        )
        kwargs["invoice_amount"] = "7500.00"
    if edge.action == "expire":
        kwargs["today"] = app.valid_until.replace(year=app.valid_until.year + 1)
    return kwargs


def test_table_has_every_state_reachable():
    targets = {edge.target for edge in EDGES} | {S.DRAFT}
    assert targets == set(S.values)


@pytest.mark.parametrize("edge", EDGES, ids=lambda e: f"{e.source}-{e.action}-{e.target}")
def test_allowed_edge(edge):
    cast = Cast()
    app = cast.advance(cast.draft(), edge.source)
    assert app.status == edge.source
    actor = _actor(cast, edge)
    moved = services.application_transition(
        obj=app, action=edge.action, actor=actor, **_kwargs(cast, app, edge)
    )
    assert moved.status == edge.target
    record = audit_trail(app).first()
    assert (record.action, record.from_state, record.to_state) == (
        f"voucher_{edge.action}",
        edge.source,
        edge.target,
    )
    assert record.actor_id == getattr(actor, "pk", None)
    assert record.reason == "Omdat het moet."


@pytest.mark.parametrize("edge", EDGES, ids=lambda e: f"{e.source}-{e.action}-{e.target}")
def test_allowed_edge_refuses_the_wrong_actor(edge):
    cast = Cast()
    app = cast.advance(cast.draft(), edge.source)
    with pytest.raises(PermissionDenied):
        services.application_transition(
            obj=app,
            action=edge.action,
            actor=_wrong_actor(cast, edge),
            **_kwargs(cast, app, edge),
        )
    app.refresh_from_db()
    assert app.status == edge.source


@pytest.mark.parametrize("status", list(S.values))
def test_forbidden_edges_are_refused(status):
    cast = Cast()
    app = cast.advance(cast.draft(), status)
    stranger = UserFactory(secretariat=True)  # never the one who took the last step
    forbidden = [action for action in ACTIONS if find_edge(action, status) is None]
    assert forbidden
    for action in forbidden:
        with pytest.raises(services.TransitionNotAllowedError):
            services.application_transition(obj=app, action=action, actor=stranger, reason="x")
    app.refresh_from_db()
    assert app.status == status


def test_no_edge_leaves_a_final_state():
    final = {S.PAID, S.REJECTED, S.EXPIRED, S.WITHDRAWN}
    assert not [pair for pair in ALLOWED if pair[0] in final]


def test_reason_is_required_where_the_table_says_so():
    cast = Cast()
    app = cast.advance(cast.draft(), S.SUBMITTED)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        services.application_transition(obj=app, action="reject", actor=cast.reviewer)
    assert "reason" in excinfo.value.message_dict


def test_unknown_action_is_refused():
    cast = Cast()
    app = cast.draft()
    with pytest.raises(services.TransitionNotAllowedError):
        services.application_transition(obj=app, action="teleport", actor=cast.applicant_member)
