"""Writes of the facilities app: facilities and bookings; living labs, pilot calls and pilots."""

from .facilities import (
    BookingConflict,
    booking_quote,
    booking_request,
    booking_transition,
    bookings_complete_ended,
    facility_create,
    facility_delete,
    facility_manager_add,
    facility_manager_remove,
    facility_update,
)
from .labs import (
    living_lab_create,
    living_lab_delete,
    living_lab_update,
    pilot_call_create,
    pilot_propose,
    pilot_transition,
)

__all__ = [
    "BookingConflict",
    "booking_quote",
    "booking_request",
    "booking_transition",
    "bookings_complete_ended",
    "facility_create",
    "facility_delete",
    "facility_manager_add",
    "facility_manager_remove",
    "facility_update",
    "living_lab_create",
    "living_lab_delete",
    "living_lab_update",
    "pilot_call_create",
    "pilot_propose",
    "pilot_transition",
]
