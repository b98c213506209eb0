"""Back office for facilities and living labs; state changes go through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
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


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "owner", "country", "is_published"]
    list_filter = ["category", "country", "is_published", "is_demo"]
    search_fields = ["name", "description", "owner__name"]
    raw_id_fields = ["owner", "created_by"]
    inlines = [OpeningHoursInline, TariffInline, ManagerInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["facility", "organisation", "start", "end", "status", "price"]
    list_filter = ["status", "customer_class"]
    search_fields = ["facility__name", "organisation__name"]
    raw_id_fields = ["facility", "requester", "organisation", "decided_by"]
    readonly_fields = [
        "status",
        "hours",
        "price",
        "price_basis",
        "customer_class",
        "decided_by",
        "decided_at",
    ]
    actions = ["cancel_bookings"]

    @admin.action(description=_("Cancel the selected bookings"))
    def cancel_bookings(self, request, queryset):
        for booking in queryset:
            try:
                services.booking_cancel(booking=booking, actor=request.user, reason="back office")
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{booking}: {exc}", messages.WARNING)


@admin.register(LivingLab)
class LivingLabAdmin(admin.ModelAdmin):
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
