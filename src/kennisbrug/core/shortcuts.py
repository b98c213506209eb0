"""Small helpers every app's services and selectors share."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)


def get_object(model_or_queryset: type[M] | models.QuerySet[M], **lookups) -> M | None:
    """The one row matching `lookups`, or None (also for a malformed key such as "abc")."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    try:
        return queryset.get(**lookups)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        return None


def model_set_fields(instance: M, *, fields: Iterable[str], data: dict[str, Any]) -> list[str]:
    """Copy `data` onto `instance`, refusing keys outside the whitelist `fields`.

    Returns the names that were set. A key outside the whitelist is a programming
    error (a face passed something the service does not offer), hence ValueError.
    """
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"unknown {instance._meta.model_name} fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)
    return list(data)


def model_update(*, instance: M, fields: Iterable[str], data: dict[str, Any]) -> tuple[M, bool]:
    """Set the whitelisted `fields` found in `data`, full_clean, save only what changed.

    Returns the instance and whether anything changed. Raises ValidationError from
    the model's validators and constraints; nothing is written then.
    """
    changed = [name for name in fields if name in data and getattr(instance, name) != data[name]]
    model_set_fields(instance, fields=fields, data={name: data[name] for name in changed})
    if not changed:
        return instance, False
    instance.full_clean()
    update_fields = [*changed]
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    return instance, True
