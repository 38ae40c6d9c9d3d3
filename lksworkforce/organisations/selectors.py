"""Reads for organisations and regions. Every entry point takes the viewer."""

from dataclasses import dataclass

from django.db.models import Max, Prefetch, QuerySet

from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.models import (
    CURRENT_GEOGRAPHY_KEY,
    Geography,
    Organisation,
    OrganisationQuerySet,
    Region,
    RegionMembership,
    RegionQuerySet,
)


@dataclass(frozen=True)
class OrganisationFilters:
    text: str = ""
    type: str = ""
    region_code: str = ""
    include_closed: bool = False


def latest_membership_year(geography_key: str = CURRENT_GEOGRAPHY_KEY) -> int | None:
    year: int | None = RegionMembership.objects.filter(geography__key=geography_key).aggregate(y=Max("year"))["y"]
    return year


def organisation_list(viewer: Caller, filters: OrganisationFilters) -> OrganisationQuerySet:
    organisations = Organisation.objects.visible_to(viewer).search(filters.text)
    if filters.type:
        organisations = organisations.filter(type=filters.type)
    if not filters.include_closed:
        organisations = organisations.filter(closed_on__isnull=True)
    year = latest_membership_year()
    if filters.region_code:
        organisations = organisations.filter(
            region_memberships__region__code=filters.region_code,
            region_memberships__geography__key=CURRENT_GEOGRAPHY_KEY,
            region_memberships__year=year or 0,
        )
    return organisations.prefetch_related(
        Prefetch(
            "region_memberships",
            queryset=RegionMembership.objects.filter(
                geography__key=CURRENT_GEOGRAPHY_KEY, year=year or 0
            ).select_related("region"),
            to_attr="current_memberships",
        )
    )


def organisation_detail(viewer: Caller, ods_code: str) -> Organisation | None:
    return (
        Organisation.objects.visible_to(viewer)
        .prefetch_related(
            Prefetch(
                "region_memberships",
                queryset=RegionMembership.objects.select_related("region", "geography").order_by(
                    "-year", "geography__name"
                ),
                to_attr="membership_history",
            )
        )
        .filter(ods_code=ods_code.upper())
        .first()
    )


def region_list(viewer: Caller) -> RegionQuerySet:
    if not viewer.is_authenticated:
        return Region.objects.none()
    return Region.objects.select_related("geography").order_by("-geography__in_use_from", "name")


def region_detail(viewer: Caller, geography_key: str, code: str) -> Region | None:
    return region_list(viewer).filter(geography__key=geography_key, code=code).first()


def region_organisations(viewer: Caller, region: Region) -> OrganisationQuerySet:
    year = latest_membership_year(region.geography.key)
    return Organisation.objects.visible_to(viewer).in_region(region, year)


def geographies() -> QuerySet[Geography]:
    return Geography.objects.prefetch_related("regions")
