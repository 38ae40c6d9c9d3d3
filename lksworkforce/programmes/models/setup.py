"""Programmes, their cohorts (one run each), the cohorts' sessions and group projects."""

from django.conf import settings
from django.db import models

from lksworkforce.core.concurrency import version_field
from lksworkforce.programmes.vocabulary import Delivery, ProgrammeKind


class Programme(models.Model):
    """A development programme: what it develops, who it is for, how it runs and when it is complete."""

    key = models.SlugField(max_length=60, unique=True, help_text="Its short name in addresses and files")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in ProgrammeKind])
    description = models.TextField(blank=True)
    sub_areas = models.ManyToManyField("skills.SubArea", related_name="+", blank=True)
    # Who it is for: a band range (blank: any), qualified people only or not, and job roles (blank: any).
    band_from = models.CharField(max_length=2, blank=True)
    band_to = models.CharField(max_length=2, blank=True)
    qualified_only = models.BooleanField(default=False)
    roles = models.JSONField(default=list, blank=True, help_text="Job roles it is for; empty for any")
    delivery = models.CharField(max_length=20, choices=[(d.value, d.label) for d in Delivery])
    # The completion rule: attend at least this many sessions (null: all of them), and take part in
    # a group project when it says so.
    completion_sessions = models.PositiveSmallIntegerField(null=True, blank=True)
    completion_needs_project = models.BooleanField(default=False)
    gives_certificate = models.BooleanField(default=False)
    needs_manager_support = models.BooleanField(default=False)
    selection_criteria = models.JSONField(
        default=list, blank=True, help_text="What the panel scores each application against, in order"
    )
    # Apply for one of these or this one, not both (the two national leadership programmes).
    exclusive_with = models.ManyToManyField("self", symmetrical=True, blank=True)
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Cohort(models.Model):
    """One run of a programme: national (region null) or for one region."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200, help_text="For example “2026 cohort, North West”")
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    capacity = models.PositiveIntegerField()
    applications_open_on = models.DateField(null=True, blank=True)
    applications_close_on = models.DateField(null=True, blank=True)
    # A national cohort's places shared among regions in proportion to their LKS headcount.
    shares_places_by_region = models.BooleanField(default=False)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cohorts_facilitated", blank=True)
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        indexes = [models.Index(fields=["starts_on"])]

    def __str__(self) -> str:
        return f"{self.programme.title}: {self.name}"


class Session(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True, help_text="Where, for a session in person")
    online_link = models.URLField(max_length=500, blank=True)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="sessions_facilitated", blank=True)
    preparation = models.TextField("What to prepare", blank=True)
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class GroupProject(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="group_projects")
    name = models.CharField(max_length=200)
    topic = models.CharField(max_length=300, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="group_projects", blank=True)
    output_link = models.URLField(max_length=500, blank=True)
    output_file = models.FileField(upload_to="programmes/projects/", blank=True)
    edit_version = version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class CalendarFeedToken(models.Model):
    """A person's secret for subscribing to their sessions feed from a calendar program, which cannot
    sign in: a random token in the address instead of anything that names them. Revoking it (making
    a new one) stops every old subscription."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return "Calendar feed token"
