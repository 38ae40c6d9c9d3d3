"""Feedback on a cohort: reaction at the end, and the follow-up on what people now do differently.
(Learning is read from self-assessments; results from impact case studies when they land.)"""

from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.programmes.models.enrolments import Enrolment
from lksworkforce.programmes.models.setup import Cohort


class ReactionFeedback(models.Model):
    """One participant's reaction at the end of a cohort. It keeps no link to the person (the
    enrolment's `reaction_given` records that they answered) and no date (a date beside an answer
    names who gave it when few answer on a day), so reports cannot name anyone."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="reactions")
    ratings = models.JSONField(help_text="Question key -> rating 1 to 5")
    comments = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Reaction {self.pk}"


class FollowUp(models.Model):
    """The behaviour questionnaire, due 3 to 6 months after the cohort ends, scheduled automatically."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="follow_up")
    due_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    doing_differently = models.TextField(blank=True)
    examples = models.TextField(blank=True)
    edit_version = version_field()

    def __str__(self) -> str:
        return f"Follow-up {self.pk}"
