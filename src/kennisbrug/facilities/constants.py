"""Choices of the facilities app: categories, access modes, customer classes, states."""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

# Opening hours are local wall-clock times in the programme's time zone.
LOCAL_TZ = ZoneInfo("Europe/Brussels")

# Upper bounds that keep input sane (an "absurd" duration or advance period is refused).
MAX_BOOKING_MINUTES = 31 * 24 * 60
MAX_ADVANCE_DAYS = 730
MAX_LEAD_HOURS = 24 * 90
MAX_RATE = "99999999.99"


class FacilityCategory(models.TextChoices):
    LAB = "lab", _("laboratory")
    PILOT_PLANT = "pilot_plant", _("pilot plant")
    TEST_BED = "test_bed", _("test bed")
    CLEANROOM = "cleanroom", _("cleanroom")
    FIELD_LAB = "field_lab", _("field lab")
    DATA_COMPUTE = "data_compute", _("data and compute")
    WORKSHOP = "workshop", _("workshop and prototyping")
    OTHER = "other", _("other")


class AccessMode(models.TextChoices):
    SELF_SERVICE = "self_service", _("self-service after training")
    OPERATOR_ASSISTED = "operator_assisted", _("operator-assisted")
    AS_A_SERVICE = "as_a_service", _("as a service")


class CustomerClass(models.TextChoices):
    INTERNAL = "internal", _("internal")
    ACADEMIC = "academic", _("academic")
    SME = "sme", _("SME")
    LARGE = "large", _("large enterprise or other")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")
    COMPLETED = "completed", _("completed")


class PilotStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
    COMPLETED = "completed", _("completed")


# States that count as "booked" for usage reports.
USED_STATES = frozenset({BookingStatus.APPROVED, BookingStatus.COMPLETED})


class PartnerInvitationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
