"""One workflow format and one runner for every state change in the product.

A workflow is a table of edges: an action leaves one of its source states for its
target state, may be taken by the actor roles named on the edge, carries a
translatable label and may need a reason. `transition()` is the only way to move
an object along a workflow; the apps wrap it in one `<entity>_transition(*, obj,
action, actor, **data)` service each, and pages, API views and commands only map a
request to an action.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from .audit import audit_record
from .db import retry_when_sqlite_locked
from .second_factor import require as require_second_factor

logger = logging.getLogger(__name__)

SYSTEM = "system"

NOT_ALLOWED = _("A change from “%(from)s” to “%(to)s” is not allowed.")
UNKNOWN_ACTION = _("Unknown action.")


# Every workflow of the product, so that history pages can name the steps in words.
WORKFLOWS: list["Workflow"] = []


class TransitionNotAllowed(ValidationError):
    """The action does not exist from the object's current state."""


@dataclass(frozen=True)
class Edge:
    action: str
    source: str
    target: str
    actors: frozenset[str]
    label: Any = ""
    needs_reason: bool = False


def edges(
    action: str,
    sources: Iterable[str],
    target: str,
    actors: Iterable[str],
    label: Any = "",
    needs_reason: bool = False,
) -> list[Edge]:
    """One edge per source state for an action that several states share."""
    return [
        Edge(action, source, target, frozenset(actors), label, needs_reason) for source in sources
    ]


@dataclass(frozen=True, eq=False)
class Workflow:
    """A named table of edges and how its refusals read.

    `audit_action` is formatted with the edge's action and target ("booking_{target}").
    `not_allowed` is formatted with from, to (state labels), action and status (= from).
    A refusal is raised under `error_field` when given, else as a non-field error
    with `error_code`. `forbidden` is the PermissionDenied text (none: a bare one).
    `transitioned` is sent after commit with obj, action, actor, from_state, to_state.
    """

    name: str
    edges: tuple[Edge, ...]
    states: type[models.TextChoices]
    state_field: str = "status"
    audit_action: str = "{name}_{action}"
    not_allowed: Any = NOT_ALLOWED
    unknown_action: Any = UNKNOWN_ACTION
    error_field: str | None = None
    error_code: str = "transition"
    forbidden: Any = None
    transitioned: Signal = field(default_factory=Signal)

    def __post_init__(self):
        targets: dict[str, str] = {}
        for edge in self.edges:
            if targets.setdefault(edge.action, edge.target) != edge.target:
                raise ValueError(f"{self.name}: action {edge.action} has two targets")
        WORKFLOWS.append(self)

    def audit_label(self, action: str, to_state: str):
        """The label of the edge an audit record with `action` and `to_state` was written
        for (None when it was not written by this workflow)."""
        for edge in self.edges:
            if edge.target != to_state:
                continue
            written = self.audit_action.format(
                name=self.name, action=edge.action, target=edge.target
            )
            if action in (written, edge.action):
                return edge.label
        return None

    @property
    def actions(self) -> list[str]:
        return sorted({edge.action for edge in self.edges})

    def find(self, action: str, source: str) -> Edge | None:
        for edge in self.edges:
            if edge.action == action and edge.source == source:
                return edge
        return None

    def target_of(self, action: str) -> str | None:
        return next((edge.target for edge in self.edges if edge.action == action), None)

    def action_to(self, target: str) -> str:
        """The action that reaches `target`; a state no action reaches is passed through
        unchanged, so the refusal names it."""
        return next((edge.action for edge in self.edges if edge.target == target), target)

    def pairs(self) -> dict[tuple[str, str], frozenset[str]]:
        """(source, target) -> the roles allowed, for tables read by state pairs."""
        table: dict[tuple[str, str], frozenset[str]] = {}
        for edge in self.edges:
            key = (edge.source, edge.target)
            table[key] = table.get(key, frozenset()) | edge.actors
        return table

    def available(self, state: str, roles: Iterable[str]) -> list[Edge]:
        """The edges someone playing `roles` can take from `state`."""
        roles = set(roles)
        return [edge for edge in self.edges if edge.source == state and edge.actors & roles]

    def _label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return str(state)

    def refusal(self, action: str, source: str) -> TransitionNotAllowed:
        """The error for `action` from `source`; `action` may be a target state that
        no action reaches (see action_to)."""
        target = self.target_of(action)
        if target is None and action not in self.states.values:
            return self._error(self.unknown_action)
        message = self.not_allowed % {
            "from": self._label(source),
            "to": self._label(target or action),
            "action": action,
            "status": self._label(source),
        }
        return self._error(message)

    def _error(self, message) -> TransitionNotAllowed:
        if self.error_field:
            return TransitionNotAllowed({self.error_field: [message]})
        return TransitionNotAllowed(message, code=self.error_code)


