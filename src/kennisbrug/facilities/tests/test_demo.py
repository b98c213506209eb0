"""The demo data: enough facilities and living labs on both sides, no overlapping bookings."""

import io
import random

import pytest
from django.core.management import call_command

from kennisbrug.facilities import demo
from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking, Facility, LivingLab, Pilot

pytestmark = pytest.mark.django_db


def test_demo_generates_both_countries_without_double_bookings():
    demo.generate(rng=random.Random(7), scale=1, stdout=io.StringIO())
    assert Facility.objects.count() >= 60 and LivingLab.objects.count() >= 12
    assert set(Facility.objects.values_list("country_id", flat=True)) == {"BE", "NL"}
    assert set(LivingLab.objects.values_list("country_id", flat=True)) == {"BE", "NL"}
    assert Booking.objects.count() > 60 and Pilot.objects.filter(status="completed").exists()
    blocking = Booking.objects.filter(status__in=[BookingStatus.APPROVED, BookingStatus.REQUESTED])
    for booking in blocking:
        assert (
            not blocking.filter(
                facility=booking.facility, start__lt=booking.end, end__gt=booking.start
            )
            .exclude(pk=booking.pk)
            .exists()
        )


def test_complete_bookings_command_runs():
    out = io.StringIO()
    call_command("complete_bookings", stdout=out)
    assert "bookings_completed count=0" in out.getvalue()
