"""Reads for the equity dashboard: one year's figures, aggregated in SQL in a fixed number of queries
whatever the number of people, cohorts or applications (the regions' LKS headcount comes from
staffing through core.capability, three queries a year), suppressed by programmes/equity.py.

What is counted, for the cohorts that started in the year:
- participants: people who took a place (an enrolment, whatever became of it later: access is what
  is measured), in the region, band and organisation they had when they enrolled; each person once
  per group, and once in England's total however many cohorts they joined;
- places offered: offers made on cohorts that share places by region, against the regions' fair
  shares (programmes/fair_shares.py over that year's headcount, as the panel's selection uses them);
- applicants, and of them those who said on the application form that travel to sessions in person
  would be hard. The development needs survey's travel question is answered anonymously, so nothing
  links it to applicants: the dashboard says "not linked" rather than guessing.

Privacy over time (docs/adr/0011): a year's figures are published only once the year is over, and
count only what was recorded by its end (enrolled, applied, offered before 1 January of the next
year), so they do not move afterwards: no one's enrolment or application can be read off a
before-and-after comparison. The current year is refused, on every surface, with the date its
figures will be published. Residual risk, as in ADR 11: deleting an account (erasure) removes its
places and applications and so moves a closed year's figures by one; it is the person's own request.
A person in two groups of a table (two regions in one year) counts in each, and once in England's
total, so England less the shown groups can be a little less than the hidden ones: never more.

Who sees what: the national team and regional leads (`programmes.view_equity`) see the same
national figures, suppressed the same way; a lead's own region is marked, not singled out.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Case, CharField, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear

from lksworkforce.accounts.people import AFC_BANDS, PARA_PROFESSIONAL_BANDS, BandGroup
from lksworkforce.accounts.viewers import Viewer
from lksworkforce.core import capability
from lksworkforce.core.capability import RegionHeadcount
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.organisations.codes import OrganisationType
from lksworkforce.organisations.models import Region
from lksworkforce.programmes import equity
from lksworkforce.programmes.fair_shares import RegionDemand, RegionShare, fair_shares
from lksworkforce.programmes.models import Application, Cohort, Enrolment
from lksworkforce.programmes.selectors.selection import ELIGIBLE_STATUSES
from lksworkforce.programmes.vocabulary import Delivery

FIRST_YEAR = 2000
TREND_YEARS = 5  # the chosen year and the four before it
NOT_RECORDED = "not_recorded"
NOT_RECORDED_REGION = "Region not recorded"
NOT_RECORDED_ORGANISATION = "Organisation not recorded"


class YearRefusedError(ValueError):
    """A year the dashboard has no figures for (bad, or not yet over): the sentence says why."""


def latest_closed_year(today: date) -> int:
    return today.year - 1


def checked_year(year: int, today: date) -> int:
    if year < FIRST_YEAR:
        raise YearRefusedError(f"Choose a year from {FIRST_YEAR}, not {year}.")
    if year > latest_closed_year(today):
        raise YearRefusedError(
            f"Figures for {year} are published once the year is over, from 1 January {year + 1}, so that "
            "nobody's enrolment or application can be worked out by comparing the figures before and after."
        )
    return year


@dataclass(frozen=True)
class Headcounts:
    """A year's LKS staff: by region code, and England's by band group and organisation type."""

    by_region: dict[str, RegionHeadcount]
    by_band_group: dict[str, int]
    by_organisation_type: dict[str, int]

    @property
    def published(self) -> bool:
        return bool(self.by_region)

    @property
    def total(self) -> int | None:
        return sum(row.headcount for row in self.by_region.values()) if self.by_region else None


def _headcounts(rows: list[RegionHeadcount]) -> Headcounts:
    bands: dict[str, int] = defaultdict(int)
    types: dict[str, int] = defaultdict(int)
    for row in rows:
        for key, people in row.by_band_group:
            bands[key] += people
        for key, people in row.by_organisation_type:
            types[key] += people
    return Headcounts({row.code: row for row in rows}, dict(bands), dict(types))


@dataclass(frozen=True)
class RegionFigures:
    code: str
    name: str
    headcount: int | None
    participants: equity.Count
    per_100: Any  # Decimal | None, from equity.Rate
    fair_share_places: int | None  # None: no cohort of the year shares places by region
    places_offered: equity.Count
    applicants: equity.Count
    could_not_travel: equity.Count


@dataclass(frozen=True)
class DeliveryFigures:
    key: str
    name: str
    participants: equity.Count
    applicants: equity.Count
    could_not_travel: equity.Count


@dataclass(frozen=True)
class EquityFigures:
    year: int
    threshold: int
    headcount_published: bool
    regions: list[RegionFigures]  # every current region, then people whose region was not recorded
    england: RegionFigures
    band_groups: equity.Participation
    organisation_types: equity.Participation
    delivery: list[DeliveryFigures]
    delivery_total: DeliveryFigures
    ratios: list[equity.Ratio]  # the trend window, oldest first; the last is `year`'s
    direction: equity.Direction
    shares_places: bool

    @property
    def ratio(self) -> equity.Ratio:
        return self.ratios[-1]


def _year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=UTC)


def _in_years(first: int, last: int) -> Q:
    return Q(cohort__starts_on__gte=date(first, 1, 1), cohort__starts_on__lt=date(last + 1, 1, 1))


def _cohort_year(year: int) -> Q:
    return Q(cohort__starts_on__gte=date(year, 1, 1), cohort__starts_on__lt=date(year + 1, 1, 1))


def _enrolments(first: int, last: int) -> QuerySet[Enrolment]:
    """Places on cohorts starting in the years, taken by the end of the cohort's year (plain
    comparisons, one per year, so that the database needs no function per row)."""
    taken = Q()
    for year in range(first, last + 1):
        taken |= _cohort_year(year) & Q(enrolled_at__lt=_year_start(year + 1))
    return Enrolment.objects.filter(_in_years(first, last)).filter(taken)


def _year_of_cohort(first: int, last: int) -> Case:
    return Case(
        *(When(_cohort_year(year), then=Value(year)) for year in range(first, last + 1)),
        output_field=IntegerField(),
    )


def _breakdowns() -> list[tuple[str, str, Q]]:
    """(dimension, group, condition) for the year's band groups, organisation types and deliveries."""
    para = sorted(PARA_PROFESSIONAL_BANDS)
    professional = [band for band in AFC_BANDS if band not in PARA_PROFESSIONAL_BANDS]
    return [
        ("band", BandGroup.BANDS_1_TO_4.value, Q(band__in=para)),
        ("band", BandGroup.BAND_5_AND_ABOVE.value, Q(band__in=professional)),
        ("band", BandGroup.NOT_STATED.value, ~Q(band__in=list(AFC_BANDS))),
        *(("type", t.value, Q(organisation__type=t.value)) for t in OrganisationType),
        ("type", NOT_RECORDED, Q(organisation__isnull=True)),
        *(("delivery", d.value, Q(cohort__programme__delivery=d.value)) for d in Delivery),
    ]


