"""Reads of cross-cutting policy."""

from datetime import date

from django.utils import timezone

from lksworkforce.core.disclosure import DEFAULT_THRESHOLD
from lksworkforce.core.models import SuppressionPolicy


def suppression_threshold(on: date | None = None) -> int:
    """The smallest group that aggregates may show on `on` (today by default): the policy in force,
    or the default of 5 when none has been set."""
    on = on or timezone.localdate()
    policy = SuppressionPolicy.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    return policy.minimum_group_size if policy else DEFAULT_THRESHOLD


def suppression_policies() -> list[SuppressionPolicy]:
    return list(SuppressionPolicy.objects.order_by("-effective_from"))
