"""A person's record of learning they did, from the catalogue or not."""

from django.conf import settings
from django.db import models

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
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        indexes = [models.Index(fields=["person", "done_on"]), models.Index(fields=["organisation", "done_on"])]

    def __str__(self) -> str:
        return self.title
