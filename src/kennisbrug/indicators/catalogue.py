"""The programme indicators, one small function each. Counting rules: docs/indicators.md.

Each function returns evidence; `selectors` counts distinct units among the evidence
that passes the filters. Keep the rule text (shown on the page) in step with the code.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from . import counting, sources
from .constants import Kind, Unit
from .evidence import Context, Evidence
from .registry import register


def _org(org_id: int) -> str:
    return f"org:{org_id}"


@register(
    "RCO02",
    unit=Unit.ORGANISATION,
    sources=("vouchers",),
    by_size_class=True,
    rule=_(
        "Distinct enterprises (SMEs and large enterprises) that applied for a voucher which was "
        "approved (approved, in progress, delivered or paid), dated on the approval. Rejected, "
        "withdrawn and expired applications do not count."
    ),
)
def grants(ctx: Context) -> list[Evidence]:
    return [
        Evidence(
            _org(v.applicant),
            v.applicant,
            v.approved or v.completed or ctx.today,
            Kind.VOUCHER,
            v.id,
            v.title,
            v.provider,
        )
        for v in sources.vouchers(ctx)
        if v.status in counting.VOUCHER_GRANTED and counting.is_enterprise(ctx, v.applicant)
    ]


@register(
    "RCO04",
    unit=Unit.ORGANISATION,
    sources=("introductions", "bookings", "pilots"),
    by_size_class=True,
    rule=_(
        "Distinct enterprises that received non-financial support: an introduction they asked "
        "for was accepted (dated on the acceptance), they used a research facility of another "
        "organisation (approved or completed booking, dated on its start), or they run a pilot "
        "in another organisation's living lab (accepted or completed, dated on its start)."
    ),
)
def non_financial(ctx: Context) -> list[Evidence]:
    out = []
    for i in sources.introductions(ctx):
        if i.state == counting.INTRODUCTION_ACCEPTED and counting.is_enterprise(ctx, i.requester):
            out.append(
                Evidence(
                    _org(i.requester), i.requester, i.date, Kind.INTRODUCTION, i.id, "", i.provider
                )
            )
    for b in sources.bookings(ctx):
        if (
            b.status in counting.BOOKING_USED
            and b.organisation != b.owner
            and counting.is_enterprise(ctx, b.organisation)
        ):
            out.append(
                Evidence(
                    _org(b.organisation), b.organisation, b.date, Kind.BOOKING, b.id, "", b.owner
                )
            )
    for p in sources.pilots(ctx):
        if counting.pilot_is_joint(ctx, p) and counting.is_enterprise(ctx, p.company):
            out.append(
                Evidence(
                    _org(p.company), p.company, p.start, Kind.PILOT, p.id, p.title, p.lab_owner
                )
            )
    return out


@register(
    "RCO01",
    unit=Unit.ORGANISATION,
    sources=("vouchers", "introductions", "bookings", "pilots"),
    by_size_class=True,
    rule=_(
        "Distinct enterprises supported in any way counted under RCO02 (grants) or RCO04 "
        "(non-financial support); an enterprise supported both ways or several times counts "
        "once. Split by size class (micro, small, medium, large) as the registry records it."
    ),
)
def supported(ctx: Context) -> list[Evidence]:
    return _evidence_of(ctx, "RCO02") + _evidence_of(ctx, "RCO04")


@register(
    "RCO07",
    unit=Unit.ORGANISATION,
    sources=("ideas", "pilots"),
    rule=_(
        "Distinct knowledge institutions taking part in joint research: a registered partner of "
        "a project idea that is ready for intake with at least two registered organisations "
        "(dated when it joined), or owner or partner of a living lab in which another "
        "organisation runs an accepted or completed pilot (dated on the pilot's start)."
    ),
)
def research_organisations(ctx: Context) -> list[Evidence]:
    out = []
    for idea in counting.joint_idea_partners(sources.ideas(ctx)):
        for org_id, joined in idea.partners:
            if counting.is_research(ctx, org_id):
                out.append(
                    Evidence(
                        _org(org_id), org_id, joined, Kind.PROJECT, idea.id, idea.title, idea.lead
                    )
                )
    for p in sources.pilots(ctx):
        if counting.pilot_is_joint(ctx, p):
            for org_id in {p.lab_owner, *p.lab_partners} - {p.company}:
                if counting.is_research(ctx, org_id):
                    out.append(
                        Evidence(
                            _org(org_id), org_id, p.start, Kind.PILOT, p.id, p.title, p.company
                        )
                    )
    return out


@register(
    "RCO10",
    unit=Unit.ORGANISATION,
    sources=("ideas", "pilots"),
    rule=_(
        "Distinct enterprises doing joint work with a knowledge institution: partners in the "
        "same project idea ready for intake, or a pilot the enterprise runs in a living lab owned "
        "or partnered by a knowledge institution. Buying a service is not cooperation: knowledge "
        "vouchers, facility bookings and introductions alone never count here, because in those "
        "the institution only delivers to a client; the platform counts an enterprise only where "
        "both appear as partners in one joint activity."
    ),
)
def cooperating_with_research(ctx: Context) -> list[Evidence]:
    out = []
    for idea in counting.joint_idea_partners(sources.ideas(ctx)):
        research = [o for o, _ in idea.partners if counting.is_research(ctx, o)]
        if not research:
            continue
        for org_id, joined in idea.partners:
            if counting.is_enterprise(ctx, org_id):
                out.append(
                    Evidence(
                        _org(org_id), org_id, joined, Kind.PROJECT, idea.id, idea.title, research[0]
                    )
                )
    for p in sources.pilots(ctx):
        if counting.pilot_is_joint(ctx, p) and counting.is_enterprise(ctx, p.company):
            research = sorted(
                o for o in {p.lab_owner, *p.lab_partners} if counting.is_research(ctx, o)
            )
            if research:
                out.append(
                    Evidence(
                        _org(p.company), p.company, p.start, Kind.PILOT, p.id, p.title, research[0]
                    )
                )
    return out


@register(
    "RCO84",
    unit=Unit.ITEM,
    sources=("pilots",),
    rule=_(
        "Pilots developed jointly by a company and the living lab of another organisation that "
        "are implemented: accepted and started, or completed. Counted per pilot, reported under "
        "the company's location, dated on the pilot's start."
    ),
)
def pilot_actions(ctx: Context) -> list[Evidence]:
    return [
        Evidence(f"pilot:{p.id}", p.company, p.start, Kind.PILOT, p.id, p.title, p.lab_owner)
        for p in sources.pilots(ctx)
        if counting.pilot_is_joint(ctx, p)
    ]


@register(
    "RCO87",
    unit=Unit.ORGANISATION,
    sources=("ideas", "networks", "pilots", "vouchers"),
    rule=_(
        "Distinct organisations in a cooperation with partners from both Belgium and the "
        "Netherlands: partners of a project idea ready for intake, members of a cluster or "
        "network, company and living-lab owner of a joint pilot, applicant, provider and partner "
        "of an approved voucher. A Dutch–Dutch or Belgian–Belgian cooperation does not count; "
        "introductions and bookings are contacts and purchases, not cooperation."
    ),
)
def cooperating_across_borders(ctx: Context) -> list[Evidence]:
    out = []
    for idea in sources.ideas(ctx):
        if idea.status in counting.IDEA_JOINT and counting.is_cross_border(
            ctx, [o for o, _ in idea.partners]
        ):
            for org_id, joined in idea.partners:
                out.append(
                    Evidence(
                        _org(org_id), org_id, joined, Kind.PROJECT, idea.id, idea.title, idea.lead
                    )
                )
    for network in sources.networks(ctx):
        crossed = counting.network_crossing_date(ctx, network)
        if crossed:
            for org_id, joined in network.members:
                out.append(
                    Evidence(
                        _org(org_id),
                        org_id,
                        max(joined, crossed),
                        Kind.NETWORK,
                        network.id,
                        network.name,
                        network.owner,
                    )
                )
    for p in sources.pilots(ctx):
        if counting.pilot_is_joint(ctx, p) and counting.is_cross_border(
            ctx, [p.company, p.lab_owner]
        ):
            out.append(
                Evidence(
                    _org(p.company), p.company, p.start, Kind.PILOT, p.id, p.title, p.lab_owner
                )
            )
            out.append(
                Evidence(
                    _org(p.lab_owner), p.lab_owner, p.start, Kind.PILOT, p.id, p.title, p.company
                )
            )
    for v in sources.vouchers(ctx):
        parties = counting.voucher_parties(v)
        if v.status in counting.VOUCHER_GRANTED and counting.is_cross_border(ctx, parties):
            for org_id in parties:
                other = v.provider if org_id != v.provider else v.applicant
                out.append(
                    Evidence(
                        _org(org_id),
                        org_id,
                        v.approved or ctx.today,
                        Kind.VOUCHER,
                        v.id,
                        v.title,
                        other,
                    )
                )
    return out


@register(
    "RCO90",
    unit=Unit.ITEM,
    sources=("networks",),
    rule=_(
        "Clusters and knowledge networks whose coordinator and accepted members include "
        "organisations from both Belgium and the Netherlands; counted per network, reported under "
        "the coordinator's location, dated when it first had members on both sides."
    ),
)
def networks_across_borders(ctx: Context) -> list[Evidence]:
    out = []
    for network in sources.networks(ctx):
        crossed = counting.network_crossing_date(ctx, network)
        if crossed:
            out.append(
                Evidence(
                    f"network:{network.id}",
                    network.owner,
                    crossed,
                    Kind.NETWORK,
                    network.id,
                    network.name,
                )
            )
    return out


@register(
    "RCO116",
    unit=Unit.ITEM,
    sources=("pilots",),
    rule=_(
        "Solutions developed jointly: pilots of a company in another organisation's living lab "
        "that were completed with the result 'solution developed'; counted per pilot, dated on "
        "its end date."
    ),
)
def joint_solutions(ctx: Context) -> list[Evidence]:
    return [
        Evidence(f"pilot:{p.id}", p.company, p.end, Kind.PILOT, p.id, p.title, p.lab_owner)
        for p in sources.pilots(ctx)
        if p.status == counting.PILOT_COMPLETED
        and p.solution_developed
        and p.company != p.lab_owner
    ]


@register(
    "RCR104",
    unit=Unit.ITEM,
    sources=("challenge_awards",),
    rule=_(
        "Solutions taken up: open-innovation challenges in which the posting organisation "
        "selected another organisation's solution to take up; counted per challenge, reported "
        "under the organisation taking it up, dated on the selection."
    ),
)
def solutions_taken_up(ctx: Context) -> list[Evidence]:
    return [
        Evidence(
            f"challenge:{a.challenge}",
            a.owner,
            a.date,
            Kind.CHALLENGE,
            a.challenge,
            a.title,
            a.solver,
        )
        for a in sources.challenge_awards(ctx)
        if a.owner != a.solver
    ]


@register(
    "RCR84",
    unit=Unit.ORGANISATION,
    sources=("pilots", "vouchers"),
    rule=_(
        "Distinct organisations that completed a cross-border cooperation (a joint pilot "
        "completed, or a voucher paid) and afterwards still cooperate across the border: any "
        "cooperation counted under RCO87, or an accepted cross-border introduction, dated after "
        "that completion. The evidence is the later cooperation."
    ),
)
def still_cooperating(ctx: Context) -> list[Evidence]:
    completed: dict[int, dt.date] = {}
    for p in sources.pilots(ctx):
        if (
            p.status == counting.PILOT_COMPLETED
            and p.company != p.lab_owner
            and counting.is_cross_border(ctx, [p.company, p.lab_owner])
        ):
            for org_id in (p.company, p.lab_owner):
                completed[org_id] = min(p.end, completed.get(org_id, p.end))
    for v in sources.vouchers(ctx):
        if (
            v.status == counting.VOUCHER_COMPLETED
            and v.completed
            and counting.is_cross_border(ctx, counting.voucher_parties(v))
        ):
            for org_id in counting.voucher_parties(v):
                completed[org_id] = min(v.completed, completed.get(org_id, v.completed))
    later = list(_evidence_of(ctx, "RCO87"))
    for i in sources.introductions(ctx):
        if (
            i.state == counting.INTRODUCTION_ACCEPTED
            and (i.requester in completed or i.provider in completed)
            and counting.is_cross_border(ctx, [i.requester, i.provider])
        ):
            later.append(
                Evidence(
                    _org(i.requester), i.requester, i.date, Kind.INTRODUCTION, i.id, "", i.provider
                )
            )
            later.append(
                Evidence(
                    _org(i.provider), i.provider, i.date, Kind.INTRODUCTION, i.id, "", i.requester
                )
            )
    return [
        ev
        for ev in later
        if ev.organisation_id in completed and ev.date > completed[ev.organisation_id]
    ]


def _evidence_of(ctx: Context, code: str) -> list[Evidence]:
    """Another indicator's evidence, read once per context."""
    from .registry import REGISTRY

    return REGISTRY[code].evidence(ctx)


from . import training  # noqa: E402, F401  (registers RCO85, RCR81, RCR98)
