"""Back office for users and tokens (secretariat)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.admin import ReadOnlyModelAdmin

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users by email. Only a superuser grants staff, superuser, groups and permissions,
    so a secretariat member who may change users cannot raise their own rights."""

    ordering = ["email"]
    list_display = ["email", "full_name", "platform_role", "is_staff", "is_active", "last_login"]
    list_filter = ["platform_role", "is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "platform_role")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups", "user_permissions", "platform_role"]
        return fields


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyModelAdmin):
    """Only the prefix and dates; the hash is never shown. Revoking is the owner's action."""

    list_display = ["name", "user", "key_prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "user__email", "key_prefix"]
    list_select_related = ["user"]
    exclude = ["key_hash"]
