"""The question bank, surveys (dated cycles that ask questions from the bank), and anonymous responses.

Questions and options have stable keys that carry across cycles: answers point at the bank's
question and option, never at a position, so a cycle that rewords a question, reorders its options
or drops one leaves every stored answer meaning what it meant.

A response stores no person: no user, no address, no session, no invitation, and no time finer
than the date (see docs/adr/0010-development-needs-survey.md)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from lksworkforce.core.concurrency import version_field
from lksworkforce.core.viewers import Caller
from lksworkforce.surveys.questions import Demographic, QuestionKind


class Question(models.Model):
    """A question in the bank. Its key and type never change; its wording may, cycle by cycle."""

    key = models.CharField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in QuestionKind])
    text = models.CharField(max_length=500, help_text="The latest wording; each survey keeps its own")
    demographic = models.CharField(
        max_length=20, blank=True, choices=[(d.value, d.label) for d in Demographic], help_text="What it records"
    )

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    @property
    def kind_enum(self) -> QuestionKind:
        return QuestionKind(self.kind)


class Option(models.Model):
    """An answer a question offers. Kept in the bank when a later cycle stops offering it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(max_length=60)
    label = models.CharField(max_length=300, help_text="The latest wording; each survey keeps its own")
    score = models.SmallIntegerField(null=True, blank=True, help_text="A Likert point's score")
    # What a development need touches in the skills framework (see services.skill_links_load). Kept
    # with the bank's option, so that every cycle offering the option shares its links.
    sub_areas = models.ManyToManyField("skills.SubArea", blank=True, related_name="survey_options")

    class Meta:
        ordering = ["question", "key"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="option_key_unique_in_question")]

    def __str__(self) -> str:
        return f"{self.question.key}.{self.key}"


class SurveyQuerySet(models.QuerySet["Survey"]):
    def visible_to(self, user: Caller) -> SurveyQuerySet:
        """Results are aggregates with small groups suppressed: for every signed-in person."""
        if not user.is_authenticated:
            return self.none()
        return self

    def open_on(self, day: date) -> SurveyQuerySet:
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Survey(models.Model):
    """One cycle of the development needs survey, e.g. 2019."""

    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    cycle = models.PositiveSmallIntegerField(help_text="The year of the cycle")
    opens_on = models.DateField()
    closes_on = models.DateField(help_text="The last day responses are accepted")
    introduction = models.TextField(blank=True)
    uses_invitations = models.BooleanField(
        default=False, help_text="Only people with an invitation link may respond, once per link"
    )
    needs_question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="The top-ten question"
    )
    compare_with = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="The previous cycle"
    )
    # A random value, so that a re-import recognises a survey tool's response IDs without storing them.
    import_salt = models.CharField(max_length=32)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle", "key"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_opening")
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on

    def status_on(self, day: date) -> str:
        if day < self.opens_on:
            return "not open yet"
        return "open" if day <= self.closes_on else "closed"


class Section(models.Model):
    """A page of the survey form."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)

    class Meta:
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="section_number_unique_in_survey")]

    def __str__(self) -> str:
        return f"{self.survey.key} section {self.number}"


class SurveyQuestion(models.Model):
    """A bank question as one survey asks it: its wording, place and rules in that cycle."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="survey_questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="survey_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="survey_questions")
    position = models.PositiveSmallIntegerField(help_text="Order in the survey")
    text = models.CharField(max_length=500)
    hint = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=False)
    max_choices = models.PositiveSmallIntegerField(null=True, blank=True)
    ranks = models.PositiveSmallIntegerField(null=True, blank=True)
    min_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    max_length = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)

    # The columns that hold how the survey asks the question, named as in questions.QuestionDef:
    # loading a definition writes them and reading the survey's structure reads them back.
    ASKED_FIELDS = ("text", "hint", "required", "max_choices", "ranks", "min_value", "max_value", "max_length", "unit")

    class Meta:
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "question"], name="question_once_per_survey"),
            models.UniqueConstraint(fields=["survey", "position"], name="question_position_unique_in_survey"),
        ]

    def __str__(self) -> str:
        return f"{self.survey.key}: {self.question.key}"


class SurveyOption(models.Model):
    """A bank option as one survey offers it: its wording and place in that cycle."""

    survey_question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="survey_options")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="survey_options")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=300)

    class Meta:
        ordering = ["survey_question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey_question", "option"], name="option_once_per_survey_question")
        ]

    def __str__(self) -> str:
        return self.label


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class ResponseSource(models.TextChoices):
    WEB = "web", "Survey form"
    IMPORT = "import", "Imported file"


class ResponseQuerySet(models.QuerySet["Response"]):
    def submitted(self) -> ResponseQuerySet:
        return self.filter(status=ResponseStatus.SUBMITTED)


class Response(models.Model):
    """One respondent's answers to one survey. Anonymous: nothing here identifies the person.

    The demographic answers are copied onto the response when it is submitted (they stay answers
    too), so that every breakdown is one aggregate over the answers joined to their response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.IN_PROGRESS)
    source = models.CharField(max_length=10, choices=ResponseSource.choices)
    started_on = models.DateField(help_text="A date only: no time of day is kept")
    submitted_on = models.DateField(null=True, blank=True)
    # While in progress: a hash of the resume code the respondent holds; cleared on submission.
    resume_code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # While in progress, for an invitation-only survey: which invitation started it; cleared on submission.
    invitation = models.ForeignKey(
        "Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    last_section = models.PositiveSmallIntegerField(default=1)
    # Optimistic concurrency (ADR 12): each saved section adds one, so two tabs cannot overwrite.
    edit_version = version_field()
    # Imported responses: a hash that lets a re-import recognise the row (see services.responses_import).
    import_fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    band = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    role = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation_type = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = ResponseQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["survey", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ResponseStatus.IN_PROGRESS)
                | Q(submitted_on__isnull=False, resume_code_hash__isnull=True),
                name="submitted_response_is_dated_and_closed",
            ),
            models.CheckConstraint(
                condition=Q(status=ResponseStatus.IN_PROGRESS) | Q(invitation__isnull=True),
                name="submitted_response_has_no_invitation",
            ),
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One answer: a chosen option (one row per option for multiple choice; with its rank for a
    ranking), a number, or text."""

    # Indexed with the question (below): a response's answers, and whether it answered a question.
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="answers")
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    # True on exactly one row of each answer (the first option chosen, or the only row), so that one
    # aggregate over a question's rows counts both who chose each option and who answered at all.
    is_first = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["response", "question"], name="answer_response_question")]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="option_chosen_once_per_answer",
            ),
            models.UniqueConstraint(
                fields=["response", "question"], condition=Q(option__isnull=True), name="one_value_per_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class Invitation(models.Model):
    """A single-use invitation link. Only a hash of its random token is kept, never who it was sent to."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_on = models.DateField()
    used_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invitation to {self.survey_id}"
