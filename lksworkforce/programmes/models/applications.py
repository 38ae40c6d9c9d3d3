"""Applications for a cohort's places: the manager's support, the panel's scores, offers and the
waiting list. Region, organisation and band are as they were when the person applied (fair shares
and the equity figures count them there)."""

from django.conf import settings
from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.programmes.models.setup import Cohort
from lksworkforce.programmes.vocabulary import ApplicationStatus


class Application(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    statement = models.TextField(help_text="The applicant's statement against the programme's criteria")
    status = models.CharField(max_length=20, choices=[(s.value, s.label) for s in ApplicationStatus])
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    band = models.CharField(max_length=2, blank=True)
    could_not_travel = models.BooleanField(default=False, help_text="The applicant said travel is a barrier")
    submitted_at = models.DateTimeField()
    # The support asked of the service manager, where the programme needs it.
    support_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supported = models.BooleanField(null=True, blank=True)
    support_reason = models.TextField(blank=True)
    support_decided_at = models.DateTimeField(null=True, blank=True)
    # The panel's total over the criteria, kept with the scores (panel_scores) it is made from.
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    reply_by = models.DateField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="one_application_per_cohort")]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self) -> str:
        return f"Application {self.pk}"


class PanelScore(models.Model):
    """One panel member's score of one application against one criterion (its index in the programme's list)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="panel_scores")
    panel_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    criterion = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField()
    edit_version = version_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "panel_member", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.score}"
