"""The curators' queue: people's suggestions, and what the link checker and the review dates raise."""

from django.conf import settings
from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.learning.models.catalogue import Resource, ResourceSheet
from lksworkforce.learning.vocabulary import LinkOutcome, SuggestionKind, SuggestionStatus


class Suggestion(models.Model):
    """Something for a curator to decide. `suggested_by` is null for what the service raised itself
    (the link checker, review dates, a need with nothing on offer)."""

    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in SuggestionKind])
    status = models.CharField(
        max_length=10, choices=[(s.value, s.label) for s in SuggestionStatus], default=SuggestionStatus.WAITING
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resource = models.ForeignKey(
        Resource,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestions",
        help_text="The resource a correction, addition or link report is about",
    )
    sheet = models.ForeignKey(ResourceSheet, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField("Web address", max_length=500, blank=True)
    details = models.TextField(blank=True, help_text="What the suggester said, or what the service found")
    proposed = models.JSONField(default=dict, blank=True, help_text="A new resource's fields, as suggested")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was declined, for the suggester")
    outcome_resource = models.ForeignKey(
        Resource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The resource it was accepted as, or merged into",
    )
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["suggested_by", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title or self.url}"


class LinkCheck(models.Model):
    """The latest check of a resource's web address (one row per resource)."""

    resource = models.OneToOneField(Resource, on_delete=models.CASCADE, related_name="link_check")
    checked_at = models.DateTimeField()
    outcome = models.CharField(max_length=12, choices=[(o.value, o.label) for o in LinkOutcome])
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=500, blank=True, help_text="Where a moved link now goes")
    message = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.outcome}"
