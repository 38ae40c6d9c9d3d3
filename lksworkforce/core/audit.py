"""Recording changes. Services call `audit_record` inside their transaction."""

from typing import Any

from django.db import models

from lksworkforce.core.models import AuditEvent
from lksworkforce.core.viewers import Caller, caller_id


def audit_record(
    *,
    actor: Caller | None,
    action: str,
    obj: models.Model,
    summary: str,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor_id=caller_id(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:300],
        changes=changes or {},
    )


def audit_note(
    *, actor: Caller | None, action: str, object_type: str, summary: str, changes: dict[str, Any] | None = None
) -> AuditEvent:
    """An event tied to no record, for a change whose record is gone and must not be named (an
    erased person): what happened, by whom and when, and nothing that identifies anyone else."""
    return AuditEvent.objects.create(
        actor_id=caller_id(actor),
        action=action,
        object_type=object_type,
        object_id="",
        summary=summary[:300],
        changes=changes or {},
    )


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields whose values differ, as {field: [old, new]} with values made JSON-safe."""
    return {
        key: [_json_safe(before.get(key)), _json_safe(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
