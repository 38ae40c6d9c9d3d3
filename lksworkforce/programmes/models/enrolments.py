"""People on a cohort, and their attendance at its sessions."""

from django.conf import settings
from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.programmes.models.applications import Application
from lksworkforce.programmes.models.setup import Cohort, Session
from lksworkforce.programmes.vocabulary import Attendance, EnrolmentStatus


class Enrolment(models.Model):
    """A place taken on a cohort: from an accepted offer, or enrolled directly (a skills programme
    without selection). Organisation, region and band are as they were at enrolment."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolment"
    )
    status = models.CharField(
        max_length=20, choices=[(s.value, s.value.replace("_", " ")) for s in EnrolmentStatus], default="enrolled"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    band = models.CharField(max_length=2, blank=True)
    enrolled_at = models.DateTimeField()
    completed_on = models.DateField(null=True, blank=True)
    reaction_given = models.BooleanField(default=False, help_text="They answered the reaction feedback")
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cohort", "id"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="one_enrolment_per_cohort")]

    def __str__(self) -> str:
        return f"Enrolment {self.pk}"


class SessionAttendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=[(a.value, a.label) for a in Attendance])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edit_version = version_field()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="one_attendance_per_session")]

    def __str__(self) -> str:
        return self.status
