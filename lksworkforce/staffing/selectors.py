"""Reads for staffing figures. A fixed number of queries whatever the number of organisations;
every surface (page, API, CSV/XLSX/PDF, CLI) takes its figures from here."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    F,
    Field,
    Func,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)

from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Organisation, RegionMembership
from lksworkforce.staffing.models import LksPost, LksReturn, RatioPolicyRecord, WorkforceCensus
from lksworkforce.staffing.ratios import (
    AreaRatio,
    OrganisationRatio,
    OrganisationYear,
    RatioPolicy,
    TrajectoryStep,
    from_hundredths,
    organisation_ratio,
    plan_trajectory,
    pool_area,
    pool_hundredths,
    year_target_reached,
)

NATION_CODE = "ENG"
NATION_NAME = "England"
NO_REGION = ("", "Region not recorded")


class NoPolicyError(Exception):
    """No ratio policy has been recorded, so no figure can be judged against a target."""


@dataclass(frozen=True)
class OrganisationFigure:
    ratio: OrganisationRatio
    organisation_type: str
    region_code: str
    region_name: str


@dataclass
class YearFigures:
    year: int
    policy: RatioPolicy
    organisations: list[OrganisationFigure]
    regions: list[AreaRatio]
    nation: AreaRatio
    status_counts: dict[str, int] = field(default_factory=dict)

    def region(self, code: str) -> AreaRatio | None:
        return next((r for r in self.regions if r.code == code), None)

    def organisations_in(self, region_code: str) -> list[OrganisationFigure]:
        return [o for o in self.organisations if o.region_code == region_code]

    def organisation(self, ods_code: str) -> OrganisationFigure | None:
        return next((o for o in self.organisations if o.ratio.code == ods_code), None)


def policy_in_force(year: int, policies: Iterable[RatioPolicyRecord] | None = None) -> RatioPolicy:
    """The policy that took effect on or before the end of the year; before any, the first one."""
    records = sorted(
        policies if policies is not None else RatioPolicyRecord.objects.all(), key=lambda p: p.effective_from
    )
    if not records:
        raise NoPolicyError("No ratio policy has been recorded. The national team sets it on the policy page.")
    chosen = records[0]
    for record in records:
        if record.effective_from <= date(year, 12, 31):
            chosen = record
    return RatioPolicy(chosen.target_staff_per_qualified, chosen.reference_average)


def ratio_policies() -> list[RatioPolicyRecord]:
    """Every recorded policy, newest first. National reference data: any signed-in person may read it."""
    return list(RatioPolicyRecord.objects.order_by("-effective_from"))


def census_years() -> list[int]:
    return sorted(set(WorkforceCensus.objects.values_list("year", flat=True).distinct()), reverse=True)


def latest_year() -> int | None:
    years = census_years()
    return years[0] if years else None


class _AsStored(Field[object, object]):
    """An output type Django has no converter for: the driver's value comes through as it is,
    without a converter call for every row."""


class _Total(Func):
    """SUM in a subquery of one return's posts: the whole subquery is one group, so without the
    GROUP BY that Django's Sum would add (and the database would sort for)."""

    function = "SUM"
    output_field = _AsStored()


class _Hundredths(Func):
    """A 2-place WTE (or a sum of a few) as a whole number of hundredths, exactly: SQLite stores
    the column as a float, within a hair of the 2-place value, which rounding after * 100
    recovers; PostgreSQL's numeric is exact already."""

    template = "CAST(ROUND(%(expressions)s * 100) AS BIGINT)"
    output_field = _AsStored()


# (id, ODS code, name, type, first year open, last year open)
_Organisation = tuple[int, str, str, str, int, int]


@dataclass(frozen=True)
class _Stored:
    """What the figures for some years are worked out from, read in five queries. Numbers are
    kept by year, then by organisation id."""

    policies: list[RatioPolicyRecord]
    organisations: list[_Organisation]
    regions: dict[int, dict[int, tuple[str, str]]]  # region code and name
    # WTEs in whole hundredths (1,234.56 as 123456): the database gives them exactly, whether it
    # stores the column as a float (SQLite) or a numeric (PostgreSQL), with no per-row converter.
    census: dict[int, dict[int, int]]  # NHS WTE
    qualified: dict[int, dict[int, int]]  # qualified WTE in the counted return

    def open_in(self, year: int) -> Iterator[_Organisation]:
        return (o for o in self.organisations if o[4] <= year <= o[5])


