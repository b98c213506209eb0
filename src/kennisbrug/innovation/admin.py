from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import InnovationQuestion, Introduction


@admin.register(InnovationQuestion)
class InnovationQuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "visibility", "status", "created_at"]
    list_filter = ["visibility", "status", "is_demo"]
    search_fields = ["title", "description", "organisation__name"]
    autocomplete_fields = []
    raw_id_fields = ["organisation", "author"]


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = [
        "requester_organisation",
        "provider_organisation",
        "target_kind",
        "state",
        "created_at",
        "expires_at",
    ]
    list_filter = ["state", "target_kind", "is_demo"]
    raw_id_fields = [
        "question",
        "requester_organisation",
        "provider_organisation",
        "requested_by",
        "responded_by",
    ]
    readonly_fields = ["state", "decided_at"]
    actions = ["expire_due"]

    @admin.action(description=_("Expire requests past their expiry date"))
    def expire_due(self, request, queryset):
        count = services.introductions_expire()
        self.message_user(request, _("%(n)s expired.") % {"n": count}, messages.SUCCESS)
