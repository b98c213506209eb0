"""Back office for voucher schemes and applications (secretariat).

Read-only: the workflow, the ledger and the aid register are owned by the services,
so decisions are taken on the application page (four-eyes) and the one bulk action
here, expiring overdue vouchers, calls the same transition.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.admin import ReadOnlyModelAdmin

from . import services
from .constants import ApplicationStatus
from .models import AidRecord, Application, Attachment, LedgerEntry, Scheme


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "type", "opens_on", "closes_on", "total_budget", "aid_regime"]
    list_filter = ["type", "aid_regime"]
    search_fields = ["name"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["kind", "original_name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["kind", "original_name", "size", "uploaded_by", "uploaded_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "title", "scheme", "applicant", "provider", "status", "submitted_at"]
    list_filter = ["status", "scheme"]
    search_fields = ["title", "applicant__name", "provider__name"]
    list_select_related = ["scheme", "applicant", "provider"]
    inlines = [AttachmentInline]
    actions = ["expire_overdue"]

    @admin.action(
        description=_("Expire selected vouchers past their validity"), permissions=["view"]
    )
    def expire_overdue(self, request, queryset):
        today = timezone.localdate()
        done = 0
        due = queryset.filter(
            status__in=[ApplicationStatus.APPROVED, ApplicationStatus.IN_PROGRESS],
            valid_until__lt=today,
        )
        for application in due:
            try:
                services.application_transition(obj=application, action="expire", actor=None)
            except (ValidationError, PermissionDenied) as exc:
                reason = " ".join(getattr(exc, "messages", [str(exc)]))
                messages.error(request, f"{application}: {reason}")
            else:
                done += 1
        messages.success(request, _("%(count)d vouchers expired.") % {"count": done})


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyModelAdmin):
    """Append-only budget ledger."""

    list_display = ["created_at", "scheme", "application", "kind", "amount", "created_by"]
    list_filter = ["kind", "scheme"]
    list_select_related = ["scheme", "application", "created_by"]


@admin.register(AidRecord)
class AidRecordAdmin(ReadOnlyModelAdmin):
    list_display = ["organisation", "undertaking", "regime", "amount", "granted_on", "cancelled_on"]
    list_filter = ["regime"]
    search_fields = ["organisation__name", "undertaking"]
    list_select_related = ["organisation"]
