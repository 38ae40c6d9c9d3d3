"""Writes of cross-cutting policy."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import StaleEdit, claim_version, differences, expected
from lksworkforce.core.models import SuppressionPolicy
from lksworkforce.core.viewers import Caller

POLICY_LABELS = {"minimum_group_size": "Smallest group shown", "notes": "Notes"}


@transaction.atomic
def suppression_policy_set(
    *, actor: Caller | None, minimum_group_size: int, effective_from: date, notes: str = "", expected_version: int = 0
) -> SuppressionPolicy:
    """Set the suppression threshold from a date, replacing the one set for that date only from
    the version the person saw (`expected_version`; 0: none was set for that date). ADR 12."""
    if minimum_group_size < 2:  # a group of one is a person
        raise ValidationError({"minimum_group_size": "The smallest group shown must be 2 or more people"})
    version = expected(expected_version)
    values = {"minimum_group_size": minimum_group_size, "notes": notes}
    current = SuppressionPolicy.objects.filter(effective_from=effective_from).first()
    if current is None and version == 0:
        try:
            with transaction.atomic():  # set for the same date at once elsewhere: a unique date
                policy = SuppressionPolicy.objects.create(effective_from=effective_from, **values)
        except IntegrityError:
            raise _stale_policy(effective_from, values) from None
        created = True
    elif current is not None and claim_version(SuppressionPolicy.objects, pk=current.pk, version=version, **values):
        policy, created = SuppressionPolicy.objects.get(pk=current.pk), False
    else:
        raise _stale_policy(effective_from, values)
    audit_record(
        actor=actor,
        action="suppression_policy.created" if created else "suppression_policy.updated",
        obj=policy,
        summary=str(policy),
        changes={"minimum_group_size": minimum_group_size, "effective_from": effective_from.isoformat()},
    )
    return policy


def _stale_policy(effective_from: date, yours: dict[str, Any]) -> StaleEdit:
    saved = SuppressionPolicy.objects.filter(effective_from=effective_from).first()
    now = {"minimum_group_size": saved.minimum_group_size, "notes": saved.notes} if saved else {}
    what = f"The threshold from {effective_from.day} {effective_from:%B %Y}"
    return StaleEdit(what, differences(POLICY_LABELS, yours, now, every=True))
