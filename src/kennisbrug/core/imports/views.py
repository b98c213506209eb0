"""The import pages, one flow for every kind: the list of kinds a person may import,
a kind's page (template, export, upload), and an upload's page (preview and confirm,
then progress — refreshing itself, no script needed — then the result)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbrug.core.models import ImportStatus, ImportUpload

from . import services
from .forms import ConfirmForm, UploadForm
from .kinds import ImportKind, import_scope, is_secretariat, kind_get, kind_list
from .plan import ImportChangedError
from .reading import ImportFileError, read_limited

FORMATS = ("csv", "xlsx")


def _kind_for(request, key: str) -> ImportKind:
    kind = kind_get(key)
    if kind is None:
        raise Http404
    if kind not in kind_list(user=request.user):
        raise PermissionDenied
    return kind


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def import_index(request):
    """Everyone who may import something: the kinds, and their own recent uploads."""
    kinds = kind_list(user=request.user)
    if not kinds:
        raise PermissionDenied
    return render(
        request,
        "core/imports/index.html",
        {"kinds": kinds, "uploads": services.import_upload_list(user=request.user)},
    )


def _organisations(request, kind: ImportKind) -> list[tuple[int, str]]:
    return [] if is_secretariat(request.user) else kind.organisations(request.user)


@login_required
@require_http_methods(["GET", "POST"])
def import_kind(request, kind: str):
    """A kind's page: template and export downloads and the upload form."""
    spec = _kind_for(request, kind)
    organisations = _organisations(request, spec)
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    file_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = read_limited(upload)
            kept = services.import_upload_create(
                kind=spec.key,
                content=content,
                filename=upload.name,
                user=request.user,
                organisation_id=form.cleaned_data.get("organisation"),
            )
        except ImportFileError as exc:
            file_errors = [str(m) for m in exc.messages]
        else:
            return redirect("core:import_upload", pk=kept.pk)
    return render(
        request,
        "core/imports/kind.html",
        {"kind": spec, "form": form, "file_errors": file_errors, "formats": FORMATS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def import_template(request, kind: str, file_format: str):
    spec = _kind_for(request, kind)
    if file_format not in FORMATS:
        raise Http404
    return _download(*spec.template(file_format=file_format))


@login_required
@require_http_methods(["GET", "HEAD"])
def import_export(request, kind: str, file_format: str):
    """What the person may import, exported in the import's own format."""
    spec = _kind_for(request, kind)
    if file_format not in FORMATS:
        raise Http404
    organisation_id = None
    if not is_secretariat(request.user):
        choices = [pk for pk, _name in spec.organisations(request.user)]
        raw = request.GET.get("organisation", "")
        organisation_id = int(raw) if raw.isdigit() else (choices[0] if len(choices) == 1 else None)
        organisation_id = import_scope(
            user=request.user, kind=spec, organisation_id=organisation_id
        )
    return _download(
        *spec.export(file_format=file_format, user=request.user, organisation_id=organisation_id)
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, pk):
    """The uploader only: the preview and the confirm button; then progress and result."""
    try:
        upload = services.import_upload_get(pk=pk, user=request.user)
    except ImportUpload.DoesNotExist:
        raise Http404 from None
    kind = kind_get(upload.kind)
    if kind is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                services.import_upload_confirm(
                    upload=upload, user=request.user, fingerprint=form.cleaned_data["fingerprint"]
                )
            except ImportFileError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            except ImportChangedError:
                messages.error(request, _("This is not the preview of this file; reload the page."))
            else:
                return redirect("core:import_upload", pk=upload.pk)
        status = 400
        upload.refresh_from_db()
    return render(
        request,
        "core/imports/upload.html",
        {
            "upload": upload,
            "kind": kind,
            "preview": upload.preview,
            "hidden_rows": upload.preview.get("total", 0) - len(upload.preview.get("rows", [])),
            "statuses": ImportStatus,
            "confirm_refusal": services.import_confirm_refusal(upload=upload, user=request.user),
        },
        status=status,
    )
