"""What recommendations need beyond the catalogue: what a person dismissed, and the weights."""

from django.conf import settings
from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.learning.models.catalogue import Resource


class Dismissal(models.Model):
    """A resource the person does not want recommended again."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "resource"], name="dismissed_once")]

    def __str__(self) -> str:
        return f"{self.person_id} dismissed {self.resource_id}"


class RecommendationWeights(models.Model):
    """The policy behind recommendations, which the national team can see and change: one row
    (the latest is in force; earlier rows are the history). Defaults in learning/scoring.py."""

    gap = models.FloatField(help_text="Per level of gap (target minus current) on a sub-area it teaches")
    role_expectation = models.FloatField(help_text="Per level the role profile expects above the current rating")
    region_need = models.FloatField(help_text="When a sub-area it teaches is in the region's top ten needs")
    national_need = models.FloatField(help_text="When a sub-area it teaches is in the nation's top ten needs")
    band_suits = models.FloatField(help_text="When it suits the person's band")
    free = models.FloatField(help_text="When it is free")
    fresh = models.FloatField(help_text="When it was added in the last year")
    review_overdue = models.FloatField(help_text="Taken off when it is past its review date")
    edit_version = version_field()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edit_version", "-id"]
        # The nth saved set of weights is version n: two saves from the same version cannot both be
        # written (on PostgreSQL or SQLite), so the loser is told, as for any other stale edit.
        constraints = [models.UniqueConstraint(fields=["edit_version"], name="weights_version_once")]

    def __str__(self) -> str:
        return f"Recommendation weights of {self.changed_at:%Y-%m-%d %H:%M}"
