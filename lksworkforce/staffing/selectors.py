"""Reads for staffing figures. A fixed number of queries whatever the number of organisations;
every surface (page, API, CSV/XLSX/PDF, CLI) takes its figures from here."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import ExpressionWrapper, F, FloatField, Q, Sum

from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Organisation, RegionMembership
from lksworkforce.staffing.models import LksPost, LksReturn, RatioPolicyRecord, WorkforceCensus
from lksworkforce.staffing.ratios import (
    AreaRatio,
    OrganisationRatio,
    OrganisationYear,
    RatioPolicy,
    TrajectoryStep,
    organisation_ratio,
    plan_trajectory,
    pool_area,
    year_target_reached,
)

TWO_PLACES = Decimal("0.01")
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


def figures_for_years(
    viewer: Any, years: list[int], *, region_code: str | None = None, ods_code: str | None = None
) -> dict[int, YearFigures]:
    """Five queries for any number of years and organisations. With region_code (or ods_code),
    only the organisations that were in that region in one of the years (or that organisation):
    pages about one area do not compute the nation."""
    if not getattr(viewer, "is_authenticated", False) or not years:
        return {}
    policies = list(RatioPolicyRecord.objects.all())
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
    organisations = list(
        scope.filter(
            Q(opened_on__isnull=True) | Q(opened_on__year__lte=last),
            Q(closed_on__isnull=True) | Q(closed_on__year__gte=first),
        ).values("id", "ods_code", "name", "type", "opened_on", "closed_on")
    )
    regions: dict[tuple[int, int], tuple[str, str]] = {
        (m["organisation_id"], m["year"]): (m["region__code"], m["region__name"])
        for m in RegionMembership.objects.filter(geography__key=CURRENT_GEOGRAPHY_KEY, year__in=years).values(
            "organisation_id", "year", "region__code", "region__name"
        )
    }
    census = {
        (c["organisation_id"], c["year"]): _wte(c["wte"])
        for c in WorkforceCensus.objects.filter(year__in=years)
        .annotate(wte=_raw_number(F("nhs_wte")))
        .values("organisation_id", "year", "wte")
    }
    qualified = {
        (r["lks_return__organisation_id"], r["lks_return__year"]): _wte(r["qualified"] or 0)
        for r in LksPost.objects.filter(lks_return__in=LksReturn.objects.counted().filter(year__in=years))
        .values("lks_return__organisation_id", "lks_return__year")
        .annotate(qualified=_raw_number(Sum("wte", filter=Q(is_qualified=True))))
    }
    result = {}
    for year in years:
        policy = policy_in_force(year, policies)
        figures = [
            OrganisationFigure(
                ratio=organisation_ratio(
                    OrganisationYear(
                        o["ods_code"], o["name"], census.get((o["id"], year)), qualified.get((o["id"], year))
                    ),
                    policy,
                ),
                organisation_type=o["type"],
                region_code=regions.get((o["id"], year), NO_REGION)[0],
                region_name=regions.get((o["id"], year), NO_REGION)[1],
            )
            for o in organisations
            if _open_in(o, year)
        ]
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
        result[year] = YearFigures(
            year=year,
            policy=policy,
            organisations=figures,
            regions=area_ratios,
            nation=pool_area(NATION_CODE, NATION_NAME, [f.ratio for f in figures], policy),
            status_counts=dict(counts),
        )
    return result


def figures_for_year(viewer: Any, year: int) -> YearFigures | None:
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


def _raw_number(expression: Any) -> ExpressionWrapper:
    """Skip Django's decimal converter: on SQLite it costs ~30 µs a value (the column is stored as
    a float anyway), which dominated the dashboard. `_wte` makes the 2-place Decimal instead."""
    return ExpressionWrapper(expression, output_field=FloatField())


def _wte(value: float | int | Decimal) -> Decimal:
    """A WTE as a 2-place Decimal. PostgreSQL already returns Decimal; SQLite returns a float
    that holds the stored 2-place value, which formatting to 2 places recovers exactly."""
    if isinstance(value, Decimal):
        return value.quantize(TWO_PLACES)
    return Decimal(f"{value:.2f}")


def _open_in(organisation: Mapping[str, Any], year: int) -> bool:
    opened, closed = organisation["opened_on"], organisation["closed_on"]
    return (opened is None or opened.year <= year) and (closed is None or closed.year >= year)
