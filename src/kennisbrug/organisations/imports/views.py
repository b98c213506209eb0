"""The registry export in the import format, and the invited person's answer to an
invitation sent by the bulk import.

The organisation import itself runs through core's generic flow (kennisbrug.core.imports,
pages under /imports/); its old addresses under /organisations/import/ redirect there.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbrug.jobs.exports import export_or_prepare

from ..models import Invitation
from . import services

FORMATS = ("csv", "xlsx")
REGISTRY_EXPORT = "organisations.registry"


@login_required
@require_http_methods(["GET", "HEAD"])
def organisation_export(request, file_format: str):
    """Secretariat: the whole registry in the import format (member e-mails left out); a
    large registry is prepared by the worker and offered on the export's own page."""
    if not services.can_import_organisations(request.user):
        raise PermissionDenied
    if file_format not in FORMATS:
        raise Http404
    return export_or_prepare(request, kind=REGISTRY_EXPORT, params={}, file_format=file_format)


@login_required
@require_http_methods(["POST"])
def invitation_answer(request, pk: int):
    """The invited person accepts or declines an invitation (from their dashboard)."""
    invitation = Invitation.objects.filter(pk=pk, accepted_at__isnull=True).first()
    if invitation is None:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    try:
        services.invitation_answer(invitation=invitation, user=request.user, accept=accept)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if accept:
            messages.success(
                request,
                _("You are now a member of %(organisation)s.")
                % {"organisation": invitation.organisation.name},
            )
        else:
            messages.success(request, _("You declined the invitation."))
    return redirect("accounts:dashboard")