PEOPLE = Count("person_id", distinct=True)


def _grouped(queryset: QuerySet[Any], field: str, **counts: Any) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for row in queryset.order_by().values(field).annotate(**counts):
        found[row[field] or NOT_RECORDED] = {name: int(row[name] or 0) for name in counts}
    return found


def _fair_shares(year: int, headcounts: Headcounts) -> dict[str, int] | None:
    """Each region's fair shares of the year's cohorts that share places by region (two queries)."""
    cohorts = list(
        Cohort.objects.filter(
            starts_on__gte=date(year, 1, 1), starts_on__lt=date(year + 1, 1, 1), shares_places_by_region=True
        ).values_list("id", "capacity")
    )
    if not cohorts:
        return None
    applying: dict[int, set[str]] = defaultdict(set)
    for cohort_id, code in (
        Application.objects.filter(
            cohort_id__in=[pk for pk, _ in cohorts], status__in=ELIGIBLE_STATUSES, region__isnull=False
        )
        .order_by()
        .values_list("cohort_id", "region__code")
        .distinct()
    ):
        applying[cohort_id].add(code)
    places: dict[str, int] = defaultdict(int)
    if not headcounts.published:
        return dict(places)
    shared: dict[tuple[int, frozenset[str]], list[RegionShare]] = {}  # cohorts alike share alike
    for cohort_id, capacity in cohorts:
        key = (capacity, frozenset(applying[cohort_id]))
        if key not in shared:
            regions = [
                RegionDemand(row.code, row.name, row.headcount, row.code in key[1])
                for row in headcounts.by_region.values()
            ]
            shared[key] = fair_shares(capacity, regions)
        for share in shared[key]:
            places[share.code] += share.places
    return dict(places)


def _fold(counts: dict[str, int], names: dict[str, str]) -> dict[str, int]:
    """People whose region is not a current one (or was not recorded) are one group."""
    folded: dict[str, int] = defaultdict(int)
    for code, n in counts.items():
        folded[code if code in names else NOT_RECORDED] += n
    return folded


def _region_rates(
    people: dict[str, int], headcounts: Headcounts, names: dict[str, str], threshold: int
) -> list[equity.Rate]:
    """Every current region's participants (suppressed, with England's total shown) and rate, then
    the people whose region was not recorded: the same for the year's table and for its ratio."""
    keys = [*names, NOT_RECORDED]
    folded = _fold(people, names)
    counts = equity.counted({key: folded.get(key, 0) for key in keys}, threshold)
    return [
        equity.Rate(
            key,
            names.get(key, NOT_RECORDED_REGION),
            headcounts.by_region[key].headcount if key in headcounts.by_region else None,
            counts[key],
        )
        for key in keys
    ]


