"""A person's record of learning they did, from the catalogue or not."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from lksworkforce.core.concurrency import version_field
from lksworkforce.learning.models.catalogue import Resource


class LearningRecord(models.Model):
    """Private to the person unless shared with their service manager (as shared self-assessments
    are). `organisation` and `band` are as they were when it was recorded, for suppressed aggregates."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_records")
    resource = models.ForeignKey(Resource, null=True, blank=True, on_delete=models.SET_NULL, related_name="records")
    title = models.CharField(max_length=300, help_text="What they did")
    done_on = models.DateField()
    minutes = models.PositiveIntegerField(help_text="How long it took, in minutes")
    sub_areas = models.ManyToManyField("skills.SubArea", related_name="+", blank=True)
    learnt = models.TextField("What I learnt", blank=True)
    will_do_differently = models.TextField("What I will do differently", blank=True)
    evidence_links = models.JSONField(default=list, blank=True)
    plan_step_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The development plan action this learning did (skills' PlanStep id)"
    )
    shared_with_manager = models.BooleanField(default=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    band = models.CharField(max_length=2, blank=True)
    # Learning completed in another app names itself here ("programmes:enrolment:42"), so that it
    # is recorded once per person however often the other app says so; blank for the person's own.
    source_key = models.CharField(max_length=100, blank=True, default="")
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        indexes = [models.Index(fields=["person", "done_on"]), models.Index(fields=["organisation", "done_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "source_key"], condition=~Q(source_key=""), name="learning_record_once_per_source"
            )
        ]

    def __str__(self) -> str:
        return self.title


class FrozenRecordYear(models.Model):
    """A closed year whose learning figures have been frozen (docs: the privacy-over-time rule on the
    aggregates page). Figures are read only from the frozen rows, so no record added, changed or
    removed after the freeze can move a figure anyone else reads."""

    year = models.PositiveSmallIntegerField(unique=True)
    frozen_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.year)


class FrozenLearning(models.Model):
    """One person's learning in a frozen year, without saying whose: their total (`area` null), or
    their part in one framework area. One row per person (and area), so that counting rows counts
    people. It names nobody: the published figures stay as published when a person is erased."""

    year = models.PositiveSmallIntegerField()
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    band_group = models.CharField(max_length=20)
    area = models.ForeignKey("skills.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    minutes = models.PositiveIntegerField()
    records = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["year", "organisation"]), models.Index(fields=["year", "region"])]

    def __str__(self) -> str:
        return f"{self.year}: {self.minutes} minutes"
