"""Account e-mails carry a secret: the key of a password-reset link or of an e-mail check.

The message is rendered in the request (the visitor's language and links) but queued
without its secret: the key is replaced by `PLACEHOLDER` and the task gets a reference
(which person, which address) to make a fresh key when it sends. So the queue, the
dead-letter list and the admin never hold a working reset link, while a retry from the
dead-letter page still sends a working one.
"""

from typing import Any

from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress, EmailConfirmation, EmailConfirmationHMAC
from django.contrib.auth import get_user_model

PLACEHOLDER = "KENNISBRUG-SECRET-KEY"

PASSWORD_RESET = "password_reset"  # noqa: S105 - the name of a kind of mail, no password
EMAIL_CONFIRMATION = "email_confirmation"
_KINDS = {
    "account/email/password_reset_key": PASSWORD_RESET,
    "account/email/email_confirmation": EMAIL_CONFIRMATION,
    "account/email/email_confirmation_signup": EMAIL_CONFIRMATION,
}


def mail_secret(context: dict[str, Any]) -> str:
    """The secret a mail's context carries (a link key or a one-time code), or ""."""
    return str(context.get("key") or context.get("code") or "")


def mail_secret_reference(
    *, template_prefix: str, email: str, context: dict[str, Any]
) -> dict[str, Any] | None:
    """What the task needs to make the secret again, or None when it cannot (a one-time
    code is only valid as sent; such a mail must not be queued)."""
    kind = _KINDS.get(template_prefix)
    user = context.get("user")
    if kind is None or user is None or "code" in context:
        return None
    if kind == PASSWORD_RESET:
        return {"kind": kind, "user": user.pk}
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    return {"kind": kind, "address": address.pk} if address else None


def mail_secret_rebuild(reference: dict[str, Any]) -> str | None:
    """A fresh key for `reference`, or None when there is nothing to send any more (the
    person or the address is gone, or the address was confirmed meanwhile)."""
    if reference.get("kind") == PASSWORD_RESET:
        user = get_user_model().objects.filter(pk=reference.get("user", 0), is_active=True).first()
        if user is None:
            return None
        return allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    if reference.get("kind") == EMAIL_CONFIRMATION:
        address = EmailAddress.objects.filter(pk=reference.get("address", 0), verified=False).first()
        if address is None:
            return None
        if allauth_settings.EMAIL_CONFIRMATION_HMAC:
            return EmailConfirmationHMAC(address).key
        return EmailConfirmation.create(address).key
    return None