def _region_names(headcounts: Headcounts) -> dict[str, str]:
    if headcounts.published:
        return {row.code: row.name for row in headcounts.by_region.values()}
    return dict(Region.objects.current().order_by("code").values_list("code", "name"))


def equity_figures(year: int, *, today: date) -> EquityFigures:
    """The year's figures, suppressed (raises YearRefusedError for a year not yet over or before 2000)."""
    checked_year(year, today)
    threshold = suppression_threshold(today)
    first = year - TREND_YEARS + 1
    # Participants by year and region, over the trend window (the chosen year's row is its table).
    by_year_region: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        _enrolments(first, year)
        .order_by()
        .values(
            cohort_year=_year_of_cohort(first, year),
            code=Case(
                When(region__isnull=True, then=Value(NOT_RECORDED)), default="region__code", output_field=CharField()
            ),
        )
        .annotate(people=PEOPLE)
    ):
        by_year_region[int(row["cohort_year"])][row["code"]] = int(row["people"])
    # The year's band groups, organisation types and deliveries, and everyone: one scan, each
    # person counted once in each group (COUNT DISTINCT within the group's condition).
    breakdowns = {f"{dimension}_{key}": condition for dimension, key, condition in _breakdowns()}
    found = _enrolments(year, year).aggregate(
        everyone=PEOPLE, **{alias: Count("person_id", distinct=True, filter=q) for alias, q in breakdowns.items()}
    )
    counts = {alias: int(found[alias] or 0) for alias in found}
    everyone = counts["everyone"]
    by_band = {g.value: {"people": counts[f"band_{g.value}"]} for g in BandGroup}
    by_type = {key: {"people": counts[f"type_{key}"]} for key in [*(t.value for t in OrganisationType), NOT_RECORDED]}
    by_delivery = {d.value: {"people": counts[f"delivery_{d.value}"]} for d in Delivery}

    applications = Application.objects.filter(_in_years(year, year), submitted_at__lt=_year_start(year + 1))
    offered = Q(offered_at__isnull=False, offered_at__lt=_year_start(year + 1), cohort__shares_places_by_region=True)

    def application_counts(within: Q) -> dict[str, Count]:
        return {
            "applicants": Count("person_id", distinct=True, filter=within),
            "travel": Count("person_id", distinct=True, filter=within & Q(could_not_travel=True)),
            "offered": Count("id", filter=within & offered),
        }

    apps_by_region = _grouped(applications, "region__code", **application_counts(Q()))
    # Each delivery's and everyone's applicants in one scan.
    within = {"all": Q(), **{d.value: Q(cohort__programme__delivery=d.value) for d in Delivery}}
    found = applications.aggregate(
        **{
            f"{measure}_{key}": aggregate
            for key, condition in within.items()
            for measure, aggregate in application_counts(condition).items()
        }
    )
    apps_by_delivery = {
        key: {measure: int(found[f"{measure}_{key}"] or 0) for measure in ("applicants", "travel", "offered")}
        for key in within
    }
    apps_total = apps_by_delivery.pop("all")

    by_year_headcounts = {y: _headcounts(rows) for y, rows in capability.lks_headcounts(range(first, year + 1)).items()}
    headcounts = by_year_headcounts[year]
    shares = _fair_shares(year, headcounts)

    names = _region_names(headcounts)
    rates = _region_rates(by_year_region[year], headcounts, names, threshold)
    regions = _region_figures(rates, apps_by_region, names, shares, threshold)
    england = _england(everyone, apps_total, headcounts, shares, threshold, [r.could_not_travel for r in regions])
    band_groups = equity.participation(
        [
            equity.Group(
                g.value,
                g.label,
                by_band.get(g.value, {}).get("people", 0),
                headcounts.by_band_group.get(g.value) if headcounts.published else None,
            )
            for g in BandGroup
        ],
        threshold,
        total_people=everyone,
        total_headcount=headcounts.total,
    )
    organisation_types = equity.participation(
        [
            *(
                equity.Group(
                    t.value,
                    t.label,
                    by_type.get(t.value, {}).get("people", 0),
                    headcounts.by_organisation_type.get(t.value, 0) if headcounts.published else None,
                )
                for t in OrganisationType
            ),
            equity.Group(NOT_RECORDED, NOT_RECORDED_ORGANISATION, by_type.get(NOT_RECORDED, {}).get("people", 0), None),
        ],
        threshold,
        total_people=everyone,
        total_headcount=headcounts.total,
    )
    delivery, delivery_total = _delivery(by_delivery, apps_by_delivery, everyone, apps_total, threshold)
    ratios = [
        *(
            equity.highest_to_lowest(y, _region_rates(by_year_region[y], by_year_headcounts[y], names, threshold))
            for y in range(first, year)
        ),
        equity.highest_to_lowest(year, rates),
    ]
    return EquityFigures(
        year=year,
        threshold=threshold,
        headcount_published=headcounts.published,
        regions=regions,
        england=england,
        band_groups=band_groups,
        organisation_types=organisation_types,
        delivery=delivery,
        delivery_total=delivery_total,
        ratios=ratios,
        direction=equity.trend(ratios),
        shares_places=shares is not None,
    )