Hook = Callable[[Any, Edge], Any]


@retry_when_sqlite_locked
def transition(
    *,
    workflow: Workflow,
    obj: models.Model,
    action: str,
    actor,
    roles: Callable[[Any], set[str]],
    lock: Callable[[models.Model], models.Model] | None = None,
    reason: str = "",
    apply: Hook | None = None,
    after: Hook | None = None,
    notify: Hook | None = None,
    repeat: Callable[[Any], bool] | None = None,
    log_context: Callable[[Any], dict] | None = None,
) -> models.Model:
    """Take `action` on `obj` as `actor` (None: the system) and return the changed object.

    In one transaction: `lock(obj)` locks and returns the row (default: the object's own
    row, SELECT ... FOR UPDATE; put the rows an app always locks first in there);
    `roles(locked)` says which roles `actor` plays (the system plays "system").
    Refusals, checked in this order, change nothing:
    - SecondFactorRequired (a PermissionDenied) when a staff actor's session or token
      has not passed the second factor (core.second_factor);
    - PermissionDenied when the actor plays no role at all;
    - TransitionNotAllowed (a ValidationError) when no edge leaves the current state
      for this action, unless `repeat(locked)` says this is the actor's own repeat
      (a double click), which returns the object unchanged;
    - PermissionDenied when none of the actor's roles may take the edge;
    - ValidationError {"reason"} when the edge needs a reason and none is given.
    Then `apply(locked, edge)` runs the app's own checks and side writes (it may raise
    to refuse; it may return a dict kept in the audit record), the state is set and
    saved, the audit record written, `after(locked, edge)` runs (followers that must
    roll back with the step), and after commit the workflow's `transitioned`
    signal is sent and `notify(locked, edge)` called. Logs `<name>_transitioned`.
    On SQLite a locked database is retried (only when no outer transaction is open).
    """
    if actor is not None:
        # Staff decide only after a second factor (core.second_factor).
        require_second_factor(actor)
    with transaction.atomic():
        locked = (
            lock(obj) if lock else type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        )
        taken = {SYSTEM} if actor is None else set(roles(locked))
        if not taken:
            raise PermissionDenied(workflow.forbidden) if workflow.forbidden else PermissionDenied
        source = getattr(locked, workflow.state_field)
        edge = workflow.find(action, source)
        if edge is None:
            if repeat is not None and repeat(locked):
                return locked
            raise workflow.refusal(action, source)
        if not edge.actors & taken:
            raise PermissionDenied(workflow.forbidden) if workflow.forbidden else PermissionDenied
        if edge.needs_reason and not reason:
            raise ValidationError({"reason": _("Give a reason.")})
        data = (apply(locked, edge) if apply else None) or {}
        setattr(locked, workflow.state_field, edge.target)
        locked.save()
        audit_record(
            actor=actor,
            action=workflow.audit_action.format(
                name=workflow.name, action=edge.action, target=edge.target
            ),
            obj=locked,
            from_state=source,
            to_state=edge.target,
            reason=reason,
            data=data,
        )
        if after is not None:
            after(locked, edge)

        def after_commit():
            workflow.transitioned.send(
                sender=type(locked),
                obj=locked,
                action=edge.action,
                actor=actor,
                from_state=source,
                to_state=edge.target,
            )
            if notify is not None:
                notify(locked, edge)

        transaction.on_commit(after_commit)
    logger.info(
        "%s_transitioned",
        workflow.name,
        extra={
            "event": f"{workflow.name}_transitioned",
            "workflow": workflow.name,
            "object_id": locked.pk,
            "action": edge.action,
            "from_state": source,
            "to_state": edge.target,
            "actor_id": getattr(actor, "pk", None),
            **(log_context(locked) if log_context else {}),
        },
    )
    return locked
