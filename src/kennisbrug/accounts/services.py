"""Writes of the accounts app: personal API tokens.

The token page and the token API both call these functions, so the rules (name
length, how many tokens a person may hold, who may revoke) live in one place.
"""

import logging
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.validators import CONTROL_CHARACTERS_MESSAGE, has_control_characters

from .models import ApiToken, User

logger = logging.getLogger(__name__)

TOKEN_NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length or 80
MAX_ACTIVE_TOKENS = 20
TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365
# What the token page offers; the API takes any whole number of days in 1..TOKEN_MAX_DAYS.
TOKEN_LIFETIME_CHOICES = (7, 30, 90, 180, 365)


def _name_error(message: Any, code: str) -> ValidationError:
    return ValidationError({"name": ValidationError(message, code=code)})


def clean_token_name(name: object) -> str:
    """The token name as stored; raises ValidationError for an unusable name."""
    if not isinstance(name, str):
        raise _name_error(_("Give the token a name."), "invalid")
    name = " ".join(name.split())
    if not name:
        raise _name_error(_("Give the token a name."), "required")
    if len(name) > TOKEN_NAME_MAX_LENGTH:
        raise _name_error(
            _("Use at most %(limit)d characters for the name.") % {"limit": TOKEN_NAME_MAX_LENGTH},
            "max_length",
        )
    if has_control_characters(name, multiline=False):
        raise _name_error(CONTROL_CHARACTERS_MESSAGE, "invalid")
    return name


def clean_token_lifetime(days: object) -> int:
    """The lifetime in days; raises ValidationError unless it is a whole number in 1..365."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValidationError(
            {
                "expires_in_days": ValidationError(
                    _("Choose a validity of 1 to %(limit)d days.") % {"limit": TOKEN_MAX_DAYS},
                    code="invalid",
                )
            }
        )
    return days


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    expires_in_days: int = TOKEN_DEFAULT_DAYS,
    second_factor: bool = False,
) -> tuple[ApiToken, str]:
    """Create a personal API token for `user` and return it with the raw token.

    The raw token is returned once and never stored (only its hash is); it stops
    working after `expires_in_days` days (1..TOKEN_MAX_DAYS).
    Raises ValidationError when the name is empty, too long or contains control
    characters, when the lifetime is out of range, or when the user already holds
    MAX_ACTIVE_TOKENS active tokens. Who may call this (a signed-in session, not a
    token) is the caller's check: a service does not know how the person got in.
    """
    name = clean_token_name(name)
    expires_in_days = clean_token_lifetime(expires_in_days)
    # Lock the user row so two concurrent requests cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise _name_error(
            _("You already have %(limit)d active tokens; revoke one first.")
            % {"limit": MAX_ACTIVE_TOKENS},
            "limit",
        )
    raw, prefix, key_hash = ApiToken.generate()
    token = ApiToken(
        user=user,
        name=name,
        key_prefix=prefix,
        key_hash=key_hash,
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days),
        second_factor=second_factor,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=user,
        action="api_token_created",
        obj=token,
        data={"name": name, "expires_in_days": expires_in_days, "second_factor": second_factor},
    )
    transaction.on_commit(
        lambda: logger.info("api_token_created user=%s token=%s", user.pk, token.pk)
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    """Revoke `token`; from then on it no longer authenticates.

    Only the token's owner may revoke it (PermissionDenied otherwise). Revoking a
    token that is already revoked changes nothing.
    """
    if token.user_id != user.pk:
        raise PermissionDenied(_("You can only revoke your own tokens."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=user, action="api_token_revoked", obj=token)
        transaction.on_commit(
            lambda: logger.info("api_token_revoked user=%s token=%s", user.pk, token.pk)
        )
    return token


def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every active token of `user` (password changed or reset, account
    deactivated): a token must not outlive the credential it was created under.
    Returns how many were revoked; records one audit entry when any were."""
    count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if count:
        audit_record(
            actor=None,
            action="api_tokens_revoked",
            obj=user,
            reason=reason,
            data={"count": count},
        )
        transaction.on_commit(
            lambda: logger.info(
                "api_tokens_revoked user=%s count=%s reason=%s", user.pk, count, reason
            )
        )
    return count
