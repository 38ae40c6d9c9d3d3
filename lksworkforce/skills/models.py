"""Skills frameworks as versioned data, self-assessments with their ratings, role profiles and
development plans. Individual assessments are personal: reads go through the scoped querysets."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from lksworkforce.accounts.viewers import AnyViewer, Viewer
from lksworkforce.core.concurrency import version_field
from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.models import Organisation
from lksworkforce.skills.levels import ActionKind, ActionStatus, Priority


class Framework(models.Model):
    """One version of a skills framework: areas, sub-areas, a rating scale and role profiles."""

    key = models.SlugField(max_length=60, unique=True, help_text="e.g. lks-skills-2021")
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    description = models.TextField(blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        help_text="The version this one revises; its sub-areas map to the previous version's",
    )
    is_current = models.BooleanField(default=False, help_text="Offered for new self-assessments")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_current", "key"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_framework")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class ScaleLevel(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scale")
    value = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["framework", "value"]
        constraints = [models.UniqueConstraint(fields=["framework", "value"], name="one_scale_level_per_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="one_area_per_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class SubArea(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sub_areas")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="sub_areas")
    number = models.CharField(max_length=12, help_text="e.g. 6.3")
    position = models.PositiveIntegerField(help_text="Order within the framework: 6.3 before 6.10")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    maps_to = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="mapped_from",
        help_text="Sub-areas of the previous framework version that this one continues",
    )

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="one_sub_area_per_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class RoleProfile(models.Model):
    """A role (clinical librarian, knowledge manager...) with the levels it expects in sub-areas."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="role_profiles")
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "name"]
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="one_role_profile_per_key")]

    def __str__(self) -> str:
        return self.name


class RoleExpectation(models.Model):
    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="expectations")
    sub_area = models.ForeignKey(SubArea, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "sub_area"], name="one_expectation_per_sub_area")]

    def __str__(self) -> str:
        return f"{self.profile}: {self.sub_area.number} at level {self.level}"


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, viewer: AnyViewer) -> "AssessmentQuerySet":
        """A person's own assessments, and those people chose to share with a service they manage.
        Nobody else sees an individual's assessment: regional and national views are aggregates."""
        if not viewer.is_authenticated:
            return self.none()
        return self.filter(Q(person_id=viewer.pk) | self.shared_with_q(viewer))

    @staticmethod
    def shared_with_q(viewer: Viewer) -> Q:
        """Shared with a service the viewer manages, while the person still works there: a share
        ends when they withdraw it or leave the organisation (docs/adr/0011-privacy-over-time.md)."""
        return Q(
            shared_with_manager=True,
            completed_on__isnull=False,
            organisation_id__in=viewer.managed_organisation_ids(),
            person__organisation_id=F("organisation_id"),
        )

    def owned_by(self, person: Caller) -> "AssessmentQuerySet":
        return self.filter(person_id=person.pk)


class Assessment(models.Model):
    """One dated self-assessment. The band, organisation and role are those when it was taken, so
    roll-ups and history do not shift when a person moves."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    band = models.CharField(max_length=2, blank=True)
    role_profile = models.ForeignKey(
        RoleProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    reflection = models.TextField(blank=True)
    shared_with_manager = models.BooleanField(default=False)
    # The person's latest completed assessment in its framework: what roll-ups count. Kept by services.
    is_latest = models.BooleanField(default=False)
    # Counted in the published roll-up figures: the person's latest assessment as of the last
    # snapshot that took them in (see skills/publication.py and docs/adr/0011-privacy-over-time.md).
    is_published = models.BooleanField(default=False)
    # What the person saw on the share screen when they shared, frozen: all their manager ever sees.
    shared_copy = models.JSONField(null=True, blank=True, editable=False)
    shared_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic concurrency (ADR 12): finishing and sharing add one; ratings carry their own.
    edit_version = version_field()

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["framework", "is_latest"]),
            models.Index(fields=["framework", "is_published"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "framework"], condition=Q(is_latest=True), name="one_latest_assessment_per_person"
            ),
            models.CheckConstraint(
                condition=Q(is_latest=False) | Q(completed_on__isnull=False), name="latest_assessment_is_completed"
            ),
            models.UniqueConstraint(
                fields=["person", "framework"],
                condition=Q(is_published=True),
                name="one_published_assessment_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Self-assessment started {self.started_on:%d %B %Y}"

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None


class RollupPublication(models.Model):
    """One advance of the published roll-up figures for one organisation's people (or the people
    with none): when, and how many people's contributions changed. Roll-up pages show the date."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="publications")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()
    people = models.PositiveIntegerField()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["framework", "organisation", "published_at"])]

    def __str__(self) -> str:
        return f"Roll-up published {self.published_at:%d %B %Y} ({self.people} people)"


class Rating(models.Model):
    """A person's current and target level in one sub-area. Sub-areas left blank have no rating."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    sub_area = models.ForeignKey(SubArea, on_delete=models.PROTECT, related_name="ratings")
    current = models.PositiveSmallIntegerField()
    target = models.PositiveSmallIntegerField()
    priority = models.CharField(max_length=6, choices=[(p.value, p.label) for p in Priority], blank=True)
    learning_evidence = models.TextField(blank=True, help_text="How they will show their learning")
    evidence_links = models.JSONField(default=list, blank=True)
    # Copied from the person's last finished self-assessment and not yet looked at again: saving the
    # area, or saying nothing has changed in it, clears it (skills.services.assessment_start).
    carried_over = models.BooleanField(default=False, db_default=False)  # rows the demo seed writes in SQL too
    edit_version = version_field()

    class Meta:
        ordering = ["sub_area__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "sub_area"], name="one_rating_per_sub_area")]

    def __str__(self) -> str:
        return f"{self.sub_area.number}: {self.current} -> {self.target}"


class PlanActionQuerySet(models.QuerySet["PlanAction"]):
    def owned_by(self, person: Caller) -> "PlanActionQuerySet":
        return self.filter(person_id=person.pk)


class PlanAction(models.Model):
    """A step in a person's development plan, linked to the sub-areas it develops."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_actions")
    sub_areas = models.ManyToManyField(SubArea, related_name="+", blank=True)
    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in ActionKind])
    description = models.CharField(max_length=500)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=[(s.value, s.label) for s in ActionStatus], default=ActionStatus.PLANNED.value
    )
    resource_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edit_version = version_field()

    objects = PlanActionQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return self.description
