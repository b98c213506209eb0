"""Reads: question and introduction lists, and the matches of a question."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from kennisbrug.core.concepts import sector_concept, technology_concept
from kennisbrug.matching.services import MatchResult, match, provider_kinds
from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.models import Membership, Organisation
from kennisbrug.organisations.permissions import user_organisations

from .constants import IntroductionState, QuestionStatus, Visibility
from .documents import QUESTION
from .models import InnovationQuestion, Introduction
from .permissions import visible_introductions

MATCH_TEXT_CHARS = 2000


def introduction_has_recipient(introduction: Introduction) -> bool:
    """Whether anyone on the platform can answer: the provider organisation has an active
    member. Without one the request goes to the secretariat's work queue, which forwards it."""
    return Membership.objects.filter(
        organisation_id=introduction.provider_organisation_id, status=MembershipStatus.ACTIVE
    ).exists()


def requested_match_keys(*, organisation: Organisation) -> set[str]:
    """ "kind:id" of every match the organisation has an open introduction request for.

    One open request per organisation and match, whichever of its questions asked it, so
    pages show "already asked" instead of a button the rule would refuse.
    """
    pairs = Introduction.objects.filter(
        requester_organisation=organisation, state=IntroductionState.REQUESTED
    ).values_list("target_kind", "target_id")
    return {f"{kind}:{target}" for kind, target in pairs}


def without_recipient_notice(introduction: Introduction) -> str:
    """What the requester is told when nobody on the platform can answer."""
    return _(
        "%(org)s has no members on Kennisbrug yet, so nobody there can answer here. "
        "The programme secretariat will forward your request to them."
    ) % {"org": introduction.provider_organisation.name}


def question_list(*, user, organisation: Organisation | None = None):
    """The questions of the user's organisations (or one of them), newest first."""
    orgs = user_organisations(user)
    qs = InnovationQuestion.objects.filter(organisation__in=orgs)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.select_related("organisation").prefetch_related("sectors", "technologies")


def question_match_text(question: InnovationQuestion) -> str:
    parts = [question.title, question.description, question.desired_outcome]
    return "\n".join(p for p in parts if p)[:MATCH_TEXT_CHARS]


def question_concepts(question: InnovationQuestion) -> frozenset[str]:
    return frozenset(
        [sector_concept(c) for c in question.sectors.values_list("code", flat=True)]
        + [technology_concept(c) for c in question.technologies.values_list("code", flat=True)]
    )


def question_matches(
    *, question: InnovationQuestion, filters: dict | None = None, limit: int = 20
) -> list[MatchResult]:
    """Providers (organisations, facilities, living labs) that fit the question, explained.

    Raises ValidationError on unknown filters or values.
    """
    return match(
        text=question_match_text(question),
        kinds=provider_kinds(),
        filters=filters,
        asker_organisation=question.organisation,
        concepts=question_concepts(question),
        limit=limit,
    )


def organisation_profile_text(organisation: Organisation) -> str:
    parts = [organisation.description, organisation.expertise, organisation.offers]
    text = "\n".join(p for p in parts if p).strip()
    if not any(ch.isalnum() for ch in text):
        text = " ".join(s.name for s in organisation.sectors.all())
    return text[:MATCH_TEXT_CHARS]


def questions_for_organisation(
    *, organisation: Organisation, filters: dict | None = None, limit: int = 20
) -> list[MatchResult]:
    """Open public questions of other organisations that fit `organisation`'s profile."""
    text = organisation_profile_text(organisation)
    if not any(ch.isalnum() for ch in text):
        return []
    results = match(
        text=text,
        kinds=(QUESTION,),
        filters=filters,
        asker_organisation=organisation,
        limit=limit + 20,
    )
    ids = [int(r.id) for r in results if r.id.isdigit()]
    live = InnovationQuestion.objects.filter(
        pk__in=ids, visibility=Visibility.PUBLIC, status=QuestionStatus.OPEN
    ).exclude(organisation=organisation)
    questions = live.select_related("organisation").in_bulk()
    out = []
    for r in results:
        q = questions.get(int(r.id)) if r.id.isdigit() else None
        if q is not None:
            r.object = q
            out.append(r)
    return out[:limit]


def introduction_list(*, user, direction: str = ""):
    """Introductions the user may see; `direction` 'incoming' or 'outgoing' narrows it."""
    qs = visible_introductions(user).select_related(
        "requester_organisation", "provider_organisation", "question", "requested_by"
    )
    if direction in {"incoming", "outgoing"}:
        orgs = user_organisations(user)
        field = "provider_organisation" if direction == "incoming" else "requester_organisation"
        qs = qs.filter(Q(**{f"{field}__in": orgs}))
    return qs


def introduction_activity() -> list[tuple]:
    """Indicator source "introductions": (id, requester, provider, state, decided_at, created_at)."""
    return list(
        Introduction.objects.values_list(
            "id",
            "requester_organisation_id",
            "provider_organisation_id",
            "state",
            "decided_at",
            "created_at",
        ).iterator()
    )
