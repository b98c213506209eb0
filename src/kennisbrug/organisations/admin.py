"""Back office for the registry (secretariat). Changes go through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.forms import add_service_errors

from . import services
from .constants import MembershipStatus
from .forms import OrganisationForm, organisation_data
from .models import Expert, Membership, Organisation, ResearchGroup


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "status", "message"]
    readonly_fields = ["user", "role", "status", "message"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OrganisationAdminForm(OrganisationForm):
    """Runs the registry's checks up front, so the admin shows errors on the fields."""

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                services.organisation_validate(
                    data=organisation_data(self),
                    organisation=self.instance if self.instance.pk else None,
                )
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "type", "country", "nuts3", "size_class", "is_demo"]
    list_filter = ["type", "country", "size_class", "is_demo", "nuts3__in_programme_area"]
    search_fields = ["name", "kbo_number", "kvk_number", "vat_number"]
    list_select_related = ["country", "nuts3"]
    readonly_fields = ["slug", "nuts3", "municipality", "size_class", "created_by"]
    inlines = [MembershipInline]

    # Saving runs the registry services, which allow the secretariat only.
    def has_add_permission(self, request):
        return request.user.is_secretariat and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_secretariat and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # Normal model saving would skip identifier checks and region derivation;
        # the form has run organisation_validate, so these calls succeed.
        if change:
            services.organisation_update(
                organisation=obj, updated_by=request.user, data=organisation_data(form)
            )
        else:
            created = services.organisation_create(
                created_by=request.user, data=organisation_data(form)
            )
            obj.pk, obj.slug = created.pk, created.slug

    def save_related(self, request, form, formsets, change):
        # organisation_create/update set sectors and technologies already.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user", "organisation"]
    actions = ["approve", "reject"]

    def _decide(self, request, queryset, service):
        done = 0
        for membership in queryset.filter(status=MembershipStatus.PENDING):
            try:
                service(membership=membership, decided_by=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, f"{membership}: {exc}")
        messages.success(request, _("%(count)d requests decided.") % {"count": done})

    @admin.action(description=_("Approve selected requests"))
    def approve(self, request, queryset):
        self._decide(request, queryset, services.membership_approve)

    @admin.action(description=_("Reject selected requests"))
    def reject(self, request, queryset):
        self._decide(request, queryset, services.membership_reject)


# Research groups and experts reach the search index through their save and delete
# signals (research/receivers.py), so the plain admin keeps the index current too.
@admin.register(ResearchGroup)
class ResearchGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "is_demo"]
    search_fields = ["name", "organisation__name", "expertise"]
    raw_id_fields = ["organisation"]
    filter_horizontal = ["sectors", "technologies"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "research_group", "listed"]
    list_filter = ["listed"]
    search_fields = ["name", "organisation__name", "expertise"]
    raw_id_fields = ["organisation", "research_group"]
