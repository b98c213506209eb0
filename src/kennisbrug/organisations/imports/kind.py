"""The organisation import as a kind of core's generic import (page, API, task)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.core.imports.kinds import ImportKind

from ..models import Organisation
from . import exports, services


def _preview(*, content, filename, user, organisation_id=None, progress=None):
    if user is not None and not services.can_import_organisations(user):
        raise PermissionDenied
    return services.organisation_import_preview(
        content=content, filename=filename, progress=progress
    )


def _commit(*, content, filename, user, organisation_id=None, fingerprint):
    return services.organisation_import_commit(
        content=content, filename=filename, user=user, fingerprint=fingerprint
    )


def _template(*, file_format, language=None):
    return exports.organisation_template(file_format=file_format, language=language)


def _export(*, file_format, user, organisation_id=None, language=None):
    queryset = Organisation.objects.all()
    if organisation_id is not None:
        queryset = queryset.filter(pk=organisation_id)
    return exports.organisation_export(
        file_format=file_format, queryset=queryset, language=language
    )


def _notes(row) -> list[str]:
    notes = []
    if row.region:
        notes.append(row.region)
    if row.in_programme_area is False:
        notes.append(_("outside the programme area"))
    if row.invites:
        notes.append(_("Invite: %(emails)s") % {"emails": ", ".join(row.invites)})
    return notes


ORGANISATION_KIND = ImportKind(
    key="organisations",
    label=gettext_lazy("Organisations"),
    help=gettext_lazy(
        "One row per organisation, with its identifiers, address and figures, and the e-mail "
        "addresses of people to invite as members. An organisation is recognised by its "
        "KBO/BCE, KvK or VAT number, or by its name and postcode."
    ),
    preview=_preview,
    commit=_commit,
    template=_template,
    export=_export,
    organisations=lambda user: [],
    notes=_notes,
    secretariat_only=True,
    order=10,
)
