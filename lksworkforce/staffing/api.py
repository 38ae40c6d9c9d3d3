"""Staffing figures over the API: the same selectors and presenters as the pages, CSV and CLI."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.params import ParamError, parse_year
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.organisations import selectors as organisation_selectors
from lksworkforce.staffing import presenters, selectors, services
from lksworkforce.staffing.forms import GROWTH_LIMIT
from lksworkforce.staffing.models import RatioPolicyRecord
from lksworkforce.staffing.ratios import RatioStatus

router = Router(tags=["Staffing"])


WTE = "Whole-time equivalent, to 2 decimal places (as the CSV shows it); null when there is no figure"
TARGET_YEAR = "The year to project to: after the chosen year, and at most 30 years after it (default 3 years after)"


class ReportRow(Schema):
    area_code: str
    area_name: str
    nhs_wte: float | None = Field(description=WTE)
    qualified_wte: float | None = Field(description=WTE)
    staff_per_qualified: float | None = Field(
        description="NHS staff WTE per qualified LKS WTE, to 2 decimal places; null with no qualified staff "
        "or no figures (see status). Pages show it as 1:N with N truncated."
    )
    target_staff_per_qualified: float = Field(description="The policy's target, in the same unit")
    status: RatioStatus
    meets_target: bool | None = Field(description="null when there are no figures to compare")
    gap_wte: float | None = Field(description="Qualified WTE short of the target, summed over organisations")


class RatioReport(Schema):
    year: int
    by: str
    organisations_missing: int
    rows: list[ReportRow]


class TrendRow(Schema):
    year: int
    nhs_wte: float | None = Field(description=WTE)
    qualified_wte: float | None = Field(description=WTE)
    staff_per_qualified: float | None
    status: RatioStatus
    change: float | None = Field(description="Change in staff per qualified since the year before")
    gap_wte: float | None = Field(description=WTE)


class TrajectoryRow(Schema):
    year: int
    projected_nhs_wte: float = Field(description=WTE)
    qualified_wte_needed: float = Field(description=WTE)
    increase_from_previous_year: float = Field(description=WTE)
    staff_per_qualified_if_met: float | None


class OrganisationFigures(Schema):
    ods_code: str
    year: int
    figure: ReportRow
    status: RatioStatus
    trend: list[TrendRow]
    trajectory: list[TrajectoryRow]
    target_reached_in: int | None


class PolicyOut(Schema):
    target_staff_per_qualified: Decimal
    reference_average: Decimal
    effective_from: date
    review_due: date | None


class ImportOut(Schema):
    rows: int
    notes: list[str]


def _year(year: int | None) -> int:
    years = selectors.census_years()
    if not years:
        raise HttpError(404, "No NHS workforce census has been imported")
    if year is None:
        return years[0]
    if year not in years:
        raise HttpError(404, f"No census for {year}")
    return year


@router.get(
    "/staffing/ratios",
    response=responses(RatioReport, 404),
    summary="Ratio and gap by nation, region or organisation",
)
def ratios(
    request: HttpRequest,
    year: int | None = None,
    by: Literal["nation", "region", "organisation"] = "nation",
    region: str | None = None,
) -> dict[str, object]:
    chosen = _year(year)
    figures = selectors.figures_for_year(request.user, chosen)
    assert figures is not None
    if region is not None and figures.region(region) is None:
        raise HttpError(404, f"No region with that code in {chosen}")
    return {
        "year": chosen,
        "by": by,
        "organisations_missing": figures.nation.organisations_missing,
        "rows": presenters.report_figure_rows(figures, by, region),
    }


@router.get(
    "/staffing/organisations/{ods_code}",
    response=responses(OrganisationFigures, 404),
    summary="An organisation's ratio, trend and trajectory",
)
def organisation_figures(
    request: HttpRequest,
    ods_code: str,
    year: int | None = None,
    growth_percent: Annotated[Decimal, Query(ge=-GROWTH_LIMIT, le=GROWTH_LIMIT)] = Decimal("1.0"),
    target_year: Annotated[int | None, Query(ge=1990, le=2200, description=TARGET_YEAR)] = None,
) -> dict[str, object]:
    organisation = organisation_selectors.organisation_detail(request.user, ods_code)
    if organisation is None:
        raise HttpError(404, "No organisation with that ODS code")
    chosen = _year(year)
    target = target_year or chosen + 3
    if not chosen < target <= chosen + 30:
        raise HttpError(422, f"target_year must be from {chosen + 1} to {chosen + 30}")
    by_year = selectors.figures_for_years(request.user, selectors.census_years(), ods_code=organisation.ods_code)
    figures = by_year[chosen]
    figure = figures.organisation(organisation.ods_code)
    if figure is None:
        raise HttpError(404, f"{organisation.ods_code} was not open in {chosen}")
    trend = presenters.trend_figures(selectors.organisation_trend(by_year, organisation.ods_code))
    outlook = selectors.organisation_outlook(
        by_year, organisation.ods_code, year=chosen, growth_percent=growth_percent, target_year=target
    )
    trajectory, reached = presenters.trajectory_figures(outlook.steps), outlook.target_reached_in
    return {
        "ods_code": organisation.ods_code,
        "year": chosen,
        "figure": presenters.report_figures(figure.ratio, figures.policy.target_staff_per_qualified),
        "status": figure.ratio.status,
        "trend": trend,
        "trajectory": trajectory,
        "target_reached_in": reached,
    }


@router.get("/staffing/policy", response=responses(list[PolicyOut]), summary="Ratio policies, newest first")
def policy(request: HttpRequest) -> list[RatioPolicyRecord]:
    return selectors.ratio_policies()


@router.post(
    "/staffing/imports",
    response=write_responses(ImportOut),
    summary="Import the NHS workforce census or LKS annual returns for a year (national team)",
)
def staffing_import(
    request: HttpRequest,
    kind: Form[str | None] = None,
    year: Form[str | None] = None,
    file: File[UploadedFile | None] = None,
) -> dict[str, object]:
    # Permission first, so that who may import is not hidden behind input validation; then
    # every problem with the request in the same shape as a problem in the file.
    if not request.user.has_perm("staffing.import_staffing"):
        raise HttpError(403, "Only the national team can import staffing data")
    problems = []
    if kind not in {"census", "returns"}:
        problems.append(Problem(field="kind", value=kind, reason="Give census or returns"))
    try:
        chosen_year = parse_year(year)
    except ParamError as problem:
        problems.append(Problem(field="year", value=year, reason=str(problem)))
    if file is None:
        problems.append(Problem(field="file", reason="Attach the CSV or XLSX file"))
    if problems:
        raise Rejected(problems)
    assert file is not None
    importer = services.census_import if kind == "census" else services.lks_returns_import
    outcome = importer(
        data=upload_bytes(file), filename=file.name or "upload.csv", year=chosen_year, actor=request.user
    )
    return {"rows": outcome.rows, "notes": outcome.notes}
