"""Back office for project ideas, networks and challenges (secretariat, read-only:
invitations, memberships and responses move through the services' state tables)."""

from django.contrib import admin

from kennisbrug.core.admin import ReadOnlyModelAdmin

from .models import (
    Challenge,
    ChallengeResponse,
    IdeaPartner,
    Network,
    NetworkMembership,
    PartnerInvitation,
    ProjectIdea,
)


class IdeaPartnerInline(admin.TabularInline):
    model = IdeaPartner
    fields = ["organisation", "name", "role", "country", "budget"]
    readonly_fields = ["organisation", "name", "role", "country", "budget"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProjectIdea)
class ProjectIdeaAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "lead_organisation", "visibility", "status", "created_at"]
    list_filter = ["status", "visibility"]
    search_fields = ["title", "summary", "lead_organisation__name"]
    list_select_related = ["lead_organisation"]
    inlines = [IdeaPartnerInline]


@admin.register(PartnerInvitation)
class PartnerInvitationAdmin(ReadOnlyModelAdmin):
    list_display = ["idea", "organisation", "role", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["idea", "organisation"]


@admin.register(Network)
class NetworkAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "kind", "owner_organisation", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ReadOnlyModelAdmin):
    list_display = ["network", "organisation", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["network", "organisation"]


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "owner_organisation", "deadline", "status"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(ChallengeResponse)
class ChallengeResponseAdmin(ReadOnlyModelAdmin):
    list_display = ["challenge", "organisation", "status", "created_at"]
    list_filter = ["status"]
