"""Writes for open-innovation challenges and responses; transitions follow workflow.py."""

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.tasks import enqueue_on_commit
from kennisbrug.core.workflow import Edge, transition
from kennisbrug.matching import index
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from ..constants import ChallengeStatus, ResponseStatus
from ..documents import CHALLENGE as CHALLENGE_DOC
from ..models import Challenge, ChallengeResponse
from ..permissions import CHALLENGE_OWNER_TYPES, SOLVER_TYPES, can_manage_challenge
from ..workflow import CHALLENGE, OWNER, RESPONDER, RESPONSE, RESPONSE_MOVES_ALLOWED_IN
from .ideas import _clean

log = logging.getLogger(__name__)
LIMITS = {"title": 200, "problem": 5000, "requirements": 5000, "reward": 2000, "ip_terms": 2000}


@transaction.atomic
def challenge_create(
    *,
    owner_organisation: Organisation,
    created_by,
    title: str,
    problem: str,
    requirements: str,
    deadline: datetime,
    reward: str = "",
    ip_terms: str = "",
    sectors=(),
    technologies=(),
    is_demo: bool = False,
) -> Challenge:
    """A company or government posts a challenge (as a draft). Members of that organisation only."""
    if not is_demo and not is_member(created_by, owner_organisation):
        raise PermissionDenied(_("Only members of the organisation can post its challenges."))
    if owner_organisation.type not in CHALLENGE_OWNER_TYPES:
        raise ValidationError(
            {"owner_organisation": [_("Challenges are posted by companies or governments.")]}
        )
    values = {
        k: _clean(v)
        for k, v in {
            "title": title,
            "problem": problem,
            "requirements": requirements,
            "reward": reward,
            "ip_terms": ip_terms,
        }.items()
    }
    errors = {}
    for field in ("title", "problem", "requirements"):
        if not values[field]:
            errors[field] = [_("This field is required.")]
    for field, limit in LIMITS.items():
        if len(values[field]) > limit:
            errors[field] = [_("This text is too long (at most %(n)s characters).") % {"n": limit}]
    if deadline is None or timezone.is_naive(deadline):
        errors["deadline"] = [_("Give a deadline with date and time.")]
    elif not is_demo and deadline <= timezone.now():
        errors["deadline"] = [_("The deadline must be in the future.")]
    if errors:
        raise ValidationError(errors)
    challenge = Challenge.objects.create(
        owner_organisation=owner_organisation,
        deadline=deadline,
        is_demo=is_demo,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        **values,
    )
    challenge.sectors.set(sectors)
    challenge.technologies.set(technologies)
    audit_record(
        actor=created_by, action="challenge_created", obj=challenge, to_state=challenge.status
    )
    index.on_commit_changed(CHALLENGE_DOC, challenge.pk)
    return challenge


def challenge_solvers_notify(challenge_id: int) -> None:
    """Tell the best-matching solvers about a published challenge (a task, after commit)."""
    from ..selectors.matching import challenge_solvers

    challenge = Challenge.objects.get(pk=challenge_id)
    for hit in challenge_solvers(challenge=challenge, limit=10):
        if hit["email"]:
            send_mail(
                _("New challenge on Kennisbrug: %(title)s") % {"title": challenge.title},
                _("%(owner)s looks for a solution: %(title)s. Why you: %(why)s.")
                % {
                    "owner": challenge.owner_organisation.name,
                    "title": challenge.title,
                    "why": hit["why"],
                },
                None,
                [hit["email"]],
            )
    log.info("challenge_solvers_notified challenge=%s", challenge_id)


def _owner_roles(actor, challenge: Challenge) -> set[str]:
    return {OWNER} if can_manage_challenge(actor, challenge) else set()


def _challenge_edge_refusal(challenge: Challenge, edge) -> tuple[str, str] | None:
    """(field, reason) when the rules refuse taking `edge` on `challenge` now, else None."""
    if edge.target == ChallengeStatus.OPEN and challenge.deadline <= timezone.now():
        return "deadline", _("The deadline has passed; set a new one before publishing.")
    if (
        edge.target == ChallengeStatus.AWARDED
        and not challenge.responses.filter(status=ResponseStatus.SELECTED).exists()
    ):
        return "status", _("Select a proposal before awarding the challenge.")
    return None


def challenge_actions(*, challenge: Challenge, actor) -> list[tuple[Edge, str | None]]:
    """The moves `actor` may try on `challenge`, each with the reason the service would
    refuse it now (None: allowed). Pages show a button or the reason from this."""
    actions = []
    for edge in CHALLENGE.available(challenge.status, _owner_roles(actor, challenge)):
        refusal = _challenge_edge_refusal(challenge, edge)
        actions.append((edge, refusal[1] if refusal else None))
    return actions


def _response_edge_refusal(response: ChallengeResponse, edge) -> str | None:
    challenge = response.challenge
    if challenge.status not in RESPONSE_MOVES_ALLOWED_IN[edge.target]:
        return _("Not possible while the challenge is “%(s)s”.") % {
            "s": challenge.get_status_display()
        }
    if (
        edge.target == ResponseStatus.SELECTED
        and challenge.responses.filter(status=ResponseStatus.SELECTED).exists()
    ):
        return _("A challenge has at most one selected solver.")
    return None


