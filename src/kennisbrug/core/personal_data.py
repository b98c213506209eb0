"""What the platform holds about one person, per app: export and erasure (GDPR).

Each app registers, from its `AppConfig.ready()`, a `PersonalDataSource` for the records
it keeps about a person: how to export them (plain JSON data), how to erase them when
the person deletes their account (remove, or anonymise what must stay for the programme's
records), why the deletion must wait (e.g. the last admin of an organisation), and which
of its records are *about* the person (their audit entries are the person's too). The
accounts app runs the export and the deletion over every registered source, so a new app
with personal data only has to register here.

The audit trail is core's own: `audit_entries_about` finds the entries by or about the
person, `audit_scrub` keeps their events and drops what they say (reason, details).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from .models import AuditLog
from .registry import Registry


def _nothing(user: Any) -> list:
    return []


@dataclass(frozen=True)
class PersonalDataSource:
    """One app's personal data about a user.

    export(user) -> JSON-able data (section of the export, named by the registration);
    erase(user) -> None: remove or anonymise, inside the deletion's transaction;
    refusals(user) -> list of translated reasons why the account cannot be deleted yet;
    subjects(user) -> the records that are about the person (for the audit trail).
    """

    export: Callable[[Any], Any]
    erase: Callable[[Any], None]
    refusals: Callable[[Any], list[str]] = field(default=_nothing)
    subjects: Callable[[Any], Iterable[models.Model]] = field(default=_nothing)


sources: Registry[PersonalDataSource] = Registry("personal data sources")


def _about(user: Any, subjects: Iterable[models.Model]) -> Q:
    query = Q(actor=user)
    by_type: dict[str, set[str]] = {}
    for obj in subjects:
        by_type.setdefault(obj._meta.label_lower, set()).add(str(obj.pk))
    for object_type, ids in by_type.items():
        query |= Q(object_type=object_type, object_id__in=sorted(ids))
    return query


def audit_entries_about(*, user: Any, subjects: Iterable[models.Model]):
    """Audit entries written by the person or about one of their records, oldest first."""
    return AuditLog.objects.filter(_about(user, subjects)).order_by("created_at", "id")


def audit_scrub(*, user: Any, subjects: Iterable[models.Model]) -> int:
    """Keep the events (who as an anonymous account, what, when, which object, states)
    but drop their free text and details, which may hold personal data."""
    return AuditLog.objects.filter(_about(user, subjects)).update(reason="", data={})
