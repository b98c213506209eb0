"""API views of the facilities app: facilities and bookings; living labs and pilots."""

from .facilities import (
    AvailabilityApi,
    BookingDetailApi,
    BookingTransitionApi,
    FacilityBookingsApi,
    FacilityDetailApi,
    FacilityListApi,
    MyBookingsApi,
    QuoteApi,
    UsageApi,
    conflict,
    facility_arguments,
)
from .labs import (
    LivingLabDetailApi,
    LivingLabListApi,
    PilotCallCreateApi,
    PilotDetailApi,
    PilotListApi,
    PilotProposeApi,
    PilotTransitionApi,
    lab_arguments,
)

__all__ = [
    "AvailabilityApi",
    "BookingDetailApi",
    "BookingTransitionApi",
    "FacilityBookingsApi",
    "FacilityDetailApi",
    "FacilityListApi",
    "LivingLabDetailApi",
    "LivingLabListApi",
    "MyBookingsApi",
    "PilotCallCreateApi",
    "PilotDetailApi",
    "PilotListApi",
    "PilotProposeApi",
    "PilotTransitionApi",
    "QuoteApi",
    "UsageApi",
    "conflict",
    "facility_arguments",
    "lab_arguments",
]
