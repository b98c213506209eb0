"""The dead-letter page of the secretariat: failed background tasks, retry or discard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.core.tasks import task_label

from . import selectors, services
from .constants import FailedTaskStatus
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
