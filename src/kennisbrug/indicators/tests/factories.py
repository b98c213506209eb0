"""Deterministic factories for the source rows the indicators count.

Indicators own no tables: they read one row per activity from the domain apps
(`kennisbrug.indicators.sources`). These factories build such rows, with traits for
the states the counting rules distinguish; organisations are given as ids.
"""

import datetime as dt

import factory

from kennisbrug.indicators import sources

DAY = dt.date(2024, 1, 15)


class IntroFactory(factory.Factory):
    class Meta:
        model = sources.Intro

    id = factory.Sequence(lambda n: n + 1)
    requester = 1
    provider = 2
    state = "requested"
    date = DAY

    class Params:
        accepted = factory.Trait(state="accepted")
        declined = factory.Trait(state="declined")


class BookingFactory(factory.Factory):
    class Meta:
        model = sources.Booking

    id = factory.Sequence(lambda n: n + 1)
    organisation = 1
    owner = 2
    status = "requested"
    date = DAY

    class Params:
        approved = factory.Trait(status="approved")
        completed = factory.Trait(status="completed")


class PilotFactory(factory.Factory):
    class Meta:
        model = sources.Pilot

    id = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Pilot {n}")
    company = 1
    lab = 10
    lab_owner = 2
    lab_partners = frozenset()
    status = "proposed"
    start = DAY
    end = factory.LazyAttribute(lambda p: p.start + dt.timedelta(days=90))
    solution_developed = None

    class Params:
        accepted = factory.Trait(status="accepted")
        completed = factory.Trait(status="completed", solution_developed=True)


class VoucherFactory(factory.Factory):
    class Meta:
        model = sources.Voucher

    id = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Voucher {n}")
    applicant = 1
    provider = 2
    partner = None
    status = "submitted"
    approved = None
    completed = None

    class Params:
        granted = factory.Trait(status="approved", approved=DAY)
        paid = factory.Trait(
            status="paid",
            approved=DAY,
            completed=factory.LazyAttribute(lambda v: v.approved + dt.timedelta(days=90)),
        )
        rejected = factory.Trait(status="rejected")


class IdeaFactory(factory.Factory):
    class Meta:
        model = sources.Idea

    id = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Idee {n}")
    lead = 1
    status = "draft"
    partners = factory.LazyAttribute(lambda i: ((i.lead, DAY),))

    class Params:
        ready = factory.Trait(status="ready")


class NetworkFactory(factory.Factory):
    class Meta:
        model = sources.Network

    id = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Netwerk {n}")
    owner = 1
    kind = "network"
    members = factory.LazyAttribute(lambda n: ((n.owner, DAY),))

    class Params:
        cluster = factory.Trait(kind="cluster")


class AwardFactory(factory.Factory):
    class Meta:
        model = sources.Award

    challenge = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Uitdaging {n}")
    owner = 1
    solver = 2
    date = DAY


class TrainingFactory(factory.Factory):
    class Meta:
        model = sources.Training

    id = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Opleiding {n}")
    provider = 1
    nuts3 = "BE234"
    date = DAY
