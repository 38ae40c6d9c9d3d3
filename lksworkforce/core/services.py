"""Writes of cross-cutting policy."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.models import SuppressionPolicy


@transaction.atomic
def suppression_policy_set(
    *, actor: Any, minimum_group_size: int, effective_from: date, notes: str = ""
) -> SuppressionPolicy:
    """Set the suppression threshold from a date (replacing one set for the same date)."""
    if minimum_group_size < 2:  # a group of one is a person
        raise ValidationError({"minimum_group_size": "The smallest group shown must be 2 or more people"})
    policy, created = SuppressionPolicy.objects.update_or_create(
        effective_from=effective_from, defaults={"minimum_group_size": minimum_group_size, "notes": notes}
    )
    audit_record(
        actor=actor,
        action="suppression_policy.created" if created else "suppression_policy.updated",
        obj=policy,
        summary=str(policy),
        changes={"minimum_group_size": minimum_group_size, "effective_from": effective_from.isoformat()},
    )
    return policy
