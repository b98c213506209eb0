"""Writes: innovation questions and the introduction workflow.

Every service checks who may act (PermissionDenied), validates with
`full_clean()` (ValidationError), writes in one transaction with an audit
record, and sends emails and index updates only after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.shortcuts import model_update
from kennisbrug.core.tasks import enqueue_on_commit
from kennisbrug.core.workflow import transition
from kennisbrug.matching import index
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from . import signals, tasks
from .constants import (
    INTRODUCTION_EXPIRY_DAYS,
    MATCH_KINDS,
    IntroductionState,
    QuestionStatus,
    TargetKind,
)
from .documents import QUESTION
from .models import InnovationQuestion, Introduction
from .permissions import introduction_request_refusal, introduction_side
from .workflow import INTRODUCTION, PROVIDER

logger = logging.getLogger(__name__)

QUESTION_FIELDS = ("title", "description", "desired_outcome", "budget", "timeframe", "visibility")


def _reindex(question: InnovationQuestion) -> None:
    index.on_commit_changed(QUESTION, question.pk)


@transaction.atomic
def question_create(
    *,
    organisation: Organisation,
    author,
    title: str,
    description: str,
    sectors: Iterable = (),
    technologies: Iterable = (),
    desired_outcome: str = "",
    budget: str = "unknown",
    timeframe: str = "6m",
    visibility: str = "public",
    is_demo: bool = False,
) -> InnovationQuestion:
    """Ask a question for `organisation`; `author` must be an active member of it."""
    if not is_member(author, organisation):
        raise PermissionDenied(_("Only members of the organisation can ask a question for it."))
    question = InnovationQuestion(
        organisation=organisation,
        author=author,
        title=(title or "").strip(),
        description=(description or "").strip(),
        desired_outcome=(desired_outcome or "").strip(),
        budget=budget,
        timeframe=timeframe,
        visibility=visibility,
        is_demo=is_demo,
    )
    question.full_clean()
    question.save()
    question.sectors.set(list(sectors))
    question.technologies.set(list(technologies))
    audit_record(actor=author, action="question_created", obj=question, to_state=question.status)
    _reindex(question)
    logger.info("question_created question=%s organisation=%s", question.pk, organisation.pk)
    return question


@transaction.atomic
def question_update(
    *, question: InnovationQuestion, user, sectors=None, technologies=None, **fields
) -> InnovationQuestion:
    """Change a question's fields (see QUESTION_FIELDS); members of its organisation only."""
    if not is_member(user, question.organisation):
        raise PermissionDenied(_("Only members of the organisation can change this question."))
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %(f)s") % {"f": sorted(unknown)})
    question = InnovationQuestion.objects.select_for_update().get(pk=question.pk)
    question, _changed = model_update(
        instance=question,
        fields=QUESTION_FIELDS,
        data={k: v.strip() if isinstance(v, str) else v for k, v in fields.items()},
    )
    if sectors is not None:
        question.sectors.set(list(sectors))
    if technologies is not None:
        question.technologies.set(list(technologies))
    audit_record(
        actor=user, action="question_updated", obj=question, data={"fields": sorted(fields)}
    )
    _reindex(question)
    return question


@transaction.atomic
def question_close(
    *, question: InnovationQuestion, user, reopen: bool = False
) -> InnovationQuestion:
    """Close (or reopen) a question; members of its organisation only."""
    if not is_member(user, question.organisation):
        raise PermissionDenied(_("Only members of the organisation can close this question."))
    question = InnovationQuestion.objects.select_for_update().get(pk=question.pk)
    old = question.status
    question.status = QuestionStatus.OPEN if reopen else QuestionStatus.CLOSED
    question.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=user, action="question_status", obj=question, from_state=old, to_state=question.status
    )
    _reindex(question)
    return question


@transaction.atomic
def question_delete(*, question: InnovationQuestion, user) -> None:
    """Delete a question (its introductions stay, without the question)."""
    if not is_member(user, question.organisation):
        raise PermissionDenied(_("Only members of the organisation can delete this question."))
    audit_record(
        actor=user, action="question_deleted", obj=question, data={"title": question.title}
    )
    pk = question.pk
    question.delete()
    index.on_commit_changed(QUESTION, pk, removed=True)


