"""Reads of the accounts app: a person's tokens."""

from django.db.models import QuerySet

from .models import ApiToken, User

MAX_ID = 2**63 - 1


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's active (not revoked) tokens, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def api_token_get(*, user: User, token_id: int) -> ApiToken | None:
    """One active token of `user`, or None (also when it belongs to someone else)."""
    if not 0 < token_id <= MAX_ID:  # larger ids overflow the database integer
        return None
    return api_token_list(user=user).filter(pk=token_id).first()
