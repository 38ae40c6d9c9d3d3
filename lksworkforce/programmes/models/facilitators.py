"""The facilitator register and its cascades: train-the-trainer events, who they trained, and the
sessions those facilitators then ran locally."""

from django.conf import settings
from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.programmes.models.setup import Programme
from lksworkforce.programmes.vocabulary import FacilitationKind

KIND_CHOICES = [(k.value, k.label) for k in FacilitationKind]


class TrainingEvent(models.Model):
    """A train-the-trainer event: the start of a cascade."""

    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    edit_version = version_field()

    class Meta:
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return self.title


class Facilitator(models.Model):
    """A person trained to facilitate one kind of session, when and by which event (or trainer)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitations")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    trained_on = models.DateField()
    trained_at = models.ForeignKey(
        TrainingEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="trained"
    )
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    sessions_per_year = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    edit_version = version_field()

    class Meta:
        ordering = ["region", "kind", "id"]

    def __str__(self) -> str:
        return f"Facilitator {self.pk}"


class FacilitatedSession(models.Model):
    """A session a facilitator ran locally, and how many people it reached."""

    facilitator = models.ForeignKey(Facilitator, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    people_reached = models.PositiveIntegerField()
    edit_version = version_field()

    class Meta:
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return self.title