@transaction.atomic
def introduction_request(
    *,
    requested_by,
    requester_organisation: Organisation,
    provider_organisation: Organisation,
    message: str,
    question: InnovationQuestion | None = None,
    target_kind: str = TargetKind.ORGANISATION,
    target_id: str = "",
    target_title: str = "",
) -> Introduction:
    """Ask to be introduced to a provider.

    `requested_by` must be a member of `requester_organisation`; a question must
    belong to that organisation and be open. Raises PermissionDenied or
    ValidationError (also for a second open request for the same match).
    """
    if not is_member(requested_by, requester_organisation):
        raise PermissionDenied(_("Only members of the organisation can ask an introduction."))
    if question is not None:
        if question.organisation_id != requester_organisation.pk:
            raise PermissionDenied(_("This question belongs to another organisation."))
        if not InnovationQuestion.objects.filter(
            pk=question.pk, status=QuestionStatus.OPEN
        ).exists():
            raise ValidationError(_("This question is closed."))
    refusal = introduction_request_refusal(
        requested_by,
        requester_organisation=requester_organisation,
        provider_id=provider_organisation.pk,
        question=question,
    )
    if refusal:
        raise ValidationError(refusal)
    if not (message or "").strip():
        raise ValidationError({"message": _("Write a short message to the provider.")})
    if target_kind == TargetKind.ORGANISATION:
        target_id = str(provider_organisation.pk)
        target_title = provider_organisation.name
    intro = Introduction(
        question=question,
        requester_organisation=requester_organisation,
        requested_by=requested_by,
        provider_organisation=provider_organisation,
        target_kind=target_kind,
        target_id=str(target_id),
        target_title=(target_title or provider_organisation.name)[:200],
        message=(message or "").strip(),
        expires_at=timezone.now() + timedelta(days=INTRODUCTION_EXPIRY_DAYS),
    )
    intro.full_clean()
    try:
        with transaction.atomic():
            intro.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Your organisation already has an open introduction request for this match.")
        ) from exc
    audit_record(
        actor=requested_by,
        action="introduction_requested",
        obj=intro,
        to_state=intro.state,
        data={"requester": requester_organisation.pk, "provider": provider_organisation.pk},
    )
    enqueue_on_commit(tasks.introduction_requested_mail, intro.pk)
    logger.info(
        "introduction_requested introduction=%s requester=%s provider=%s",
        intro.pk,
        requester_organisation.pk,
        provider_organisation.pk,
    )
    return intro


def introduction_transition(
    *, obj: Introduction, action: str, actor, message: str = ""
) -> Introduction:
    """Take `action` on an introduction (see workflow.INTRODUCTION).

    The provider's members accept or decline (with an optional `message`), the
    requester's members withdraw, the system (actor=None) expires. Other apps follow
    in the same transaction through `signals.introduction_transitioned`; a receiver
    that raises rolls the step back. Both sides are mailed after commit.
    Raises PermissionDenied or TransitionNotAllowed (code "invalid_transition").
    """
    answers = action in {"accept", "decline"}
    message = (message or "").strip() if answers else ""

    def apply(intro: Introduction, edge) -> None:
        intro.decided_at = timezone.now()
        if PROVIDER in edge.actors:
            intro.response_message = message
            intro.responded_by = actor
        intro.state = edge.target
        intro.full_clean()

    def follow(intro: Introduction, edge) -> None:
        signals.introduction_transitioned.send(
            sender=Introduction,
            introduction=intro,
            user=actor,
            from_state=edge.source,
            to_state=edge.target,
        )

    return transition(
        workflow=INTRODUCTION,
        obj=obj,
        action=action,
        actor=actor,
        roles=lambda intro: {side} if (side := introduction_side(actor, intro)) else set(),
        reason=message,
        apply=apply,
        after=follow,
        notify=lambda intro, edge: enqueue_on_commit(tasks.introduction_changed_mail, intro.pk),
    )


def introductions_expire(*, now=None) -> int:
    """Expire every request unanswered past its expiry date; returns how many."""
    now = now or timezone.now()
    due = Introduction.objects.filter(
        state=IntroductionState.REQUESTED, expires_at__lte=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            intro = Introduction.objects.select_for_update().get(pk=pk)
            if intro.state != IntroductionState.REQUESTED or intro.expires_at > now:
                continue
            introduction_transition(obj=intro, action="expire", actor=None)
            count += 1
    return count


def introduction_request_for_match(
    *, question: InnovationQuestion, requested_by, kind: str, target_id: str, message: str
) -> Introduction:
    """Ask an introduction to a match of `question`: an organisation, facility or living lab.

    For facilities and living labs the provider is the organisation named in the
    indexed document (attribute `organisation_id`). Raises ValidationError when
    the target is unknown.
    """
    target_id = str(target_id)
    if kind == TargetKind.ORGANISATION:
        provider = Organisation.objects.filter(
            pk=int(target_id) if target_id.isdigit() else 0
        ).first()
        title = provider.name if provider else ""
    elif kind in dict(MATCH_KINDS):
        doc = index.get_engine().get(kind, target_id)
        owner = (
            str(doc.attrs.get("organisation_id") or doc.attrs.get("organisation") or "")
            if doc
            else ""
        )
        provider = Organisation.objects.filter(pk=int(owner) if owner.isdigit() else 0).first()
        title = doc.title if doc else ""
    else:
        provider, title = None, ""
    if provider is None:
        raise ValidationError(_("This match no longer exists."))
    return introduction_request(
        requested_by=requested_by,
        requester_organisation=question.organisation,
        provider_organisation=provider,
        message=message,
        question=question,
        target_kind=kind,
        target_id=target_id,
        target_title=title,
    )
