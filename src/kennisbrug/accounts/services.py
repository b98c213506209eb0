"""Writes of the accounts app: personal API tokens.

The token page and the token API both call these functions, so the rules (name
length, how many tokens a person may hold, who may revoke) live in one place.
"""

import logging
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


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token for `user` and return it with the raw token.

    The raw token is returned once and never stored (only its hash is).
    Raises ValidationError when the name is empty, too long or contains control
    characters, or when the user already holds MAX_ACTIVE_TOKENS active tokens.
    """
    name = clean_token_name(name)
    # Lock the user row so two concurrent requests cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise _name_error(
            _("You already have %(limit)d active tokens; revoke one first.")
            % {"limit": MAX_ACTIVE_TOKENS},
            "limit",
        )
    raw, prefix, key_hash = ApiToken.generate()
    token = ApiToken(user=user, name=name, key_prefix=prefix, key_hash=key_hash)
    token.full_clean()
    token.save()
    audit_record(actor=user, action="api_token_created", obj=token, data={"name": name})
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
