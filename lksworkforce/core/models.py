"""Cross-cutting records: the audit trail of changes."""

from django.conf import settings
from django.db import models

from lksworkforce.core.concurrency import version_field


class AuditEvent(models.Model):
    """Who changed what, and when. Written by services, never by views."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"


class SuppressionPolicy(models.Model):
    """The smallest group whose figures may be shown in an aggregate, in force from a date.
    Policy is data: the national team changes it; aggregates read it through
    `core.selectors.suppression_threshold`."""

    minimum_group_size = models.PositiveSmallIntegerField(
        help_text="Groups with fewer people than this are shown as 'fewer than N'"
    )
    effective_from = models.DateField(unique=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edit_version = version_field()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "suppression policy"
        verbose_name_plural = "suppression policies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_group_size__gte=2), name="suppression_threshold_at_least_two"
            )
        ]

    def __str__(self) -> str:
        return f"Groups under {self.minimum_group_size} suppressed from {self.effective_from:%d %B %Y}"
