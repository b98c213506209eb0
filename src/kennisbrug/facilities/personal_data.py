"""The facilities app's personal data about a person: the bookings they asked for, the
pilots they proposed and the facilities they manage (GDPR export/erasure).

Bookings and pilots are their organisation's records (prices, the programme's
indicators) and stay, pointing to the anonymised account; manager roles are removed.
"""

from __future__ import annotations

from kennisbrug.core.personal_data import PersonalDataSource

from .models import Booking, FacilityManager, Pilot


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _export(user) -> dict:
    return {
        "bookings": [
            {
                "facility": b.facility.name,
                "organisation": b.organisation.name,
                "start": _iso(b.start),
                "end": _iso(b.end),
                "purpose": b.purpose,
                "status": b.status,
                "price": str(b.price),
            }
            for b in Booking.objects.filter(requester=user)
            .select_related("facility", "organisation")
            .order_by("start", "pk")
        ],
        "pilots": [
            {"title": p.title, "living_lab": p.living_lab.name, "status": p.status}
            for p in Pilot.objects.filter(proposer=user).select_related("living_lab")
        ],
        "facilities_managed": [
            m.facility.name
            for m in FacilityManager.objects.filter(user=user).select_related("facility")
        ],
    }


def _erase(user) -> None:
    FacilityManager.objects.filter(user=user).delete()


SOURCE = PersonalDataSource(export=_export, erase=_erase)
