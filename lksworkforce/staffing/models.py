"""The NHS workforce census, LKS annual returns with their posts, and the ratio policy."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from lksworkforce.core.concurrency import version_field
from lksworkforce.organisations.models import Organisation
from lksworkforce.staffing.posts import PostQualification


class RatioPolicyRecord(models.Model):
    """The recommended ratio in force from a date. Policy is data: the national team edits it."""

    target_staff_per_qualified = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
        help_text="NHS staff WTE per qualified LKS WTE that organisations should reach, e.g. 1250",
    )
    reference_average = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
        help_text="The national average when the policy was set, e.g. 1730",
    )
    effective_from = models.DateField(unique=True)
    review_due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "ratio policy"
        verbose_name_plural = "ratio policies"

    def __str__(self) -> str:
        return f"1:{self.target_staff_per_qualified:,.0f} from {self.effective_from:%d %B %Y}"


class WorkforceCensus(models.Model):
    """NHS WTE of one organisation in one year, from the national workforce statistics."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="census")
    year = models.PositiveIntegerField()
    nhs_wte = models.DecimalField(max_digits=10, decimal_places=2)
    headcount = models.PositiveIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_census_figure_per_organisation_year"),
            models.CheckConstraint(condition=Q(nhs_wte__gte=0), name="census_wte_not_negative"),
        ]
        # Covers the figures' read of a year's census: no table row is visited.
        indexes = [models.Index(fields=["year", "organisation", "nhs_wte"], name="census_year_figures")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}: {self.nhs_wte} WTE"


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded by a correction"


class LksReturnQuerySet(models.QuerySet["LksReturn"]):
    def counted(self) -> "LksReturnQuerySet":
        """The returns figures are computed from: the current published version."""
        return self.filter(is_counted=True)


class LksReturn(models.Model):
    """An organisation's LKS annual statistics return for a year. Published versions are frozen."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="lks_returns")
    year = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT)
    # True for exactly the published version that figures use (kept by services).
    is_counted = models.BooleanField(default=False)
    impact_summary = models.TextField(blank=True, help_text="For the board report: the service's impact this year")
    # Optimistic concurrency (ADR 12): any change to the return, its posts or its status adds one.
    # A correction starts one above the version it corrects, so the year's latest return always
    # has a version no page showed for an earlier one.
    edit_version = version_field()
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LksReturnQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "version"], name="return_version_unique"),
            models.UniqueConstraint(
                fields=["organisation", "year"], condition=Q(is_counted=True), name="one_counted_return_per_year"
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(status__in=["draft", "submitted"]),
                name="one_open_return_per_year",
            ),
            models.CheckConstraint(
                condition=Q(is_counted=False) | Q(status="published"), name="only_published_returns_count"
            ),
        ]
        # Covers the figures' read of the counted returns of some years (the id comes with it).
        indexes = [models.Index(fields=["year", "is_counted", "organisation"], name="return_year_counted")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} v{self.version} ({self.status})"

    @property
    def is_editable(self) -> bool:
        return self.status == ReturnStatus.DRAFT


class LksPost(models.Model):
    """One person in post in a return."""

    # Indexed by `post_return_qualified_wte` below, which serves lookups by return as well.
    lks_return = models.ForeignKey(LksReturn, on_delete=models.CASCADE, related_name="posts", db_index=False)
    post_title = models.CharField(max_length=150)
    role = models.CharField(max_length=80)
    band = models.CharField(max_length=2)
    wte = models.DecimalField(max_digits=3, decimal_places=2)
    qualification = models.CharField(max_length=20, choices=[(q.value, q.label) for q in PostQualification])
    is_qualified = models.BooleanField(help_text="Derived from the qualification when saved")
    headcount = models.PositiveSmallIntegerField(default=1)
    specialty = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(wte__gt=0) & Q(wte__lte=1), name="post_wte_between_0_and_1"),
        ]
        # Covers the figures' qualified WTE per return: the sum is read from the index alone.
        indexes = [models.Index(fields=["lks_return", "is_qualified", "wte"], name="post_return_qualified_wte")]

    def __str__(self) -> str:
        return f"{self.post_title} ({self.wte} WTE)"

    def save(self, *args: object, **kwargs: object) -> None:
        self.is_qualified = PostQualification(self.qualification).counts_as_qualified
        super().save(*args, **kwargs)  # type: ignore[arg-type]
