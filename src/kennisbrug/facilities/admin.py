"""Back office for facilities and living labs; state changes go through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from kennisbrug.matching import index

from . import services
from .documents import FACILITY, LIVING_LAB
from .models import (
    Booking,
    Facility,
    FacilityManager,
    LivingLab,
    OpeningHours,
    Pilot,
    PilotCall,
    Tariff,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class TariffInline(admin.TabularInline):
    model = Tariff
    extra = 0


class ManagerInline(admin.TabularInline):
    model = FacilityManager
    extra = 0
    raw_id_fields = ["user"]


class SearchIndexedAdmin(admin.ModelAdmin):
    """Edits made in the back office reach the search index too (after commit)."""

    index_kind = ""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        index.on_commit_changed(self.index_kind, form.instance.pk)

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        index.on_commit_changed(self.index_kind, pk, removed=True)

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in pks:
            index.on_commit_changed(self.index_kind, pk, removed=True)


@admin.register(Facility)
class FacilityAdmin(SearchIndexedAdmin):
    index_kind = FACILITY
    list_display = ["name", "category", "owner", "country", "is_published"]
    list_filter = ["category", "country", "is_published", "is_demo"]
    search_fields = ["name", "description", "owner__name"]
    raw_id_fields = ["owner", "created_by"]
    inlines = [OpeningHoursInline, TariffInline, ManagerInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Bookings are read-only here: a slot, price or state changed in a form would skip
    the overlap check, the quote and the audit trail. State changes go through the
    actions, which call the same services as the site."""

    list_display = ["facility", "organisation", "start", "end", "status", "price"]
    list_filter = ["status", "customer_class"]
    search_fields = ["facility__name", "organisation__name"]
    raw_id_fields = ["facility", "requester", "organisation", "decided_by"]
    actions = ["approve_bookings", "cancel_bookings"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _transition_each(self, request, queryset, action: str, reason: str = "") -> None:
        done = 0
        for booking in queryset:
            try:
                services.booking_transition(
                    action=action, obj=booking, actor=request.user, reason=reason
                )
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                problem = " ".join(getattr(exc, "messages", [])) or _("Not allowed.")
                self.message_user(request, f"{booking}: {problem}", messages.WARNING)
        if done:
            self.message_user(request, _("%(count)d bookings changed.") % {"count": done})

    @admin.action(description=_("Approve the selected bookings"))
    def approve_bookings(self, request, queryset):
        self._transition_each(request, queryset, "approve")

    @admin.action(description=_("Cancel the selected bookings"))
    def cancel_bookings(self, request, queryset):
        self._transition_each(request, queryset, "cancel", reason="back office")


@admin.register(LivingLab)
class LivingLabAdmin(SearchIndexedAdmin):
    index_kind = LIVING_LAB
    list_display = ["name", "theme", "owner", "country"]
    search_fields = ["name", "theme"]
    raw_id_fields = ["owner"]
    filter_horizontal = ["partners"]


@admin.register(PilotCall)
class PilotCallAdmin(admin.ModelAdmin):
    list_display = ["title", "living_lab", "opens_on", "closes_on"]


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = ["title", "living_lab", "organisation", "status", "solution_developed"]
    list_filter = ["status", "solution_developed"]
    raw_id_fields = ["living_lab", "call", "proposer", "organisation", "decided_by"]
    readonly_fields = ["status"]