def _region_figures(
    rates: list[equity.Rate],
    apps: dict[str, dict[str, int]],
    names: dict[str, str],
    shares: dict[str, int] | None,
    threshold: int,
) -> list[RegionFigures]:
    keys = [rate.key for rate in rates]
    applicants = _fold({code: row["applicants"] for code, row in apps.items()}, names)
    travel = _fold({code: row["travel"] for code, row in apps.items()}, names)
    offers = _fold({code: row["offered"] for code, row in apps.items()}, names)
    app_counts = equity.counted({k: applicants.get(k, 0) for k in keys}, threshold)
    travel_counts = equity.part_of({k: travel.get(k, 0) for k in keys}, app_counts, threshold)
    offer_counts = equity.counted({k: offers.get(k, 0) for k in keys}, threshold)
    return [
        RegionFigures(
            code=rate.key,
            name=rate.name,
            headcount=rate.headcount,
            participants=rate.participants,
            per_100=rate.per_100,
            fair_share_places=None if shares is None or rate.key == NOT_RECORDED else shares.get(rate.key, 0),
            places_offered=offer_counts[rate.key],
            applicants=app_counts[rate.key],
            could_not_travel=travel_counts[rate.key],
        )
        for rate in rates
    ]


def _england(
    everyone: int,
    apps: dict[str, int],
    headcounts: Headcounts,
    shares: dict[str, int] | None,
    threshold: int,
    regions_travel: list[equity.Count],
) -> RegionFigures:
    participants = equity.total([everyone], threshold)
    applicants = equity.total([apps["applicants"]], threshold)
    return RegionFigures(
        code="all",
        name="England",
        headcount=headcounts.total,
        participants=participants,
        per_100=equity.Rate("all", "England", headcounts.total, participants).per_100,
        fair_share_places=None if shares is None else sum(shares.values()),
        places_offered=equity.total([apps["offered"]], threshold),
        applicants=applicants,
        could_not_travel=equity.part_of_total(apps["travel"], applicants, threshold, regions_travel),
    )


def _delivery(
    people: dict[str, dict[str, int]],
    apps: dict[str, dict[str, int]],
    everyone: int,
    apps_total: dict[str, int],
    threshold: int,
) -> tuple[list[DeliveryFigures], DeliveryFigures]:
    keys = [d.value for d in Delivery]
    participants = equity.counted({k: people.get(k, {}).get("people", 0) for k in keys}, threshold)
    applicants = equity.counted({k: apps.get(k, {}).get("applicants", 0) for k in keys}, threshold)
    travel = equity.part_of({k: apps.get(k, {}).get("travel", 0) for k in keys}, applicants, threshold)
    rows = [
        DeliveryFigures(d.value, d.label, participants[d.value], applicants[d.value], travel[d.value]) for d in Delivery
    ]
    all_applicants = equity.total([apps_total["applicants"]], threshold)
    total = DeliveryFigures(
        "all",
        "All deliveries",
        equity.total([everyone], threshold),
        all_applicants,
        equity.part_of_total(apps_total["travel"], all_applicants, threshold, travel.values()),
    )
    return rows, total


def led_region_codes(viewer: Viewer) -> set[str]:
    """The codes of the regions the viewer leads (their row is marked on the dashboard)."""
    if not viewer.is_authenticated:
        return set()
    ids = viewer.led_region_ids()
    if not ids:
        return set()
    return set(Region.objects.filter(pk__in=sorted(ids)).values_list("code", flat=True))


def years_with_cohorts(today: date) -> list[int]:
    """The years the dashboard offers: every year over (before this one) in which a cohort started,
    newest first, and always the last year (one query)."""
    found = {
        int(y)
        for y in Cohort.objects.filter(starts_on__lt=date(today.year, 1, 1), starts_on__gte=date(FIRST_YEAR, 1, 1))
        .order_by()
        .values_list(ExtractYear("starts_on"), flat=True)
        .distinct()
    }
    found.add(latest_closed_year(today))
    return sorted(found, reverse=True)
