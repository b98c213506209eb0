"""The import's card in the secretariat's work queue (core.work_queue)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kennisbrug.core.work_queue import Card, Item

from ..models import OrganisationImport
from .services import can_import_organisations

SHOWN = 10


def imports_card(*, user) -> Card | None:
    """Uploads this person previewed but has not confirmed yet, and the way to the page."""
    if not can_import_organisations(user):
        return None
    waiting = OrganisationImport.objects.filter(uploaded_by=user, committed_at__isnull=True)
    items = [
        Item(
            label=upload.filename,
            url=reverse("organisations:import_preview", args=[upload.pk]),
            note=_("Previewed, not imported yet"),
        )
        for upload in waiting.only("id", "filename", "created_at")[:SHOWN]
    ]
    return Card(
        title=_("Organisation imports waiting for confirmation"),
        count=waiting.count(),
        items=items,
        empty=_("No import is waiting for your confirmation."),
        more_url=reverse("organisations:import"),
        more_label=_("Import organisations from a file"),
    )
