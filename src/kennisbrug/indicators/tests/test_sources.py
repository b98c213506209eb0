"""The source readers against the domain apps' real models, and the indicators computed
end to end from real records."""

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


def test_every_source_has_its_models():
    """Every source has its models, including the training participations."""
    assert all(sources.available(name) for name in sources.SOURCE_MODELS)
    for code in ("RCO85", "RCR81", "RCR98", "RCO01", "RCO87", "RCR84", "RCR104"):
        assert get_indicator(code).wired and get_indicator(code).missing_models() == []


def member(org):
    """An active admin of `org` (who may act for it in every service)."""
    from kennisbrug.organisations.tests.factories import MembershipFactory

    return MembershipFactory(organisation=org, admin=True).user


def units(code):
    """The counted units' labels: (in the programme area, outside it)."""
    from kennisbrug.indicators.selectors import indicator_units

    rows = indicator_units(ctx=Context(), indicator=get_indicator(code), filters=Filters())
    return (
        sorted(r.label for r in rows if r.in_area),
        sorted(r.label for r in rows if not r.in_area),
    )


def _introduce(requester, provider, *, accept=None):
    from kennisbrug.innovation import services

    intro = services.introduction_request(
        requested_by=member(requester),
        requester_organisation=requester,
        provider_organisation=provider,
        message="Graag kennismaken.",
    )
    if accept is True:
        intro = services.introduction_transition(action="accept", obj=intro, actor=member(provider))
    elif accept is False:
        intro = services.introduction_transition(
            action="decline", obj=intro, actor=member(provider)
        )
    return intro


def test_innovation_introductions():
    from django.utils import timezone

    from kennisbrug.indicators.public import _counts
    from kennisbrug.indicators.selectors import OUTSIDE

    assert sources.available("introductions")
    sme_be = OrganisationFactory(name="Kmo Gent")
    sme_bxl = OrganisationFactory(name="Kmo Brussel", brussels=True)
    sme_nl = OrganisationFactory(name="Mkb Eindhoven", dutch=True)
    ki_be = OrganisationFactory(name="Universiteit Gent", knowledge_institution=True)
    ki_nl = OrganisationFactory(name="Hogeschool Eindhoven", knowledge_institution=True, dutch=True)
    first = _introduce(sme_be, ki_nl, accept=True)  # cross-border
    _introduce(sme_be, ki_be, accept=True)  # same enterprise again; Belgian–Belgian
    _introduce(sme_nl, ki_be, accept=False)  # declined: no support
    _introduce(sme_nl, ki_nl)  # still requested: no support
    _introduce(sme_bxl, ki_nl, accept=True)  # Brussels: outside the programme area
    _introduce(ki_be, ki_nl, accept=True)  # a knowledge institution is not an enterprise

    ctx = Context()
    rows = {i.id: i for i in sources.introductions(ctx)}
    assert len(rows) == 6
    first.refresh_from_db()
    assert rows[first.id] == sources.Intro(
        first.id, sme_be.id, ki_nl.id, "accepted", timezone.localtime(first.decided_at).date()
    )
    assert value("RCO04") == (1, 1)  # Kmo Gent once; Kmo Brussel reported separately
    assert units("RCO04") == (["Kmo Gent"], ["Kmo Brussel"])
    assert value("RCO01") == (1, 1)
    assert value("RCO10") == (0, 0)  # an introduction is a contact, not cooperation
    assert value("RCO87") == (0, 0)
    assert value("RCR84") == (0, 0)  # no completed cooperation before
    counts = _counts(ctx)["introductions"]  # cross-border accepted, by the requester's province
    assert dict(counts) == {"BE23": 2, OUTSIDE: 1}  # Kmo Gent→NL, UGent→NL; Brussels→NL


def test_paid_voucher_then_introduction_is_still_cooperating():
    """RCR84: a cross-border voucher paid earlier, then a later accepted cross-border introduction."""
    import datetime as dt

    from django.utils import timezone

    from kennisbrug.vouchers.models import Application
    from kennisbrug.vouchers.tests.factories import Cast

    cast = Cast()
    app = cast.draft()
    cast.advance(app, "paid")
    now = timezone.now()
    Application.objects.filter(pk=app.pk).update(
        approved_at=now - dt.timedelta(days=60), paid_at=now - dt.timedelta(days=10)
    )
    assert value("RCR84") == (0, 0)  # nothing after the completion yet
    other_nl = OrganisationFactory(name="Mkb Eindhoven", dutch=True)
    _introduce(cast.applicant, other_nl, accept=True)
    _introduce(cast.applicant, OrganisationFactory(name="Kmo Gent 2"), accept=True)  # BE–BE
    assert value("RCR84") == (1, 0)
    assert units("RCR84") == (["Lasbedrijf Gent"], [])
    assert value("RCO01") == (1, 0)  # the voucher and the introductions: one enterprise
