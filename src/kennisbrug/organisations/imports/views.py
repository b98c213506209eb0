"""The secretariat's import page: upload → preview → confirm; template and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbrug.core.imports.reading import ImportFileError, read_limited
from kennisbrug.jobs.exports import export_or_prepare

from ..models import Invitation, OrganisationImport
from . import exports, selectors, services
from .forms import ImportConfirmForm, ImportUploadForm

# The page shows every refused row and at most this many others; the counts say the rest.
SHOWN_ROWS = 500
FORMATS = ("csv", "xlsx")
REGISTRY_EXPORT = "organisations.registry"


def _secretariat(request) -> None:
    if not services.can_import_organisations(request.user):
        raise PermissionDenied


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Secretariat: upload a file; it is kept, not imported, until the preview is confirmed."""
    _secretariat(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = read_limited(upload)
            # A file that cannot be read at all is refused here, before it is kept.
            services.organisation_import_preview(content=content, filename=upload.name)
        except ImportFileError as exc:
            errors = exc.messages
        else:
            kept = services.organisation_import_upload(
                content=content, filename=upload.name, user=request.user
            )
            return redirect("organisations:import_preview", pk=kept.pk)
    return render(
        request,
        "organisations/import.html",
        {"form": form, "file_errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    """Secretariat, the uploader only: the row-by-row preview and the confirm button."""
    _secretariat(request)
    try:
        upload = selectors.organisation_import_get(pk=pk, user=request.user)
    except OrganisationImport.DoesNotExist:
        raise Http404 from None
    form = ImportConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.organisation_import_confirm(
                    upload=upload, user=request.user, fingerprint=form.cleaned_data["fingerprint"]
                )
            except ImportFileError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            except services.ImportChangedError:
                messages.error(
                    request,
                    _(
                        "The registry changed since this preview; check the new preview and confirm again."
                    ),
                )
            else:
                messages.success(request, _("The import is done."))
                return redirect("organisations:import_preview", pk=upload.pk)
        status = 400
    preview = None
    file_errors: list[str] = []
    if upload.committed_at is None:
        try:
            preview = services.organisation_import_preview(
                content=bytes(upload.content), filename=upload.filename
            )
        except ImportFileError as exc:
            file_errors = exc.messages
    rows = []
    if preview is not None:
        refused = [r for r in preview.rows if r.action == services.REFUSED]
        others = [r for r in preview.rows if r.action != services.REFUSED]
        rows = refused + others[: max(0, SHOWN_ROWS - len(refused))]
    return render(
        request,
        "organisations/import_preview.html",
        {
            "upload": upload,
            "preview": preview,
            "rows": rows,
            "hidden_rows": len(preview.rows) - len(rows) if preview else 0,
            "file_errors": file_errors,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def import_template(request, file_format: str):
    """Secretariat: the empty import file, with the columns in the page's language."""
    _secretariat(request)
    if file_format not in FORMATS:
        raise Http404
    return _download(*exports.organisation_template(file_format=file_format))


@login_required
@require_http_methods(["GET", "HEAD"])
def organisation_export(request, file_format: str):
    """Secretariat: the whole registry in the import format (member e-mails left out); a
    large registry is prepared by the worker and offered on the export's own page."""
    _secretariat(request)
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
