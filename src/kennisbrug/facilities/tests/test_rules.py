"""Pure booking rules and pricing: opening hours across DST, validation, quotes."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kennisbrug.facilities import booking_rules
from kennisbrug.facilities.booking_rules import WeeklySlot
from kennisbrug.facilities.constants import LOCAL_TZ

WEEKDAYS_8_18 = [WeeklySlot(d, time(8), time(18)) for d in range(5)]
ALWAYS = []


def local(*args):
    return datetime(*args, tzinfo=LOCAL_TZ)


NOW = local(2026, 3, 1, 12)


def validate(start, end, slots=WEEKDAYS_8_18, **overrides):
    params = {"min_minutes": 60, "max_minutes": 480, "lead_hours": 24, "max_advance_days": 180}
    params.update(overrides)
    booking_rules.validate_booking_window(start=start, end=end, now=NOW, slots=slots, **params)


def test_open_throughout_inside_hours():
    assert booking_rules.is_open_throughout(
        WEEKDAYS_8_18, local(2026, 3, 3, 9), local(2026, 3, 3, 17)
    )


def test_not_open_before_opening_or_on_sunday():
    assert not booking_rules.is_open_throughout(
        WEEKDAYS_8_18, local(2026, 3, 3, 7), local(2026, 3, 3, 9)
    )
    assert not booking_rules.is_open_throughout(
        WEEKDAYS_8_18, local(2026, 3, 8, 9), local(2026, 3, 8, 10)
    )


def test_open_hours_follow_local_wall_clock_across_dst():
    # 08:00 local is 07:00 UTC in winter and 06:00 UTC in summer (DST starts 29 March 2026).
    before = booking_rules.open_intervals(WEEKDAYS_8_18, local(2026, 3, 27), local(2026, 3, 28))
    after = booking_rules.open_intervals(WEEKDAYS_8_18, local(2026, 3, 30), local(2026, 3, 31))
    assert before == [(datetime(2026, 3, 27, 7, tzinfo=UTC), datetime(2026, 3, 27, 17, tzinfo=UTC))]
    assert after == [(datetime(2026, 3, 30, 6, tzinfo=UTC), datetime(2026, 3, 30, 16, tzinfo=UTC))]


def test_midnight_close_means_end_of_day_and_days_chain():
    slots = [WeeklySlot(d, time(0), time(0)) for d in range(7)]
    start, end = local(2026, 3, 28, 12), local(2026, 3, 29, 12)
    assert booking_rules.is_open_throughout(slots, start, end)
    # 29 March 2026 has 23 hours: the week's open time is 24 * 7 - 1 hours.
    assert booking_rules.open_hours(slots, local(2026, 3, 23), local(2026, 3, 30)) == Decimal(
        "167.00"
    )


def test_touching_bookings_leave_no_gap_in_subtract():
    open_ = [(datetime(2026, 3, 2, 7, tzinfo=UTC), datetime(2026, 3, 2, 17, tzinfo=UTC))]
    busy = [
        (datetime(2026, 3, 2, 7, tzinfo=UTC), datetime(2026, 3, 2, 12, tzinfo=UTC)),
        (datetime(2026, 3, 2, 12, tzinfo=UTC), datetime(2026, 3, 2, 17, tzinfo=UTC)),
    ]
    assert booking_rules.subtract(open_, busy) == []
    assert booking_rules.subtract(open_, busy[:1]) == [busy[1]]


@pytest.mark.parametrize(
    ("start", "end", "field", "fragment"),
    [
        (local(2026, 3, 3, 10), local(2026, 3, 3, 9), "end", "after the start"),
        (local(2026, 3, 3, 10), local(2026, 3, 3, 10), "end", "after the start"),
        (local(2026, 3, 3, 10), local(2026, 3, 3, 10, 30), "end", "shorter than the minimum"),
        (local(2026, 3, 3, 8), local(2026, 3, 3, 17, 30), "end", "longer than the maximum"),
        (local(2026, 3, 3, 6), local(2026, 3, 3, 9), "start", "not open"),
        (local(2026, 2, 27, 9), local(2026, 2, 27, 10), "start", "in the past"),
        (local(2026, 3, 2, 9), local(2026, 3, 2, 10), "start", "24 hours in advance"),
        (local(2026, 9, 1, 9), local(2026, 9, 1, 10), "start", "180 days ahead"),
        (local(2026, 3, 3, 9), local(2026, 6, 3, 9), "end", "31 days"),
    ],
)
def test_window_errors_name_the_rule(start, end, field, fragment):
    with pytest.raises(ValidationError) as info:
        validate(start, end)
    assert any(fragment in message for message in info.value.message_dict[field])


def test_naive_datetimes_are_refused():
    with pytest.raises(ValidationError):
        validate(datetime(2026, 3, 3, 9), local(2026, 3, 3, 10))


def test_valid_window_passes():
    validate(local(2026, 3, 3, 9), local(2026, 3, 3, 12))


def quote(start, end, hourly=None, daily=None, cls="sme"):
    return booking_rules.compute_quote(
        customer_class=cls, hourly_rate=hourly, daily_rate=daily, start=start, end=end
    )


@pytest.mark.parametrize(
    ("hourly", "minutes", "expected"),
    [
        (Decimal("80.00"), 120, Decimal("160.00")),
        (Decimal("100.00"), 20, Decimal("33.33")),  # 33.333… rounds down
        (Decimal("0.05"), 90, Decimal("0.08")),  # 0.075 rounds half up
        (Decimal("125.50"), 45, Decimal("94.13")),  # 94.125 rounds half up
        (Decimal("0.00"), 60, Decimal("0.00")),
    ],
)
def test_hourly_quote_rounds_half_up_to_cents(hourly, minutes, expected):
    start = local(2026, 3, 3, 9)
    result = quote(start, start + timedelta(minutes=minutes), hourly=hourly)
    assert result.amount == expected and result.basis == "hour"
    assert isinstance(result.amount, Decimal)


def test_daily_rate_counts_local_calendar_days():
    result = quote(local(2026, 3, 3, 9), local(2026, 3, 4, 11), daily=Decimal("500"))
    assert (result.days, result.amount, result.basis) == (2, Decimal("500.00") * 2, "day")


def test_cheaper_of_hourly_and_daily_is_used():
    start = local(2026, 3, 3, 8)
    short = quote(start, start + timedelta(hours=2), hourly=Decimal("80"), daily=Decimal("500"))
    long = quote(start, start + timedelta(hours=10), hourly=Decimal("80"), daily=Decimal("500"))
    assert (short.amount, short.basis) == (Decimal("160.00"), "hour")
    assert (long.amount, long.basis) == (Decimal("500.00"), "day")


def test_quote_across_spring_dst_uses_real_elapsed_hours():
    # Saturday 28 March 12:00 to Sunday 29 March 12:00 (Brussels) is 23 real hours.
    result = quote(local(2026, 3, 28, 12), local(2026, 3, 29, 12), hourly=Decimal("10"))
    assert result.hours == Decimal("23.00") and result.amount == Decimal("230.00")


def test_quote_across_autumn_dst_uses_real_elapsed_hours():
    result = quote(local(2026, 10, 24, 12), local(2026, 10, 25, 12), hourly=Decimal("10"))
    assert result.hours == Decimal("25.00") and result.amount == Decimal("250.00")


def test_quote_is_reproducible():
    args = (local(2026, 3, 3, 9), local(2026, 3, 3, 11, 7))
    assert quote(*args, hourly=Decimal("77.77")) == quote(*args, hourly=Decimal("77.77"))
