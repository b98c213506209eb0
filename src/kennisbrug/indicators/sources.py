"""Reads of the domain apps' activity, as small tuples (one read per source, memoised).

The apps register a reader per source (`kennisbrug.core.evidence_sources`) from
their `ready()`: a selector of their own that picks the records with their own
states. Here the rows become typed tuples with local dates; a source no app
registers gives no rows and `missing()` names the models it would need.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kennisbrug.core.evidence_sources import readers

from .evidence import Context, local_date

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
    return [] if source in readers else list(SOURCE_MODELS[source])


def _read(source: str) -> list[tuple]:
    reader = readers.get(source)
    return list(reader()) if reader is not None else []


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
        return [
            Intro(i, r, p, s, local_date(d or c)) for i, r, p, s, d, c in _read("introductions")
        ]

    return ctx.memo("src:introductions", load)


def bookings(ctx: Context) -> list[Booking]:
    def load():
        return [Booking(i, o, w, s, local_date(d)) for i, o, w, s, d in _read("bookings")]

    return ctx.memo("src:bookings", load)


def pilots(ctx: Context) -> list[Pilot]:
    def load():
        return [Pilot(*row) for row in _read("pilots")]

    return ctx.memo("src:pilots", load)


def vouchers(ctx: Context) -> list[Voucher]:
    def load():
        return [
            Voucher(i, t, a, p, q, s, local_date(ap), local_date(paid or dl))
            for i, t, a, p, q, s, ap, paid, dl in _read("vouchers")
        ]

    return ctx.memo("src:vouchers", load)


def ideas(ctx: Context) -> list[Idea]:
    def load():
        return [
            Idea(i, t, lead, s, tuple((org, local_date(joined)) for org, joined in partners))
            for i, t, lead, s, partners in _read("ideas")
        ]

    return ctx.memo("src:ideas", load)


def networks(ctx: Context) -> list[Network]:
    def load():
        result = []
        for i, name, owner, kind, created, members in _read("networks"):
            own = [(owner, local_date(created))]
            joined = [(org, local_date(when)) for org, when in members]
            result.append(
                Network(i, name, owner, kind, tuple(own + [m for m in joined if m[0] != owner]))
            )
        return result

    return ctx.memo("src:networks", load)


def challenge_awards(ctx: Context) -> list[Award]:
    def load():
        return [Award(c, t, o, s, local_date(d)) for c, t, o, s, d in _read("challenge_awards")]

    return ctx.memo("src:challenge_awards", load)


def trainings(ctx: Context) -> list[Training]:
    def load():
        return [Training(i, t, p, n or "", local_date(d)) for i, t, p, n, d in _read("trainings")]

    return ctx.memo("src:trainings", load)


class Participation(NamedTuple):
    id: int
    training: int
    title: str
    provider: int
    location_country: str  # the country of the training's location ("" when online)
    audiences: tuple[str, ...]
    person: int | str  # a user id, or a key of a person who deleted their data
    employer: int | None
    status: str
    enrolled: dt.date
    completed: dt.date | None


def training_participations(ctx: Context) -> list[Participation]:
    def load():
        return [
            Participation(
                i, t, title, p, c or "", tuple(a or ()), u, e, s, local_date(en), local_date(co)
            )
            for i, t, title, p, c, a, u, e, s, en, co in _read("training_participations")
        ]

    return ctx.memo("src:training_participations", load)
