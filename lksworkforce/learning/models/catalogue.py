"""The catalogue: resources, what they teach, topics (curated order first) and the resource sheets."""

from django.db import models
from django.db.models import Q

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.core.concurrency import version_field
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus, SheetKind

BAND_CHOICES = [(b, f"Band {b}") for b in AFC_BANDS]


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> "ResourceQuerySet":
        return self.filter(status=ResourceStatus.PUBLISHED)


class Resource(models.Model):
    """A piece of learning the catalogue signposts. Retired resources stay, for history."""

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in ResourceKind])
    provider = models.CharField(max_length=200, blank=True)
    url = models.URLField("Web address", max_length=500)
    format = models.CharField(max_length=120, blank=True, help_text="e.g. Online, self-paced")
    length_minutes = models.PositiveIntegerField(null=True, blank=True, help_text="How long it takes, in minutes")
    cost = models.CharField(max_length=4, choices=[(c.value, c.label) for c in Cost], default=Cost.FREE)
    cost_note = models.CharField(max_length=200, blank=True)
    band_from = models.CharField(max_length=2, blank=True, choices=BAND_CHOICES, help_text="Blank: any band")
    band_to = models.CharField(max_length=2, blank=True, choices=BAND_CHOICES, help_text="Blank: any band")
    roles = models.JSONField(default=list, blank=True, help_text="Role profile keys it suits; empty: any role")
    licence = models.CharField(max_length=120, blank=True)
    added_on = models.DateField()
    review_due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=[(s.value, s.label) for s in ResourceStatus], default=ResourceStatus.DRAFT
    )
    sub_areas = models.ManyToManyField("skills.SubArea", through="Teaches", related_name="+", blank=True)
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["status", "added_on"]), models.Index(fields=["url"])]

    def __str__(self) -> str:
        return self.title


class Teaches(models.Model):
    """A skills framework sub-area a resource teaches, to a level where the curator knows it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="teaches")
    sub_area = models.ForeignKey("skills.SubArea", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resource", "sub_area"], name="teaches_once")]
        indexes = [models.Index(fields=["sub_area", "resource"])]

    def __str__(self) -> str:
        return f"{self.resource_id} teaches {self.sub_area_id}"


class Topic(models.Model):
    """A topic page (costing and pricing, lean thinking...): an introduction and its resources."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    edit_version = version_field()
    updated_at = models.DateTimeField(auto_now=True)
    resources = models.ManyToManyField(Resource, through="TopicEntry", related_name="topics", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TopicEntry(models.Model):
    """A resource in a topic; `position` is the curated order (null: after the curated ones, by title)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="entries")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="topic_entries")
    position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "resource"], name="topic_entry_once")]
        ordering = [models.F("position").asc(nulls_last=True), "resource__title"]

    def __str__(self) -> str:
        return f"{self.resource_id} in topic {self.topic_id}"


class ResourceSheet(models.Model):
    """One of the two resource sheets for bands 2 to 4: a curated, ordered list with an introduction."""

    kind = models.CharField(max_length=12, unique=True, choices=[(k.value, k.label) for k in SheetKind])
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    edit_version = version_field()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title


class SheetEntry(models.Model):
    sheet = models.ForeignKey(ResourceSheet, on_delete=models.CASCADE, related_name="entries")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="sheet_entries")
    position = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True, help_text="Why it is on the sheet, or how to use it")

    class Meta:
        ordering = ["sheet", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "resource"], name="sheet_entry_once"),
            models.CheckConstraint(condition=Q(position__gte=1), name="sheet_entry_position_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} on sheet {self.sheet_id} at {self.position}"
