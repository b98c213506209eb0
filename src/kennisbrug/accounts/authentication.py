"""DRF authentication with personal API tokens: `Authorization: Token kb_…`."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from kennisbrug.core import second_factor

from .models import ApiToken


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str):
        if len(key) > 200:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                _(
                    "This token expired on %(date)s. Create a new one on the "
                    "“Personal API tokens” page of your account."
                )
                % {"date": formats.date_format(timezone.localtime(token.expires_at), "j F Y")},
                code="token_expired",
            )
        # Recording use at most once a minute keeps reads from writing on every call.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        second_factor.use_token(token)
        return (token.user, token)
