"""Reads for the selection part: the regional fair shares of a year's places (the command, the API,
the fair-shares page) and of a cohort's (the applications part's selection page). One calculation,
programmes/fair_shares.py, over the regions' LKS headcount from staffing (core.capability)."""

from dataclasses import dataclass

from lksworkforce.core import capability
from lksworkforce.programmes.fair_shares import RegionDemand, RegionShare, fair_shares
from lksworkforce.programmes.models import Application, Cohort, Enrolment
from lksworkforce.programmes.vocabulary import ApplicationStatus

# Applications that reached the panel: they make their region one "with eligible applicants".
# (Offers made or answered keep counting, so the shares do not move while places are offered.)
ELIGIBLE_STATUSES = (
    ApplicationStatus.SUBMITTED.value,
    ApplicationStatus.OFFERED.value,
    ApplicationStatus.ACCEPTED.value,
    ApplicationStatus.DECLINED.value,
    ApplicationStatus.WAITING.value,
    ApplicationStatus.UNSUCCESSFUL.value,
)
DEFAULT_MIN_PER_REGION = 1
MAX_PLACES = 10_000
MAX_MIN_PER_REGION = 100


class NoPublishedReturnsError(Exception):
    """No LKS annual return of the year is published, so there is no headcount to share by."""

    def __init__(self, year: int) -> None:
        super().__init__(f"No LKS annual return for {year} is published, so there is no headcount to share places by.")
        self.year = year


@dataclass(frozen=True)
class CohortShares:
    year: int
    places: int
    rows: list[RegionShare]  # empty when `problem` says why
    problem: str = ""

    def by_region(self) -> dict[str, int]:
        """Region code -> places, as programmes.selection.select takes the shares."""
        return {row.code: row.places for row in self.rows}


def fair_share_rows(
    year: int, places: int, *, min_per_region: int = DEFAULT_MIN_PER_REGION, applying: set[str] | None = None
) -> list[RegionShare]:
    """One row per current region. Every region counts as having applicants unless `applying`
    names those that do. Raises NoPublishedReturnsError, or ValueError for bad numbers."""
    headcounts = capability.lks_headcount(year)
    if not headcounts:
        raise NoPublishedReturnsError(year)
    regions = [
        RegionDemand(
            code=row.code,
            name=row.name,
            lks_headcount=row.headcount,
            has_applicants=applying is None or row.code in applying,
        )
        for row in headcounts
    ]
    return fair_shares(places, regions, min_per_region=min_per_region)


def applying_regions(cohort: Cohort) -> set[str]:
    """The codes of the regions with at least one eligible applicant for the cohort (one query)."""
    return set(
        Application.objects.filter(cohort=cohort, status__in=ELIGIBLE_STATUSES, region__isnull=False)
        .values_list("region__code", flat=True)
        .distinct()
    )


def places_held_by_region(cohort: Cohort) -> dict[str, int]:
    """Region code -> the cohort's places its people hold: enrolments not withdrawn (the region
    as it was at enrolment) and offers waiting for an answer. Two queries."""
    held: dict[str, int] = {}
    enrolled = (
        Enrolment.objects.filter(cohort=cohort, region__isnull=False)
        .exclude(status="withdrawn")
        .values_list("region__code", flat=True)
    )
    offered = Application.objects.filter(
        cohort=cohort, status=ApplicationStatus.OFFERED.value, region__isnull=False
    ).values_list("region__code", flat=True)
    for code in [*enrolled, *offered]:
        held[code] = held.get(code, 0) + 1
    return held


def cohort_for_command(cohort_id: int) -> Cohort | None:
    """Any cohort by its id, for the national team's command line (which has no viewer to scope by)."""
    return Cohort.objects.filter(pk=cohort_id).first()


def fair_shares_for_cohort(cohort: Cohort, *, min_per_region: int = DEFAULT_MIN_PER_REGION) -> CohortShares:
    """The cohort's places shared by region (its start year's headcount, its applicants' regions).
    A cohort that does not share places by region, or a year with no published returns, gives no
    rows and a sentence saying why. The caller has scoped the cohort to the viewer."""
    year = cohort.starts_on.year
    if not cohort.shares_places_by_region:
        return CohortShares(year, cohort.capacity, [], "This cohort does not share its places among regions.")
    try:
        rows = fair_share_rows(year, cohort.capacity, min_per_region=min_per_region, applying=applying_regions(cohort))
    except NoPublishedReturnsError as error:
        return CohortShares(year, cohort.capacity, [], str(error))
    return CohortShares(year, cohort.capacity, rows)
