"""Shared counting rules: which states count, what "cross-border" and "joint" mean.

The state values are the domain apps' own (their constants.py); they are repeated
here as plain strings so the indicators keep working while an app has not landed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .constants import PROGRAMME_COUNTRIES
from .evidence import Context
from .sources import Network, Pilot, Voucher

INTRODUCTION_ACCEPTED = "accepted"  # innovation.IntroductionState.ACCEPTED
BOOKING_USED = frozenset({"approved", "completed"})  # facilities.constants.USED_STATES
PILOT_RUNNING = frozenset({"accepted", "completed"})  # facilities.PilotStatus
PILOT_COMPLETED = "completed"
VOUCHER_GRANTED = frozenset({"approved", "in_progress", "delivered", "paid"})  # vouchers
VOUCHER_COMPLETED = "paid"
IDEA_JOINT = frozenset({"ready"})  # projects.IdeaStatus.READY: a consortium ready for intake


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


PARTICIPATION_ACTIVE = frozenset({"enrolled", "completed"})  # skills.ParticipationStatus
PARTICIPATION_COMPLETED = "completed"
SME_TRAINING_AUDIENCE = "sme_managers"  # skills.TrainingAudience.SME_MANAGERS


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
    return org is not None and org.type == "sme"  # organisations.OrganisationType.SME
