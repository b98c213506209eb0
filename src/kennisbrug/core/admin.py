"""Back office for the reference data (secretariat; staff users only, Django's default)."""

from django.contrib import admin

from .models import (
    ActivityType,
    AuditLog,
    Country,
    Municipality,
    Nuts3Region,
    Postcode,
    Province,
    Sector,
    SpecificObjective,
    TargetGroup,
    Technology,
)


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For models whose rules a service owns: the back office reads them, never writes.

    Changes go through the pages, the API or admin actions that call the services, so
    no rule (four-eyes, ledger, state table) can be bypassed from here.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "is_programme_country"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "country", "programme_area"]
    list_filter = ["country", "programme_area"]


@admin.register(Nuts3Region)
class Nuts3RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "province", "in_programme_area"]
    list_filter = ["country", "in_programme_area"]
    search_fields = ["code", "name_nl"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["nis_code", "name_nl", "name_fr", "nuts3"]
    search_fields = ["nis_code", "name_nl", "name_fr"]
    list_select_related = ["nuts3"]


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["code", "country", "municipality", "nuts3"]
    list_filter = ["country"]
    search_fields = ["code"]
    list_select_related = ["municipality", "nuts3", "country"]
    raw_id_fields = ["municipality", "nuts3"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "sort_order"]


@admin.register(Technology)
class TechnologyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "framework"]
    list_filter = ["framework"]


class ActivityTypeInline(admin.TabularInline):
    model = ActivityType
    extra = 0


@admin.register(SpecificObjective)
class SpecificObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl"]
    inlines = [ActivityTypeInline]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "sort_order"]


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyModelAdmin):
    """Append-only: the audit trail can be read here, never changed."""

    list_display = ["created_at", "actor", "action", "object_type", "object_id", "to_state"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "action"]
