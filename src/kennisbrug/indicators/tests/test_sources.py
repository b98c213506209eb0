"""The source readers against the domain apps' real models (for the apps that have landed),
and the indicators computed end to end from real records."""

import datetime as dt

import pytest

from kennisbrug.indicators import sources
from kennisbrug.indicators.evidence import Context, Filters
from kennisbrug.indicators.registry import get_indicator
from kennisbrug.indicators.selectors import indicator_result
from kennisbrug.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def value(code):
    r = indicator_result(ctx=Context(), indicator=get_indicator(code), filters=Filters())
    return r.value.value, r.outside.value


def test_facilities_bookings_and_pilots():
    from kennisbrug.facilities.tests.factories import (
        BookingFactory,
        FacilityFactory,
        LivingLabFactory,
        PilotFactory,
    )

    assert sources.available("bookings") and sources.available("pilots")
    ki_nl = OrganisationFactory(knowledge_institution=True, dutch=True)
    ki_be = OrganisationFactory(knowledge_institution=True)
    sme_be = OrganisationFactory(name="Kmo Gent")
    sme_be2 = OrganisationFactory(name="Kmo Gent 2")
    facility = FacilityFactory(owner=ki_nl)
    booking = BookingFactory(facility=facility, organisation=sme_be, approved=True)
    BookingFactory(facility=facility, organisation=sme_be2)  # requested: does not count
    lab = LivingLabFactory(owner=ki_nl)
    lab.partners.add(ki_be)
    today = dt.date.today()
    pilot = PilotFactory(
        living_lab=lab,
        organisation=sme_be2,
        status="completed",
        start_date=today - dt.timedelta(days=100),
        end_date=today - dt.timedelta(days=10),
        solution_developed=True,
    )

    ctx = Context()
    from django.utils import timezone

    assert [b for b in sources.bookings(ctx) if b.id == booking.id] == [
        sources.Booking(
            booking.id, sme_be.id, ki_nl.id, "approved", timezone.localtime(booking.start).date()
        )
    ]
    [p] = sources.pilots(ctx)
    assert (p.company, p.lab_owner, p.lab_partners, p.status, p.solution_developed) == (
        sme_be2.id,
        ki_nl.id,
        frozenset({ki_be.id}),
        "completed",
        True,
    )
    assert value("RCO04") == (2, 0)  # booking of Kmo Gent, pilot of Kmo Gent 2
    assert value("RCO84") == (1, 0)
    assert value("RCO116") == (1, 0)
    assert value("RCO07") == (2, 0)  # lab owner and lab partner
    assert value("RCO10") == (1, 0)  # the pilot; the booking is a purchase
    assert value("RCO87") == (2, 0)  # BE company, NL lab owner
    assert pilot.pk


def test_vouchers_applications():
    from kennisbrug.vouchers.tests.factories import Cast

    assert sources.available("vouchers")
    cast = Cast()
    paid = cast.draft()
    cast.advance(paid, "approved")
    ctx = Context()
    [v] = sources.vouchers(ctx)
    assert (v.applicant, v.provider, v.status) == (cast.applicant.id, cast.provider.id, "approved")
    assert v.approved is not None
    assert value("RCO02") == (1, 0)
    assert value("RCO87") == (2, 0)  # BE applicant, NL provider
    assert value("RCO10") == (0, 0)  # buying knowledge is not cooperation


def test_unlanded_sources_are_reported_missing():
    for name in ("training_participations",):
        assert not sources.available(name)
        assert sources.missing(name) == ["skills.TrainingParticipation"]
