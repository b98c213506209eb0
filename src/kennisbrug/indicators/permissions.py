"""Who may see what: detailed indicator lists for the secretariat and intermediaries."""

from rest_framework.permissions import BasePermission


def can_view_indicators(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (getattr(user, "is_secretariat", False) or getattr(user, "is_intermediary", False))
    )


class IsSecretariatOrIntermediary(BasePermission):
    message = "Only the programme secretariat and intermediaries can see detailed indicators."

    def has_permission(self, request, view) -> bool:
        return can_view_indicators(request.user)
