"""Usage reports per facility and per owner organisation, and the table behind their CSV export.

A booking counts for the period in which it starts. Booked hours are the real elapsed
hours of approved and completed bookings; utilisation is booked hours / open hours
(opening hours in the period; a facility without opening hours is open around the clock).
Revenue is the sum of the frozen quotes (EUR, excl. VAT). Shares are of booked hours.
"""

from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from .booking_rules import open_hours
from .constants import USED_STATES, BookingStatus, CustomerClass
from .models import Booking, Facility
from .selectors import facility_slots

ZERO = Decimal("0.00")
PCT = Decimal("0.1")


def _share(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (part * 100 / whole).quantize(PCT, rounding=ROUND_HALF_UP)


def _empty_class() -> dict:
    return {"bookings": 0, "hours": ZERO, "revenue": ZERO}


def _summarise(bookings, facility_country: str | None, opened: Decimal) -> dict:
    by_class = {c.value: _empty_class() for c in CustomerClass}
    booked = sme = cross = revenue = ZERO
    counts: defaultdict[str, int] = defaultdict(int)
    for booking in bookings:
        counts[booking.status] += 1
        if booking.status not in USED_STATES:
            continue
        row = by_class[booking.customer_class]
        row["bookings"] += 1
        row["hours"] += booking.hours
        row["revenue"] += booking.price
        booked += booking.hours
        revenue += booking.price
        if booking.customer_class == CustomerClass.SME:
            sme += booking.hours
        country = facility_country or booking.facility.country_id
        if booking.organisation.country_id != country:
            cross += booking.hours
    return {
        "open_hours": opened,
        "booked_hours": booked,
        "utilisation_percent": _share(booked, opened),
        "revenue": revenue,
        "bookings": sum(row["bookings"] for row in by_class.values()),
        "requests": sum(counts.values()),
        "rejected": counts[BookingStatus.REJECTED],
        "cancelled": counts[BookingStatus.CANCELLED],
        "by_class": by_class,
        "sme_hours": sme,
        "sme_share_percent": _share(sme, booked),
        "cross_border_hours": cross,
        "cross_border_share_percent": _share(cross, booked),
    }


def _bookings(facility_ids, start: datetime, end: datetime):
    return Booking.objects.filter(
        facility_id__in=facility_ids, start__gte=start, start__lt=end
    ).select_related("organisation", "facility")


def facility_usage(*, facility: Facility, start: datetime, end: datetime) -> dict:
    opened = open_hours(facility_slots(facility=facility), start, end)
    report = _summarise(_bookings([facility.pk], start, end), facility.country_id, opened)
    return {"facility": facility, "start": start, "end": end, **report}


def organisation_usage(*, organisation, start: datetime, end: datetime) -> dict:
    facilities = list(organisation.facilities.prefetch_related("opening_hours").order_by("name"))
    rows = [facility_usage(facility=f, start=start, end=end) for f in facilities]
    opened = sum((row["open_hours"] for row in rows), ZERO)
    totals = _summarise(_bookings([f.pk for f in facilities], start, end), None, opened)
    return {"organisation": organisation, "start": start, "end": end, "facilities": rows, **totals}


CSV_HEADER = [
    "facility_id",
    "facility",
    "period_start",
    "period_end",
    "open_hours",
    "booked_hours",
    "utilisation_percent",
    "customer_class",
    "bookings",
    "hours",
    "revenue_eur",
    "sme_share_percent",
    "cross_border_share_percent",
]


def usage_table(rows: list[dict]) -> tuple[list[str], list[list]]:
    """One line per facility and customer class, plus an "all" line per facility."""
    table = []
    for row in rows:
        facility = row["facility"]
        common = [
            facility.pk,
            facility.name,
            row["start"].isoformat(),
            row["end"].isoformat(),
            row["open_hours"],
            row["booked_hours"],
            row["utilisation_percent"],
        ]
        shares = [row["sme_share_percent"], row["cross_border_share_percent"]]
        table.append(
            [*common, "all", row["bookings"], row["booked_hours"], row["revenue"], *shares]
        )
        for cls, data in row["by_class"].items():
            table.append([*common, cls, data["bookings"], data["hours"], data["revenue"], *shares])
    return CSV_HEADER, table
