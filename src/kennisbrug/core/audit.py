"""The audit trail: one call records who changed what."""

from typing import Any

from django.db import models

from .models import AuditLog

# Labels of audit actions that are not workflow steps ("voucher_application_created"),
# registered by the apps that write them (in their AppConfig.ready()).
ACTION_LABELS: dict[str, Any] = {}


def register_action_labels(labels: dict[str, Any]) -> None:
    ACTION_LABELS.update(labels)


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditLog:
    """Append an audit record for `obj`. `actor` may be None for system actions."""
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )


def audit_trail(obj: models.Model):
    return AuditLog.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
