"""Bulk imports in the secretariat's work queue and in a person's data (GDPR).

The card lists the uploads this person previewed but has not confirmed, of any kind;
the personal-data source exports and erases the files a person uploaded.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kennisbrug.core.models import ImportStatus, ImportUpload
from kennisbrug.core.personal_data import PersonalDataSource
from kennisbrug.core.work_queue import Card, Item

from .kinds import is_secretariat, kind_get

SHOWN = 10


def imports_card(*, user) -> Card | None:
    """Uploads waiting for this person's confirmation, and the way to the import pages."""
    if not is_secretariat(user):
        return None
    waiting = ImportUpload.objects.filter(uploaded_by=user, status=ImportStatus.PREVIEWED)
    items = []
    for upload in waiting.only("id", "kind", "filename", "created_at")[:SHOWN]:
        kind = kind_get(upload.kind)
        items.append(
            Item(
                label=upload.filename,
                url=reverse("core:import_upload", args=[upload.pk]),
                note=str(kind.label) if kind else "",
            )
        )
    return Card(
        title=_("Imports waiting for confirmation"),
        count=waiting.count(),
        items=items,
        empty=_("No import is waiting for your confirmation."),
        more_url=reverse("core:imports"),
        more_label=_("Import from a file"),
    )


def _export(user) -> dict:
    return {
        "import_files": [
            {
                "kind": upload.kind,
                "filename": upload.filename,
                "uploaded_at": upload.created_at.isoformat(),
                "status": upload.status,
            }
            for upload in ImportUpload.objects.filter(uploaded_by=user).only(
                "kind", "filename", "created_at", "status"
            )
        ]
    }


def _erase(user) -> None:
    ImportUpload.objects.filter(uploaded_by=user).delete()


PERSONAL_DATA = PersonalDataSource(export=_export, erase=_erase)
