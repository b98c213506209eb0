"""The training indicators RCO85, RCR81 and RCR98 (objective A2), from skills participations.

Counted unit: a person (the participant's user account), so the same person in two
trainings counts once; withdrawn participations never count. What "joint" means:
counting.joint_trainings. Counts of people are suppressed in small groups (registry).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import counting, sources
from .constants import Kind, Objective, Unit
from .evidence import Context, Evidence
from .registry import register


def _evidence(p: sources.Participation, date, organisation_id: int) -> Evidence:
    partner = p.provider if organisation_id != p.provider else None
    return Evidence(
        f"person:{p.person}",
        organisation_id,
        date,
        Kind.TRAINING,
        p.training,
        p.title,
        partner,
        Objective.A2,
    )


@register(
    "RCO85",
    unit=Unit.PERSON,
    sources=("training_participations",),
    rule=_(
        "Distinct people enrolled in (or having completed) a joint cross-border training; a "
        "person in several trainings counts once, withdrawn enrolments do not count. Reported "
        "under the employer the person named, else the provider; dated on the enrolment. "
        "A training is joint when its provider's country, its location and the employers of its "
        "participants (who did not withdraw) together cover both Belgium and the Netherlands."
    ),
)
def training_participations(ctx: Context) -> list[Evidence]:
    parts = sources.training_participations(ctx)
    joint = counting.joint_trainings(ctx, parts)
    return [
        _evidence(p, p.enrolled, p.employer or p.provider)
        for p in parts
        if p.training in joint and p.status in counting.PARTICIPATION_ACTIVE
    ]


@register(
    "RCR81",
    unit=Unit.PERSON,
    sources=("training_participations",),
    rule=_(
        "Distinct people whose completion of a joint cross-border training the provider "
        "recorded; a person completing several counts once. Reported under the employer the "
        "person named, else the provider; dated on the completion. Joint as under RCO85."
    ),
)
def training_completions(ctx: Context) -> list[Evidence]:
    parts = sources.training_participations(ctx)
    joint = counting.joint_trainings(ctx, parts)
    return [
        _evidence(p, p.completed, p.employer or p.provider)
        for p in parts
        if p.training in joint and p.status == counting.PARTICIPATION_COMPLETED and p.completed
    ]


@register(
    "RCR98",
    unit=Unit.PERSON,
    sources=("training_participations",),
    rule=_(
        "Distinct people employed by an SME (the employer they named is registered as an SME) "
        "whose completion of a training for SME managers (skills for smart specialisation, "
        "industrial transition and entrepreneurship) the provider recorded; the training need "
        "not be cross-border. Reported under the SME; dated on the completion."
    ),
)
def sme_staff_trained(ctx: Context) -> list[Evidence]:
    return [
        _evidence(p, p.completed, p.employer)
        for p in sources.training_participations(ctx)
        if p.status == counting.PARTICIPATION_COMPLETED
        and p.completed
        and p.employer is not None
        and counting.is_sme(ctx, p.employer)
        and counting.SME_TRAINING_AUDIENCE in p.audiences
    ]
