"""iCalendar feeds of a facility: free/busy for everyone, details for its managers."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .constants import BookingStatus
from .models import Booking, Facility
from .workflow import blocking_states

FEED_PAST_DAYS = 90
FEED_FUTURE_DAYS = 730


def facility_calendar(*, facility: Facility, detailed: bool) -> bytes:
    now = timezone.now()
    # managers see requests even where they do not block; done bookings stay in the feed
    states = {*blocking_states(pending_blocks=detailed or facility.pending_blocks)}
    states.add(BookingStatus.COMPLETED)
    bookings = Booking.objects.filter(
        facility=facility,
        status__in=states,
        end__gte=now - timedelta(days=FEED_PAST_DAYS),
        start__lte=now + timedelta(days=FEED_FUTURE_DAYS),
    ).select_related("organisation")
    cal = Calendar()
    cal.add("prodid", "-//Kennisbrug//Facilities//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", facility.name)
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.pk}@kennisbrug.eu")
        event.add("dtstamp", booking.updated_at)
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        event.add("transp", "OPAQUE")
        if detailed:
            event.add("summary", f"{booking.organisation.name} ({booking.get_status_display()})")
            event.add("description", booking.purpose)
            if booking.status == BookingStatus.REQUESTED:
                event.add("status", "TENTATIVE")
            else:
                event.add("status", "CONFIRMED")
        else:
            event.add("summary", _("Busy"))
            event.add("class", "PRIVATE")
        cal.add_component(event)
    return cal.to_ical()
