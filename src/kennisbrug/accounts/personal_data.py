"""The person's own data: everything in one export, and deleting the account (GDPR).

The apps say what they hold through `kennisbrug.core.personal_data.sources`; this module
runs the export and the deletion over all of them. See docs/privacy.md.
"""

from __future__ import annotations

import uuid
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.personal_data import (
    PersonalDataSource,
    audit_entries_about,
    audit_scrub,
    sources,
)

from .models import ApiToken, User

EXPORT_FORMAT = 1
DELETED_EMAIL_DOMAIN = "deleted.invalid"


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _subjects(user: User) -> list:
    found: list = []
    for source in sources:
        found.extend(source.subjects(user))
    return found


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about `user`, as JSON-able data (one section per app,
    then the audit entries by or about them)."""
    data: dict[str, Any] = {"format": EXPORT_FORMAT, "generated_at": _iso(timezone.now())}
    for name, source in sources.items():
        data[name] = source.export(user)
    data["audit_entries"] = [
        {
            "when": _iso(entry.created_at),
            "by_me": entry.actor_id == user.pk,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "from_state": entry.from_state,
            "to_state": entry.to_state,
            "reason": entry.reason,
            "details": entry.data,
        }
        for entry in audit_entries_about(user=user, subjects=_subjects(user))
    ]
    return data


def account_delete_refusals(*, user: User) -> list[str]:
    """Why `user` cannot delete their account now (translated); empty when they can."""
    reasons: list[str] = []
    for source in sources:
        reasons.extend(source.refusals(user))
    return reasons


@transaction.atomic
def account_delete(*, user: User, password: str) -> None:
    """Delete the person's account: every app erases or anonymises what it holds about them.

    Raises ValidationError for a wrong password or when the deletion must wait (the
    reasons from `account_delete_refusals`); nothing changes then. The user row stays as
    an anonymous, inactive placeholder without personal data, because records the
    programme must keep (voucher applications, bookings, the audit trail) point to it.
    """
    if not password or not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    user = User.objects.select_for_update().get(pk=user.pk)
    reasons = account_delete_refusals(user=user)
    if reasons:
        raise ValidationError(reasons)
    audit_scrub(user=user, subjects=_subjects(user))
    for source in sources:
        source.erase(user)
    user.email = f"deleted-{uuid.uuid4().hex}@{DELETED_EMAIL_DOMAIN}"
    user.full_name = user.first_name = user.last_name = ""
    user.platform_role = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(actor=None, action="account_deleted", obj=user)


# The account's own records.


def _account_export(user: User) -> dict:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "full_name": user.full_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "platform_role": user.platform_role,
        "is_staff": user.is_staff,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.key_prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in ApiToken.objects.filter(user=user).order_by("created_at")
        ],
    }


def _account_erase(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    # The back office's history names the user in its text; keep the event, not the name.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr="", change_message="")
    # Their sessions stop working with the new password anyway; remove them as well.
    # Through the session engine, so a copy in the cache (cached_db with Redis) goes too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()


def _account_subjects(user: User) -> list:
    return [user, *ApiToken.objects.filter(user=user)]


SOURCE = PersonalDataSource(
    export=_account_export, erase=_account_erase, subjects=_account_subjects
)
