"""The known small world every indicator test counts in.

Organisations are real rows (factories); the activity of the domain apps is given as
the source tuples the indicators read, so every counting rule can be tested exactly
whichever apps have landed. test_sources.py checks the source readers against the
apps' real models.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from kennisbrug.indicators import sources
from kennisbrug.indicators.sources import (
    Award,
    Booking,
    Idea,
    Intro,
    Network,
    Pilot,
    Training,
    Voucher,
)
from kennisbrug.organisations.constants import SizeClass
from kennisbrug.organisations.tests.factories import OrganisationFactory

D = dt.date


def _orgs():
    f = OrganisationFactory
    return SimpleNamespace(
        sme_be=f(name="Gentse Kmo", size_class=SizeClass.SMALL),
        sme_be_micro=f(
            name="Antwerpse Micro", postcode="2000", city="Antwerpen", size_class=SizeClass.MICRO
        ),
        sme_nl=f(name="Eindhovense Mkb", dutch=True, size_class=SizeClass.MEDIUM),
        large_nl=f(name="Zeeuws Groot", large=True, country_id="NL", postcode="4331"),
        sme_nl2=f(name="Maastrichtse Mkb", country_id="NL", postcode="6211"),
        sme_bxl=f(name="Brusselse Kmo", brussels=True),
        sme_ams=f(name="Amsterdamse Mkb", country_id="NL", postcode="1011"),
        ki_be=f(name="Gentse Universiteit", knowledge_institution=True),
        ki_nl=f(name="Eindhovense Hogeschool", knowledge_institution=True, dutch=True),
    )


def build_world(today: dt.date):
    o = _orgs()
    future = today + dt.timedelta(days=30)
    rows = {
        "introductions": [
            Intro(1, o.sme_be.id, o.ki_nl.id, "accepted", D(2024, 2, 10)),
            Intro(2, o.sme_be.id, o.ki_be.id, "accepted", D(2024, 5, 1)),
            Intro(3, o.sme_nl.id, o.ki_be.id, "declined", D(2024, 5, 2)),
            Intro(4, o.sme_bxl.id, o.ki_nl.id, "accepted", D(2024, 3, 1)),
            Intro(5, o.sme_nl.id, o.ki_be.id, "accepted", D(2024, 10, 1)),
        ],
        "bookings": [
            Booking(1, o.sme_nl.id, o.ki_nl.id, "approved", D(2024, 4, 2)),
            Booking(2, o.large_nl.id, o.large_nl.id, "completed", D(2024, 4, 3)),
            Booking(3, o.sme_nl2.id, o.ki_be.id, "requested", D(2024, 4, 4)),
        ],
        "pilots": [
            Pilot(
                1,
                "Slimme dijk",
                o.sme_nl2.id,
                10,
                o.ki_be.id,
                frozenset(),
                "completed",
                D(2024, 1, 15),
                D(2024, 6, 30),
                True,
            ),
            Pilot(
                2,
                "Drone-inspectie",
                o.sme_be_micro.id,
                11,
                o.sme_be.id,
                frozenset({o.ki_nl.id}),
                "accepted",
                D(2024, 8, 1),
                D(2024, 12, 1),
                None,
            ),
            Pilot(
                3,
                "Voorstel",
                o.sme_nl.id,
                10,
                o.ki_be.id,
                frozenset(),
                "proposed",
                D(2024, 9, 1),
                D(2024, 10, 1),
                None,
            ),
            Pilot(
                4,
                "Later",
                o.sme_nl.id,
                10,
                o.ki_be.id,
                frozenset(),
                "accepted",
                future,
                future,
                None,
            ),
        ],
        "vouchers": [
            Voucher(
                1,
                "Sensoranalyse",
                o.sme_nl.id,
                o.ki_be.id,
                None,
                "paid",
                D(2024, 2, 1),
                D(2024, 5, 15),
            ),
            Voucher(
                2, "Tweede voucher", o.sme_nl.id, o.ki_nl.id, None, "approved", D(2024, 9, 1), None
            ),
            Voucher(3, "Afgewezen", o.sme_be.id, o.ki_nl.id, None, "rejected", None, None),
            Voucher(
                4, "Van buiten", o.sme_ams.id, o.ki_be.id, None, "approved", D(2024, 6, 1), None
            ),
        ],
        "ideas": [
            Idea(
                1,
                "Waterstofcorridor",
                o.sme_be.id,
                "ready",
                (
                    (o.sme_be.id, D(2024, 1, 5)),
                    (o.ki_nl.id, D(2024, 1, 20)),
                    (o.large_nl.id, D(2024, 2, 3)),
                ),
            ),
            Idea(
                2,
                "Concept",
                o.sme_nl.id,
                "draft",
                ((o.sme_nl.id, D(2024, 1, 5)), (o.ki_nl.id, D(2024, 1, 6))),
            ),
            Idea(
                3,
                "Nederlands-Nederlands",
                o.sme_nl2.id,
                "ready",
                ((o.sme_nl2.id, D(2024, 3, 5)), (o.ki_nl.id, D(2024, 3, 6))),
            ),
        ],
        "networks": [
            Network(
                1,
                "Fotonica-cluster",
                o.ki_be.id,
                "cluster",
                (
                    (o.ki_be.id, D(2024, 1, 1)),
                    (o.sme_nl.id, D(2024, 3, 10)),
                    (o.sme_be.id, D(2024, 2, 1)),
                ),
            ),
            Network(
                2,
                "Limburgs netwerk",
                o.ki_nl.id,
                "network",
                ((o.ki_nl.id, D(2024, 1, 1)), (o.sme_nl2.id, D(2024, 2, 1))),
            ),
        ],
        "challenge_awards": [
            Award(1, "Circulair beton", o.large_nl.id, o.sme_be.id, D(2024, 7, 1))
        ],
        "trainings": [Training(1, "Lassen", o.ki_be.id, "BE234", D(2024, 1, 1))],
    }
    return o, rows


@pytest.fixture
def world(db, monkeypatch):
    """The organisations of the small world, with its activity patched into the sources."""
    from django.utils import timezone

    orgs, rows = build_world(timezone.localdate())
    for name, value in rows.items():
        monkeypatch.setattr(sources, name, lambda ctx, value=value: value)
    monkeypatch.setattr(sources, "missing", lambda source: [])
    return orgs


@pytest.fixture
def people(db):
    from kennisbrug.accounts.tests.factories import UserFactory

    return SimpleNamespace(
        secretariat=UserFactory(secretariat=True),
        intermediary=UserFactory(intermediary=True),
        plain=UserFactory(),
    )