def _read(
    viewer: AnyViewer,
    years: list[int],
    *,
    region_code: str | None,
    ods_code: str | None,
    region_years: list[int] | None = None,
) -> _Stored | None:
    """Five queries for any number of years and organisations. With region_code (or ods_code),
    only the organisations that were in that region in one of the years (or that organisation).
    Regions are read for region_years (default: every year); a nation's trend needs none."""
    if not viewer.is_authenticated or not years:
        return None
    first, last = min(years), max(years)
    scope = Organisation.objects.visible_to(viewer)
    if region_code is not None:
        scope = scope.filter(
            pk__in=RegionMembership.objects.filter(
                geography__key=CURRENT_GEOGRAPHY_KEY, region__code=region_code, year__in=years
            ).values("organisation_id")
        )
    if ods_code is not None:
        scope = scope.filter(ods_code=ods_code)
    organisations = [
        (pk, code, name, kind, opened.year if opened else first, closed.year if closed else last)
        for pk, code, name, kind, opened, closed in scope.filter(
            Q(opened_on__isnull=True) | Q(opened_on__year__lte=last),
            Q(closed_on__isnull=True) | Q(closed_on__year__gte=first),
        ).values_list("id", "ods_code", "name", "type", "opened_on", "closed_on")
    ]
    # For one area, only its organisations' rows; for the nation every row, unfiltered (a filter
    # naming every organisation would only slow the queries down).
    narrowed = region_code is not None or ods_code is not None
    only = {"organisation_id__in": [o[0] for o in organisations]} if narrowed else {}
    memberships = RegionMembership.objects.filter(
        geography__key=CURRENT_GEOGRAPHY_KEY, year__in=years if region_years is None else region_years, **only
    )
    # Each counted return's qualified WTE as a subquery per return (read from the covering index
    # on posts): faster than grouping every post by organisation and year. 0 for a return whose
    # posts are none of them qualified; NULL (left out) for a return with no posts at all.
    qualified_wte = (
        LksPost.objects.filter(lks_return=OuterRef("pk"))
        .order_by()
        .annotate(
            qualified=_Hundredths(
                _Total(Case(When(is_qualified=True, then=F("wte")), default=Value(0), output_field=_AsStored()))
            )
        )
        .values("qualified")
    )
    stored = _Stored(
        policies=list(RatioPolicyRecord.objects.all()),
        organisations=organisations,
        regions={year: {} for year in years},
        census={year: {} for year in years},
        qualified={year: {} for year in years},
    )
    for organisation_id, year, code, name in memberships.order_by().values_list(
        "organisation_id", "year", "region__code", "region__name"
    ):
        stored.regions[year][organisation_id] = (code, name)
    for organisation_id, year, wte in (
        WorkforceCensus.objects.filter(year__in=years, **only)
        .order_by()
        .annotate(wte=_Hundredths("nhs_wte"))
        .values_list("organisation_id", "year", "wte")
    ):
        stored.census[year][organisation_id] = wte
    for organisation_id, year, wte in (
        LksReturn.objects.counted()
        .filter(year__in=years, **only)
        .order_by()
        .annotate(wte=Subquery(qualified_wte, output_field=_AsStored()))
        .values_list("organisation_id", "year", "wte")
    ):
        if wte is not None:
            stored.qualified[year][organisation_id] = wte
    return stored


def _year_figures(stored: _Stored, year: int) -> YearFigures:
    """A year in full: every organisation's figures, each region's and the nation's."""
    policy = policy_in_force(year, stored.policies)
    regions, census, qualified = stored.regions[year], stored.census[year], stored.qualified[year]
    figures = []
    for pk, code, name, kind, _opened, _closed in stored.open_in(year):
        region_code, region_name = regions.get(pk, NO_REGION)
        figures.append(
            OrganisationFigure(
                ratio=organisation_ratio(
                    OrganisationYear(code, name, from_hundredths(census.get(pk)), from_hundredths(qualified.get(pk))),
                    policy,
                ),
                organisation_type=kind,
                region_code=region_code,
                region_name=region_name,
            )
        )
    by_region: dict[tuple[str, str], list[OrganisationRatio]] = defaultdict(list)
    for figure in figures:
        by_region[(figure.region_code, figure.region_name)].append(figure.ratio)
    area_ratios = [
        pool_area(code or "NONE", name, members, policy)
        for (code, name), members in sorted(by_region.items(), key=lambda kv: kv[0][1])
    ]
    counts: dict[str, int] = defaultdict(int)
    for figure in figures:
        counts[figure.ratio.status.value] += 1
    return YearFigures(
        year=year,
        policy=policy,
        organisations=figures,
        regions=area_ratios,
        nation=pool_area(NATION_CODE, NATION_NAME, [f.ratio for f in figures], policy),
        status_counts=dict(counts),
    )


def _area_in(stored: _Stored, year: int, region_code: str | None) -> AreaRatio | None:
    """Only the nation's (or one region's) pooled figures for a year: what a trend needs, without
    each organisation's presentation. The same figures as `_year_figures` gives for the area."""
    policy = policy_in_force(year, stored.policies)
    census, qualified = stored.census[year], stored.qualified[year]
    if region_code is None:
        members = [(census.get(o[0]), qualified.get(o[0])) for o in stored.open_in(year)]
        return pool_hundredths(NATION_CODE, NATION_NAME, members, policy)
    regions, members, region_name = stored.regions[year], [], ""
    for o in stored.open_in(year):
        code, name = regions.get(o[0], NO_REGION)
        if code == region_code:
            members.append((census.get(o[0]), qualified.get(o[0])))
            region_name = name
    return pool_hundredths(region_code, region_name, members, policy) if members else None