def response_actions(*, response: ChallengeResponse, actor) -> list[tuple[Edge, str | None]]:
    """The moves `actor` may try on `response`, each with the reason response_transition
    would refuse it now (None: allowed)."""
    return [
        (edge, _response_edge_refusal(response, edge))
        for edge in RESPONSE.available(response.status, _response_roles(actor, response))
    ]


def _respond_refusal(challenge: Challenge, organisation: Organisation) -> tuple[str, str] | None:
    if organisation.pk == challenge.owner_organisation_id:
        return "organisation", _("An organisation cannot respond to its own challenge.")
    if challenge.status != ChallengeStatus.OPEN or challenge.deadline <= timezone.now():
        return "status", _("This challenge does not accept proposals.")
    if challenge.responses.filter(organisation=organisation).exists():
        return "organisation", _("This organisation already responded to the challenge.")
    return None


def respond_refusal(*, challenge: Challenge, organisation: Organisation) -> str | None:
    """Why challenge_respond refuses `organisation` a proposal now (membership and
    organisation type aside), or None."""
    refusal = _respond_refusal(challenge, organisation)
    return refusal[1] if refusal else None


def challenge_transition(
    *,
    obj: Challenge,
    action: str,
    actor,
    reason: str = "",
) -> Challenge:
    """Take `action` on a challenge (see workflow.CHALLENGE); the owner's members only.

    Publishing needs a future deadline and tells the best-matching solvers after
    commit; awarding needs a selected response (select it first with
    response_transition); awarding, closing and cancelling reject the open responses.
    Raises PermissionDenied or ValidationError {"status"/"deadline"}.
    """

    def apply(locked: Challenge, edge) -> None:
        refusal = _challenge_edge_refusal(locked, edge)
        if refusal:
            raise ValidationError({refusal[0]: [refusal[1]]})

    def after(locked: Challenge, edge) -> None:
        if edge.target in (
            ChallengeStatus.AWARDED,
            ChallengeStatus.CLOSED,
            ChallengeStatus.CANCELLED,
        ):
            locked.responses.filter(
                status__in=[ResponseStatus.SUBMITTED, ResponseStatus.SHORTLISTED]
            ).update(status=ResponseStatus.REJECTED)
        # only open challenges are provided: publishing adds it, any other move drops it
        index.on_commit_changed(CHALLENGE_DOC, locked.pk)

    def notify(locked: Challenge, edge) -> None:
        if edge.target == ChallengeStatus.OPEN:
            from ..tasks import challenge_solvers_mail

            enqueue_on_commit(challenge_solvers_mail, locked.pk)

    return transition(
        workflow=CHALLENGE,
        obj=obj,
        action=action,
        actor=actor,
        roles=lambda locked: _owner_roles(actor, locked),
        reason=_clean(reason)[:2000],
        apply=apply,
        after=after,
        notify=notify,
    )


@transaction.atomic
def challenge_respond(
    *, challenge: Challenge, organisation: Organisation, user, proposal: str
) -> ChallengeResponse:
    """An SME or knowledge institution responds to an open challenge before its deadline."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not is_member(user, organisation):
        raise PermissionDenied(_("Only members of the organisation can respond for it."))
    if organisation.type not in SOLVER_TYPES:
        raise ValidationError(
            {"organisation": [_("Only SMEs and knowledge institutions can respond.")]}
        )
    refusal = _respond_refusal(challenge, organisation)
    if refusal:
        raise ValidationError({refusal[0]: [refusal[1]]})
    proposal = _clean(proposal)
    if not proposal:
        raise ValidationError({"proposal": [_("This field is required.")]})
    if len(proposal) > 5000:
        raise ValidationError(
            {"proposal": [_("This text is too long (at most %(n)s characters).") % {"n": 5000}]}
        )
    response = ChallengeResponse.objects.create(
        challenge=challenge, organisation=organisation, proposal=proposal, submitted_by=user
    )
    audit_record(
        actor=user, action="challenge_response_submitted", obj=response, to_state=response.status
    )
    return response


def _response_roles(actor, response: ChallengeResponse) -> set[str]:
    roles = _owner_roles(actor, response.challenge)
    if is_member(actor, response.organisation):
        roles.add(RESPONDER)
    return roles


def response_transition(
    *,
    obj: ChallengeResponse,
    action: str,
    actor,
) -> ChallengeResponse:
    """Shortlist, select or reject (owner's members) or withdraw (responder's members).

    Moves are allowed only while the challenge is open or evaluating (selecting: only
    evaluating), and a challenge has at most one selected response.
    Raises PermissionDenied or ValidationError {"status"}.
    """

    def apply(locked: ChallengeResponse, edge) -> None:
        refusal = _response_edge_refusal(locked, edge)
        if refusal:
            raise ValidationError({"status": [refusal]})

    return transition(
        workflow=RESPONSE,
        obj=obj,
        action=action,
        actor=actor,
        roles=lambda locked: _response_roles(actor, locked),
        lock=lambda r: (
            ChallengeResponse.objects.select_for_update().select_related("challenge").get(pk=r.pk)
        ),
        apply=apply,
    )
