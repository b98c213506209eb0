"""The dead-letter page of the secretariat (failed background tasks, retry or discard) and
the pages of prepared exports (status and download, for the requester only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.core.tasks import task_label

from . import selectors, services
from .constants import ExportStatus, FailedTaskStatus
from .models import ExportFile
from .permissions import can_manage_failed_tasks


def _staff_only(user) -> None:
    if not can_manage_failed_tasks(user):
        raise PermissionDenied


@login_required
def failed_list(request):
    _staff_only(request.user)
    status = request.GET.get("status", FailedTaskStatus.FAILED)
    if status not in FailedTaskStatus.values:
        status = FailedTaskStatus.FAILED
    page = Paginator(selectors.failed_task_list(status=status), 50).get_page(
        request.GET.get("page")
    )
    for task in page:
        task.label = task_label(task.task_name)
    return render(
        request,
        "jobs/failed_list.html",
        {
            "page": page,
            "status": status,
            "statuses": FailedTaskStatus.choices,
            "open": status == FailedTaskStatus.FAILED,
        },
    )


def _act(request, pk: int, service, done: str):
    _staff_only(request.user)
    try:
        service(failed_task_id=pk, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    # The work queue's buttons come back to the queue; anything else goes to the list.
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("jobs:failed")


@login_required
@require_POST
def failed_retry(request, pk: int):
    return _act(request, pk, services.failed_task_retry, _("The task has been queued again."))


@login_required
@require_POST
def failed_discard(request, pk: int):
    return _act(request, pk, services.failed_task_discard, _("The task has been discarded."))


# ----- prepared exports -----


def _own_export(request, pk) -> ExportFile:
    """The requester's own export that they may still have; 404 for anyone else, so an id
    reveals nothing."""
    export = selectors.export_for(user=request.user, pk=pk)
    if export is None:
        raise Http404
    return export


@login_required
def export_list(request):
    """Signed in: the exports I asked for that have not expired."""
    return render(
        request, "jobs/export_list.html", {"exports": selectors.export_list(user=request.user)}
    )


@login_required
def export_detail(request, pk):
    """The requester: whether the export is ready, with the download when it is."""
    return render(request, "jobs/export_detail.html", {"export": _own_export(request, pk)})


@login_required
def export_download(request, pk):
    """The requester: the prepared file, while it exists and they may still have it."""
    export = _own_export(request, pk)
    if export.status != ExportStatus.READY or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=export.filename)
    response["Cache-Control"] = "private, no-store"
    return response
