"""Reads of the organisation import: a kept upload, for the person who uploaded it."""

from django.core.exceptions import PermissionDenied

from ..models import OrganisationImport
from .services import can_import_organisations


def organisation_import_get(*, pk, user) -> OrganisationImport:
    """The upload `pk` when `user` (secretariat) uploaded it; raises
    OrganisationImport.DoesNotExist otherwise, or PermissionDenied for non-secretariat."""
    if not can_import_organisations(user):
        raise PermissionDenied
    return OrganisationImport.objects.get(pk=pk, uploaded_by=user)
