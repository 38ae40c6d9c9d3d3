"""Geographies, regions and organisations. Region membership is versioned by year."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.codes import OrganisationType

if TYPE_CHECKING:
    pass

CURRENT_GEOGRAPHY_KEY = "nhse-regions"


class Geography(models.Model):
    """A named set of regions, e.g. the seven NHS England regions, or the four 2018 LKS geographies."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    in_use_from = models.PositiveIntegerField(help_text="First year this geography was used")
    in_use_until = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-in_use_from", "name"]
        verbose_name_plural = "geographies"

    def __str__(self) -> str:
        return self.name


class RegionQuerySet(models.QuerySet["Region"]):
    def current(self) -> "RegionQuerySet":
        return self.filter(geography__key=CURRENT_GEOGRAPHY_KEY)


class Region(models.Model):
    geography = models.ForeignKey(Geography, on_delete=models.PROTECT, related_name="regions")
    code = models.CharField(max_length=10)
    name = models.CharField(max_length=120)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["geography", "name"]
        constraints = [models.UniqueConstraint(fields=["geography", "code"], name="region_code_unique_in_geography")]

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: Caller) -> "OrganisationQuerySet":
        # The list of NHS organisations is public reference data (ODS); any signed-in
        # person may see it. What an organisation owns (people, returns) is scoped elsewhere.
        if not user.is_authenticated:
            return self.none()
        return self

    def search(self, text: str) -> "OrganisationQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(ods_code__iexact=text))

    def open_in(self, year: int) -> "OrganisationQuerySet":
        return self.filter(Q(opened_on__isnull=True) | Q(opened_on__year__lte=year)).filter(
            Q(closed_on__isnull=True) | Q(closed_on__year__gte=year)
        )

    def in_region(self, region: "Region", year: int | None = None) -> "OrganisationQuerySet":
        memberships = RegionMembership.objects.filter(region=region)
        if year is not None:
            memberships = memberships.filter(year=year)
        return self.filter(pk__in=memberships.values("organisation_id"))


class Organisation(models.Model):
    ods_code = models.CharField("ODS code", max_length=6, unique=True)
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=20, choices=[(t.value, t.label) for t in OrganisationType])
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="organisation_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.ods_code})"

    @property
    def type_label(self) -> str:
        return OrganisationType(self.type).label

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class RegionMembership(models.Model):
    """Which region of a geography an organisation belonged to in a year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="region_memberships")
    geography = models.ForeignKey(Geography, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="memberships")
    year = models.PositiveIntegerField()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "geography", "year"], name="one_region_per_geography_per_year"
            )
        ]
        indexes = [models.Index(fields=["region", "year"])]

    def __str__(self) -> str:
        return f"{self.organisation.ods_code} in {self.region.code} ({self.year})"
