from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .constants import FailedTaskStatus
from .models import FailedTask


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    list_display = ("task_name", "failed_at", "attempts", "status", "handled_by")
    list_filter = ("status", "task_name")
    search_fields = ("task_name", "error")
    date_hierarchy = "failed_at"
    readonly_fields = [f.name for f in FailedTask._meta.fields]
    actions = ["retry", "discard"]

    def has_add_permission(self, request) -> bool:
        return False

    def _run(self, request, queryset, service, done) -> None:
        count = 0
        for pk in queryset.filter(status=FailedTaskStatus.FAILED).values_list("pk", flat=True):
            try:
                service(failed_task_id=pk, actor=request.user)
                count += 1
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
        self.message_user(request, done % {"count": count})

    @admin.action(description=_("Retry the selected failed tasks"))
    def retry(self, request, queryset) -> None:
        self._run(
            request, queryset, services.failed_task_retry, _("%(count)d task(s) queued again.")
        )

    @admin.action(description=_("Discard the selected failed tasks"))
    def discard(self, request, queryset) -> None:
        self._run(
            request, queryset, services.failed_task_discard, _("%(count)d task(s) discarded.")
        )
