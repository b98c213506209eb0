"""Booking rules and prices as pure functions: opening hours, validation, quotes.

Every datetime handed in must be time-zone aware. Arithmetic happens in UTC so that
durations are real elapsed time: a booking from Saturday 12:00 to Sunday 12:00 over
the spring daylight-saving change lasts 23 hours and is priced as 23 hours.

Pricing rule (documented for users on every facility page):
- hourly rate only: rate × elapsed hours;
- daily rate only: rate × the number of local calendar days the booking touches;
- both: whichever of the two is cheaper for the customer (a tie uses the hourly price);
- the amount is rounded half-up to whole cents only at the end. Prices exclude VAT.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kennisbrug.core.money import round_money

from .constants import LOCAL_TZ, MAX_BOOKING_MINUTES

CENT = Decimal("0.01")
MIDNIGHT = time(0, 0)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class WeeklySlot:
    weekday: int  # 0 = Monday
    opens: time
    closes: time  # 00:00 means the end of the day


@dataclass(frozen=True)
class Quote:
    customer_class: str
    hours: Decimal  # elapsed hours, rounded to cents for display
    days: int  # local calendar days touched
    amount: Decimal
    basis: str  # "hour" or "day"
    rate: Decimal

    def as_dict(self) -> dict:
        return {
            "customer_class": self.customer_class,
            "hours": str(self.hours),
            "days": self.days,
            "amount": str(self.amount),
            "basis": self.basis,
            "rate": str(self.rate),
            "currency": "EUR",
            "vat_included": False,
        }


def to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC)


def local_dates(start: datetime, end: datetime) -> list[date]:
    """The local calendar dates the half-open interval [start, end) touches."""
    first = to_utc(start).astimezone(LOCAL_TZ).date()
    last = (to_utc(end) - timedelta(microseconds=1)).astimezone(LOCAL_TZ).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _local(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LOCAL_TZ).astimezone(UTC)


def open_intervals(slots: list[WeeklySlot], start: datetime, end: datetime) -> list[Interval]:
    """Opening intervals (UTC, merged, clipped to [start, end)). No slots means always open."""
    start, end = to_utc(start), to_utc(end)
    if end <= start:
        return []
    if not slots:
        return [(start, end)]
    pieces: list[Interval] = []
    first = start.astimezone(LOCAL_TZ).date() - timedelta(days=1)
    last = end.astimezone(LOCAL_TZ).date()
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        for slot in slots:
            if slot.weekday != day.weekday():
                continue
            opens = _local(day, slot.opens)
            closes = (
                _local(day + timedelta(days=1), MIDNIGHT)
                if slot.closes == MIDNIGHT
                else _local(day, slot.closes)
            )
            lo, hi = max(opens, start), min(closes, end)
            if lo < hi:
                pieces.append((lo, hi))
    pieces.sort()
    merged: list[Interval] = []
    for lo, hi in pieces:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def subtract(intervals: list[Interval], holes: list[Interval]) -> list[Interval]:
    """What remains of sorted, disjoint `intervals` after removing `holes`."""
    result = []
    for lo, hi in intervals:
        pieces = [(lo, hi)]
        for h_lo, h_hi in holes:
            h_lo, h_hi = to_utc(h_lo), to_utc(h_hi)
            next_pieces = []
            for p_lo, p_hi in pieces:
                if h_hi <= p_lo or h_lo >= p_hi:
                    next_pieces.append((p_lo, p_hi))
                    continue
                if p_lo < h_lo:
                    next_pieces.append((p_lo, h_lo))
                if h_hi < p_hi:
                    next_pieces.append((h_hi, p_hi))
            pieces = next_pieces
        result.extend(pieces)
    return result


def is_open_throughout(slots: list[WeeklySlot], start: datetime, end: datetime) -> bool:
    intervals = open_intervals(slots, start, end)
    return len(intervals) == 1 and intervals[0] == (to_utc(start), to_utc(end))


def open_hours(slots: list[WeeklySlot], start: datetime, end: datetime) -> Decimal:
    seconds = sum((hi - lo).total_seconds() for lo, hi in open_intervals(slots, start, end))
    return (Decimal(int(seconds)) / Decimal(3600)).quantize(CENT, rounding=ROUND_HALF_UP)


def fitting_periods(
    free: list[Interval], duration: timedelta, *, count: int, step_minutes: int = 30
) -> list[Interval]:
    """The first `count` periods of `duration` inside the sorted `free` intervals.

    Starts fall on whole `step_minutes` (Europe/Brussels is a whole number of hours from
    UTC, so these are also whole local half hours); periods follow one another so that
    the choice spreads over the free time instead of shifting by half an hour.
    """
    step = timedelta(minutes=step_minutes)
    stride = max(step, step * -(-duration // step))  # the duration rounded up to steps
    periods: list[Interval] = []
    for lo, hi in free:
        lo, hi = to_utc(lo), to_utc(hi)
        epoch = datetime(2000, 1, 1, tzinfo=UTC)
        candidate = lo + (-(lo - epoch)) % step  # round up to a whole step
        while candidate + duration <= hi and len(periods) < count:
            periods.append((candidate, candidate + duration))
            candidate += stride
        if len(periods) >= count:
            break
    return periods


def elapsed_seconds(start: datetime, end: datetime) -> int:
    return int((to_utc(end) - to_utc(start)).total_seconds())


def compute_quote(
    *,
    customer_class: str,
    hourly_rate: Decimal | None,
    daily_rate: Decimal | None,
    start: datetime,
    end: datetime,
) -> Quote:
    """The price of [start, end) under one tariff (see the module docstring for the rule)."""
    if hourly_rate is None and daily_rate is None:
        raise ValueError("a tariff needs a rate")
    seconds = Decimal(elapsed_seconds(start, end))
    days = len(local_dates(start, end))
    options = []
    if hourly_rate is not None:
        options.append((hourly_rate * seconds / Decimal(3600), 0, "hour", hourly_rate))
    if daily_rate is not None:
        options.append((daily_rate * days, 1, "day", daily_rate))
    raw, _order, basis, rate = min(options)
    return Quote(
        customer_class=customer_class,
        hours=(seconds / Decimal(3600)).quantize(CENT, rounding=ROUND_HALF_UP),
        days=days,
        amount=round_money(raw),
        basis=basis,
        rate=rate,
    )


def validate_booking_window(
    *,
    start: datetime,
    end: datetime,
    now: datetime,
    slots: list[WeeklySlot],
    min_minutes: int,
    max_minutes: int,
    lead_hours: int,
    max_advance_days: int,
) -> None:
    """Raise ValidationError (field → messages) when [start, end) breaks a booking rule."""
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValidationError({name: _("Give a date and time.")}, code="invalid")
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")}, code="order")
    minutes = elapsed_seconds(start, end) / 60
    if minutes > MAX_BOOKING_MINUTES:
        raise ValidationError(
            {"end": _("A booking cannot last longer than 31 days.")}, code="too_long"
        )
    errors: dict[str, list[str]] = {}
    if minutes < min_minutes:
        errors.setdefault("end", []).append(
            _("The booking is shorter than the minimum of %(minutes)s minutes.")
            % {"minutes": min_minutes}
        )
    if minutes > max_minutes:
        errors.setdefault("end", []).append(
            _("The booking is longer than the maximum of %(minutes)s minutes.")
            % {"minutes": max_minutes}
        )
    if start < now:
        errors.setdefault("start", []).append(_("The start lies in the past."))
    elif start < now + timedelta(hours=lead_hours):
        errors.setdefault("start", []).append(
            _("Bookings must be requested at least %(hours)s hours in advance.")
            % {"hours": lead_hours}
        )
    if end > now + timedelta(days=max_advance_days):
        errors.setdefault("start", []).append(
            _("Bookings can be made at most %(days)s days ahead.") % {"days": max_advance_days}
        )
    if not errors and not is_open_throughout(slots, start, end):
        errors.setdefault("start", []).append(
            _("The facility is not open for the whole period you asked for.")
        )
    if errors:
        raise ValidationError(errors)
