"""The known small world every indicator test counts in.

Organisations are real rows (factories); the activity of the domain apps is given as
the source tuples the indicators read, so every counting rule can be tested exactly
apart from the apps' models. test_sources.py checks the source readers against the
apps' real models.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from kennisbrug.indicators import sources
from kennisbrug.organisations.constants import SizeClass
from kennisbrug.organisations.tests.factories import OrganisationFactory

from .factories import (
    AwardFactory,
    BookingFactory,
    IdeaFactory,
    IntroFactory,
    NetworkFactory,
    PilotFactory,
    TrainingFactory,
    VoucherFactory,
)

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
            IntroFactory(
                id=1, requester=o.sme_be.id, provider=o.ki_nl.id, accepted=True, date=D(2024, 2, 10)
            ),
            IntroFactory(
                id=2, requester=o.sme_be.id, provider=o.ki_be.id, accepted=True, date=D(2024, 5, 1)
            ),
            IntroFactory(
                id=3, requester=o.sme_nl.id, provider=o.ki_be.id, declined=True, date=D(2024, 5, 2)
            ),
            IntroFactory(
                id=4, requester=o.sme_bxl.id, provider=o.ki_nl.id, accepted=True, date=D(2024, 3, 1)
            ),
            IntroFactory(
                id=5, requester=o.sme_nl.id, provider=o.ki_be.id, accepted=True, date=D(2024, 10, 1)
            ),
        ],
        "bookings": [
            BookingFactory(
                id=1, organisation=o.sme_nl.id, owner=o.ki_nl.id, approved=True, date=D(2024, 4, 2)
            ),
            BookingFactory(
                id=2,
                organisation=o.large_nl.id,
                owner=o.large_nl.id,
                completed=True,
                date=D(2024, 4, 3),
            ),
            BookingFactory(id=3, organisation=o.sme_nl2.id, owner=o.ki_be.id, date=D(2024, 4, 4)),
        ],
        "pilots": [
            PilotFactory(
                id=1,
                title="Slimme dijk",
                company=o.sme_nl2.id,
                lab=10,
                lab_owner=o.ki_be.id,
                completed=True,
                start=D(2024, 1, 15),
                end=D(2024, 6, 30),
            ),
            PilotFactory(
                id=2,
                title="Drone-inspectie",
                company=o.sme_be_micro.id,
                lab=11,
                lab_owner=o.sme_be.id,
                lab_partners=frozenset({o.ki_nl.id}),
                accepted=True,
                start=D(2024, 8, 1),
                end=D(2024, 12, 1),
            ),
            PilotFactory(
                id=3,
                title="Voorstel",
                company=o.sme_nl.id,
                lab=10,
                lab_owner=o.ki_be.id,
                start=D(2024, 9, 1),
                end=D(2024, 10, 1),
            ),
            PilotFactory(
                id=4,
                title="Later",
                company=o.sme_nl.id,
                lab=10,
                lab_owner=o.ki_be.id,
                accepted=True,
                start=future,
                end=future,
            ),
        ],
        "vouchers": [
            VoucherFactory(
                id=1,
                title="Sensoranalyse",
                applicant=o.sme_nl.id,
                provider=o.ki_be.id,
                paid=True,
                approved=D(2024, 2, 1),
                completed=D(2024, 5, 15),
            ),
            VoucherFactory(
                id=2,
                title="Tweede voucher",
                applicant=o.sme_nl.id,
                provider=o.ki_nl.id,
                granted=True,
                approved=D(2024, 9, 1),
            ),
            VoucherFactory(
                id=3, title="Afgewezen", applicant=o.sme_be.id, provider=o.ki_nl.id, rejected=True
            ),
            VoucherFactory(
                id=4,
                title="Van buiten",
                applicant=o.sme_ams.id,
                provider=o.ki_be.id,
                granted=True,
                approved=D(2024, 6, 1),
            ),
        ],
        "ideas": [
            IdeaFactory(
                id=1,
                title="Waterstofcorridor",
                lead=o.sme_be.id,
                ready=True,
                partners=(
                    (o.sme_be.id, D(2024, 1, 5)),
                    (o.ki_nl.id, D(2024, 1, 20)),
                    (o.large_nl.id, D(2024, 2, 3)),
                ),
            ),
            IdeaFactory(
                id=2,
                title="Concept",
                lead=o.sme_nl.id,
                partners=((o.sme_nl.id, D(2024, 1, 5)), (o.ki_nl.id, D(2024, 1, 6))),
            ),
            IdeaFactory(
                id=3,
                title="Nederlands-Nederlands",
                lead=o.sme_nl2.id,
                ready=True,
                partners=((o.sme_nl2.id, D(2024, 3, 5)), (o.ki_nl.id, D(2024, 3, 6))),
            ),
        ],
        "networks": [
            NetworkFactory(
                id=1,
                name="Fotonica-cluster",
                owner=o.ki_be.id,
                cluster=True,
                members=(
                    (o.ki_be.id, D(2024, 1, 1)),
                    (o.sme_nl.id, D(2024, 3, 10)),
                    (o.sme_be.id, D(2024, 2, 1)),
                ),
            ),
            NetworkFactory(
                id=2,
                name="Limburgs netwerk",
                owner=o.ki_nl.id,
                members=((o.ki_nl.id, D(2024, 1, 1)), (o.sme_nl2.id, D(2024, 2, 1))),
            ),
        ],
        "challenge_awards": [
            AwardFactory(
                challenge=1,
                title="Circulair beton",
                owner=o.large_nl.id,
                solver=o.sme_be.id,
                date=D(2024, 7, 1),
            )
        ],
        "trainings": [
            TrainingFactory(
                id=1, title="Lassen", provider=o.ki_be.id, nuts3="BE234", date=D(2024, 1, 1)
            )
        ],
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
