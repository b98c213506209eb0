"""Reads of the domain apps' activity, as small tuples (one query per source, memoised).

Every source looks its models up by label, so an app that has not landed yet gives
no rows instead of an import error; `missing()` names what is not there. Field and
state names are those of the apps' own models and constants.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from .evidence import Context, get_model, local_date

# Which models each source needs (for "not wired yet" reporting).
SOURCE_MODELS = {
    "introductions": ("innovation.Introduction",),
    "bookings": ("facilities.Booking",),
    "pilots": ("facilities.Pilot", "facilities.LivingLab"),
    "vouchers": ("vouchers.Application",),
    "ideas": ("projects.ProjectIdea", "projects.IdeaPartner"),
    "networks": ("projects.Network", "projects.NetworkMembership"),
    "challenge_awards": ("projects.Challenge", "projects.ChallengeResponse"),
    "trainings": ("skills.Training",),
    "training_participations": ("skills.TrainingParticipation",),
}


def missing(source: str) -> list[str]:
    return [label for label in SOURCE_MODELS[source] if get_model(label) is None]


def available(source: str) -> bool:
    return not missing(source)


class Intro(NamedTuple):
    id: int
    requester: int
    provider: int
    state: str
    date: dt.date


class Booking(NamedTuple):
    id: int
    organisation: int
    owner: int
    status: str
    date: dt.date


class Pilot(NamedTuple):
    id: int
    title: str
    company: int
    lab: int
    lab_owner: int
    lab_partners: frozenset[int]
    status: str
    start: dt.date
    end: dt.date
    solution_developed: bool | None


class Voucher(NamedTuple):
    id: int
    title: str
    applicant: int
    provider: int
    partner: int | None
    status: str
    approved: dt.date | None
    completed: dt.date | None  # paid (or delivered) date


class Idea(NamedTuple):
    id: int
    title: str
    lead: int
    status: str
    partners: tuple[tuple[int, dt.date], ...]  # registry organisations and when they joined


class Network(NamedTuple):
    id: int
    name: str
    owner: int
    kind: str
    members: tuple[tuple[int, dt.date], ...]  # owner + accepted members, with join dates


class Award(NamedTuple):
    challenge: int
    title: str
    owner: int
    solver: int
    date: dt.date


class Training(NamedTuple):
    id: int
    title: str
    provider: int
    nuts3: str
    date: dt.date


def introductions(ctx: Context) -> list[Intro]:
    def load():
        model = get_model("innovation.Introduction")
        if model is None:
            return []
        rows = model.objects.values_list(
            "id",
            "requester_organisation_id",
            "provider_organisation_id",
            "state",
            "decided_at",
            "created_at",
        )
        return [Intro(i, r, p, s, local_date(d or c)) for i, r, p, s, d, c in rows.iterator()]

    return ctx.memo("src:introductions", load)


def bookings(ctx: Context) -> list[Booking]:
    def load():
        model = get_model("facilities.Booking")
        if model is None:
            return []
        rows = model.objects.values_list(
            "id", "organisation_id", "facility__owner_id", "status", "start"
        )
        return [Booking(i, o, w, s, local_date(d)) for i, o, w, s, d in rows.iterator()]

    return ctx.memo("src:bookings", load)


def pilots(ctx: Context) -> list[Pilot]:
    def load():
        pilot_model = get_model("facilities.Pilot")
        lab_model = get_model("facilities.LivingLab")
        if pilot_model is None or lab_model is None:
            return []
        partners = defaultdict(set)
        through = lab_model.partners.through
        for lab_id, org_id in through.objects.values_list("livinglab_id", "organisation_id"):
            partners[lab_id].add(org_id)
        rows = pilot_model.objects.values_list(
            "id",
            "title",
            "organisation_id",
            "living_lab_id",
            "living_lab__owner_id",
            "status",
            "start_date",
            "end_date",
            "solution_developed",
        )
        return [
            Pilot(i, t, c, lab, owner, frozenset(partners.get(lab, ())), s, start, end, sol)
            for i, t, c, lab, owner, s, start, end, sol in rows.iterator()
        ]

    return ctx.memo("src:pilots", load)


def vouchers(ctx: Context) -> list[Voucher]:
    def load():
        model = get_model("vouchers.Application")
        if model is None:
            return []
        rows = model.objects.values_list(
            "id",
            "title",
            "applicant_id",
            "provider_id",
            "partner_id",
            "status",
            "approved_at",
            "paid_at",
            "delivered_at",
        )
        return [
            Voucher(i, t, a, p, q, s, local_date(ap), local_date(paid or dl))
            for i, t, a, p, q, s, ap, paid, dl in rows.iterator()
        ]

    return ctx.memo("src:vouchers", load)


def ideas(ctx: Context) -> list[Idea]:
    def load():
        idea_model = get_model("projects.ProjectIdea")
        partner_model = get_model("projects.IdeaPartner")
        if idea_model is None or partner_model is None:
            return []
        partners = defaultdict(list)
        rows = partner_model.objects.filter(organisation__isnull=False).values_list(
            "idea_id", "organisation_id", "created_at"
        )
        for idea_id, org_id, created in rows.iterator():
            partners[idea_id].append((org_id, local_date(created)))
        return [
            Idea(i, t, lead, s, tuple(partners.get(i, ())))
            for i, t, lead, s in idea_model.objects.values_list(
                "id", "title", "lead_organisation_id", "status"
            ).iterator()
        ]

    return ctx.memo("src:ideas", load)


def networks(ctx: Context) -> list[Network]:
    def load():
        network_model = get_model("projects.Network")
        member_model = get_model("projects.NetworkMembership")
        if network_model is None or member_model is None:
            return []
        members = defaultdict(list)
        rows = member_model.objects.filter(status="accepted").values_list(
            "network_id", "organisation_id", "updated_at"
        )
        for network_id, org_id, joined in rows.iterator():
            members[network_id].append((org_id, local_date(joined)))
        result = []
        for i, name, owner, kind, created in network_model.objects.values_list(
            "id", "name", "owner_organisation_id", "kind", "created_at"
        ).iterator():
            own = [(owner, local_date(created))]
            result.append(
                Network(
                    i,
                    name,
                    owner,
                    kind,
                    tuple(own + [m for m in members.get(i, ()) if m[0] != owner]),
                )
            )
        return result

    return ctx.memo("src:networks", load)


def challenge_awards(ctx: Context) -> list[Award]:
    def load():
        model = get_model("projects.ChallengeResponse")
        if model is None:
            return []
        rows = model.objects.filter(status="selected").values_list(
            "challenge_id",
            "challenge__title",
            "challenge__owner_organisation_id",
            "organisation_id",
            "updated_at",
        )
        return [Award(c, t, o, s, local_date(d)) for c, t, o, s, d in rows.iterator()]

    return ctx.memo("src:challenge_awards", load)


def trainings(ctx: Context) -> list[Training]:
    def load():
        model = get_model("skills.Training")
        if model is None:
            return []
        rows = model.objects.filter(is_published=True).values_list(
            "id", "title", "provider_id", "nuts3_id", "created_at"
        )
        return [Training(i, t, p, n or "", local_date(d)) for i, t, p, n, d in rows.iterator()]

    return ctx.memo("src:trainings", load)


class Participation(NamedTuple):
    id: int
    training: int
    title: str
    provider: int
    location_country: str  # the country of the training's location ("" when online)
    audiences: tuple[str, ...]
    person: int
    employer: int | None
    status: str
    enrolled: dt.date
    completed: dt.date | None


def training_participations(ctx: Context) -> list[Participation]:
    def load():
        model = get_model("skills.TrainingParticipation")
        if model is None:
            return []
        rows = model.objects.values_list(
            "id",
            "training_id",
            "training__title",
            "training__provider_id",
            "training__nuts3__country_id",
            "training__audiences",
            "user_id",
            "employer_id",
            "status",
            "enrolled_at",
            "completed_at",
        )
        return [
            Participation(
                i, t, title, p, c or "", tuple(a or ()), u, e, s, local_date(en), local_date(co)
            )
            for i, t, title, p, c, a, u, e, s, en, co in rows.iterator()
        ]

    return ctx.memo("src:training_participations", load)
