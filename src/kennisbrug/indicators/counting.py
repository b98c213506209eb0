"""Shared counting rules: which states count, what "cross-border" and "joint" mean.

The state values are the domain apps' own (their public constants), as plain strings
because the source rows carry plain strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kennisbrug.facilities.constants import USED_STATES, PilotStatus
from kennisbrug.innovation.constants import IntroductionState
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.projects.constants import IdeaStatus
from kennisbrug.skills.constants import ParticipationStatus, TrainingAudience
from kennisbrug.vouchers.constants import ApplicationStatus

from .constants import PROGRAMME_COUNTRIES
from .evidence import Context
from .sources import Network, Pilot, Voucher

INTRODUCTION_ACCEPTED = IntroductionState.ACCEPTED.value
BOOKING_USED = frozenset(s.value for s in USED_STATES)
PILOT_RUNNING = frozenset({PilotStatus.ACCEPTED.value, PilotStatus.COMPLETED.value})
PILOT_COMPLETED = PilotStatus.COMPLETED.value
VOUCHER_GRANTED = frozenset(
    s.value
    for s in (
        ApplicationStatus.APPROVED,
        ApplicationStatus.IN_PROGRESS,
        ApplicationStatus.DELIVERED,
        ApplicationStatus.PAID,
    )
)
VOUCHER_COMPLETED = ApplicationStatus.PAID.value
IDEA_JOINT = frozenset({IdeaStatus.READY.value})  # a consortium ready for intake


def countries(ctx: Context, org_ids: Iterable[int]) -> set[str]:
    country_of = ctx.country_of
    return {country_of[o] for o in org_ids if o in country_of}


def is_cross_border(ctx: Context, org_ids: Iterable[int]) -> bool:
    """Both programme countries take part: a Dutch–Dutch (or Belgian–German) pair is not."""
    return set(PROGRAMME_COUNTRIES) <= countries(ctx, org_ids)


def is_enterprise(ctx: Context, org_id: int | None) -> bool:
    return org_id in ctx.enterprise_ids


def is_research(ctx: Context, org_id: int | None) -> bool:
    return org_id in ctx.research_ids


def pilot_is_joint(ctx: Context, pilot: Pilot) -> bool:
    """A pilot is joint when the company runs it in a living lab of another organisation."""
    return (
        pilot.company != pilot.lab_owner
        and pilot.status in PILOT_RUNNING
        and (pilot.status == PILOT_COMPLETED or pilot.start <= ctx.today)
    )


def voucher_parties(voucher: Voucher) -> list[int]:
    return [o for o in (voucher.applicant, voucher.provider, voucher.partner) if o]


def network_crossing_date(ctx: Context, network: Network) -> dt.date | None:
    """When a network first had members in both programme countries (None: never)."""
    first: dict[str, dt.date] = {}
    for org_id, joined in network.members:
        org = ctx.orgs.get(org_id)
        if org and org.country in PROGRAMME_COUNTRIES:
            first[org.country] = min(joined, first.get(org.country, joined))
    if len(first) < len(PROGRAMME_COUNTRIES):
        return None
    return max(first.values())


def joint_idea_partners(ideas) -> Iterable:
    """Ideas ready for intake with at least two registry organisations."""
    for idea in ideas:
        if idea.status in IDEA_JOINT and len({o for o, _ in idea.partners}) >= 2:
            yield idea


PARTICIPATION_ACTIVE = frozenset(
    {ParticipationStatus.ENROLLED.value, ParticipationStatus.COMPLETED.value}
)
PARTICIPATION_COMPLETED = ParticipationStatus.COMPLETED.value
SME_TRAINING_AUDIENCE = TrainingAudience.SME_MANAGERS.value


def joint_trainings(ctx: Context, participations) -> frozenset[int]:
    """Trainings that are joint (cross-border): offered to both programme countries.

    A training is joint when the countries of its provider, of its location (on-site
    and blended trainings) and of the employers of its participants who did not
    withdraw together include both Belgium and the Netherlands. So a Belgian provider's
    training given in the Netherlands is joint, and so is a training (online or not)
    that people employed on the other side of the border follow.
    """
    seen: dict[int, set[str]] = {}
    for p in participations:
        found = seen.setdefault(p.training, set())
        found |= countries(ctx, [p.provider])
        if p.location_country:
            found.add(p.location_country)
        if p.status in PARTICIPATION_ACTIVE and p.employer:
            found |= countries(ctx, [p.employer])
    return frozenset(t for t, found in seen.items() if set(PROGRAMME_COUNTRIES) <= found)


def is_sme(ctx: Context, org_id: int | None) -> bool:
    org = ctx.orgs.get(org_id) if org_id else None
    return org is not None and org.type == OrganisationType.SME