def figures_for_years(
    viewer: AnyViewer, years: list[int], *, region_code: str | None = None, ods_code: str | None = None
) -> dict[int, YearFigures]:
    """Every year in full, in five queries for any number of years and organisations. With
    region_code (or ods_code), only the organisations that were in that region in one of the years
    (or that organisation): pages about one area do not compute the nation."""
    stored = _read(viewer, years, region_code=region_code, ods_code=ods_code)
    if stored is None:
        return {}
    return {year: _year_figures(stored, year) for year in years}


@dataclass(frozen=True)
class AreaYears:
    """A year in full, and one area (the nation, or a region) in every year for its trend."""

    figures: YearFigures
    trend: list[tuple[int, AreaRatio | None]]  # oldest first; None: the region had no organisations


def area_years(viewer: AnyViewer, years: list[int], year: int, *, region_code: str | None = None) -> AreaYears | None:
    """For the dashboard (region_code None) and a region page: five queries whatever the number of
    organisations and years. Only `year` is built organisation by organisation; the other years
    are pooled straight from the stored numbers, as the trend needs nothing else."""
    every_year = sorted(set(years) | {year})
    stored = _read(
        viewer, every_year, region_code=region_code, ods_code=None, region_years=[year] if region_code is None else None
    )
    if stored is None:
        return None
    figures = _year_figures(stored, year)
    chosen = figures.nation if region_code is None else figures.region(region_code)
    trend = [(y, chosen if y == year else _area_in(stored, y, region_code)) for y in every_year]
    return AreaYears(figures, trend)


def figures_for_year(viewer: AnyViewer, year: int) -> YearFigures | None:
    return figures_for_years(viewer, [year]).get(year)


def staff_breakdown(lks_return: LksReturn | None, dimension: str) -> list[dict[str, Any]]:
    """Posts of a return grouped by band, role or specialty: WTE, qualified WTE and headcount."""
    if lks_return is None or dimension not in {"band", "role", "specialty"}:
        return []
    rows = (
        LksPost.objects.filter(lks_return=lks_return)
        .values(dimension)
        .annotate(
            total_wte=Sum("wte"),
            total_qualified_wte=Sum("wte", filter=Q(is_qualified=True)),
            total_headcount=Sum("headcount"),
        )
        .order_by(dimension)
    )
    return [
        {
            "group": r[dimension] or "Not recorded",
            "wte": r["total_wte"],
            "qualified_wte": r["total_qualified_wte"] or Decimal(0),
            "headcount": r["total_headcount"],
        }
        for r in rows
    ]


def counted_return(organisation: Organisation, year: int) -> LksReturn | None:
    return LksReturn.objects.filter(organisation=organisation, year=year).counted().first()


def returns_of(organisation: Organisation) -> list[LksReturn]:
    return list(
        LksReturn.objects.filter(organisation=organisation)
        .select_related("submitted_by", "published_by")
        .order_by("-year", "-version")
    )


def organisation_trend(figures: dict[int, YearFigures], ods_code: str) -> list[tuple[int, OrganisationRatio | None]]:
    """An organisation's figure in each year; None for years it was not open."""
    points: list[tuple[int, OrganisationRatio | None]] = []
    for year, year_figures in figures.items():
        figure = year_figures.organisation(ods_code)
        points.append((year, figure.ratio if figure else None))
    return points


@dataclass(frozen=True)
class Outlook:
    """An organisation's trajectory to the target and when, at the recent rate, it gets there."""

    steps: list[TrajectoryStep]
    target_reached_in: int | None  # None: not at this rate, or no figures to plan from


def organisation_outlook(
    figures: dict[int, YearFigures], ods_code: str, *, year: int, growth_percent: Decimal, target_year: int
) -> Outlook:
    """The one place the trajectory and target year are worked out, for the page, PDF and API."""
    figure = figures[year].organisation(ods_code)
    if figure is None or figure.ratio.nhs_wte is None or figure.ratio.qualified_wte is None:
        return Outlook([], None)
    policy, growth = figures[year].policy, growth_percent / 100
    steps = plan_trajectory(
        nhs_wte=figure.ratio.nhs_wte, qualified_wte=figure.ratio.qualified_wte, start_year=year,
        target_year=target_year, nhs_growth_rate=growth, policy=policy,
    )  # fmt: skip
    history = [point for point in history_of(figures, ods_code) if point[0] <= year]
    return Outlook(steps, year_target_reached(history=history, nhs_growth_rate=growth, policy=policy))


def history_of(figures: dict[int, YearFigures], ods_code: str) -> list[tuple[int, Decimal, Decimal]]:
    """(year, NHS WTE, qualified WTE) for the years an organisation has both figures, oldest first."""
    points = []
    for year in sorted(figures):
        figure = figures[year].organisation(ods_code)
        if figure and figure.ratio.has_figures:
            assert figure.ratio.nhs_wte is not None
            assert figure.ratio.qualified_wte is not None
            points.append((year, figure.ratio.nhs_wte, figure.ratio.qualified_wte))
    return points
