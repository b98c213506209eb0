"""The vouchers app's personal data about a person: the applications they wrote (GDPR
export). Applications, their attachments and the ledger are the applicant organisation's
records that state-aid rules require to keep (see docs/privacy.md); they stay and point
to the anonymised account."""

from __future__ import annotations

from kennisbrug.core.personal_data import PersonalDataSource

from .models import Application


def _export(user) -> dict:
    return {
        "applications": [
            {
                "title": a.title,
                "scheme": a.scheme.name,
                "applicant": a.applicant.name,
                "status": a.status,
                "created_at": a.created_at.isoformat(),
            }
            for a in Application.objects.filter(created_by=user)
            .select_related("scheme", "applicant")
            .order_by("created_at", "pk")
        ],
    }


def _erase(user) -> None:
    """Nothing to remove: the records stay with the anonymised account."""


SOURCE = PersonalDataSource(export=_export, erase=_erase)
