"""Programmes over the API: equity. `GET /programmes/equity?year=YYYY`: the equity dashboard's rows,
as the page, its files and `lksw programme_equity` show them (presenters/equity.py), for regional
leads and the national team. A hidden count is `null`, and `suppressed` names its reason."""

from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses
from lksworkforce.core.params import MAX_YEAR, MIN_YEAR
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.presenters import equity as presenters
from lksworkforce.programmes.selectors import equity as selectors

router = Router()

NOT_YOURS = "The equity dashboard is for regional leads and the national team"
COUNT = "People (places, for places offered); null when hidden: `suppressed` says why"


class EquityRowOut(Schema):
    section: str = Field(description="region, band_group, organisation_type, delivery, ratio or trend")
    code: str = Field(description="The group's code (a region's code, a band group, a year for `ratio`)")
    name: str
    lks_headcount: int | None = Field(description="LKS staff in post in the year's published returns")
    participants: int | None = Field(description=COUNT)
    per_100_staff: str | None = Field(description="Participants per 100 LKS staff, 2 decimal places")
    fair_share_places: int | None
    places_offered: int | None = Field(description=COUNT)
    applicants: int | None = Field(description=COUNT)
    could_not_travel: int | None = Field(description=COUNT)
    ratio: str | None = Field(description="The highest region's rate over the lowest's; null when not defined")
    note: str
    suppressed: dict[str, str] = Field(description="Each hidden count's column: small_group, or protects_smaller_group")


class EquityOut(Schema):
    year: int
    threshold: int = Field(description="Groups smaller than this are hidden")
    years: list[int] = Field(description="The years with figures, newest first")
    trend: str = Field(description="narrowing, widening, steady or unknown")
    rows: list[EquityRowOut]


class YearQuery(Schema):
    year: int | None = Field(
        None, ge=MIN_YEAR, le=MAX_YEAR, description="A year that is over; the last one if not given"
    )


@router.get(
    "/programmes/equity",
    response=responses(EquityOut, 403),
    summary="Equity of access: participation per 100 LKS staff, fair shares, delivery, travel, the regions' ratio",
)
def equity_dashboard(request: SignedInRequest, query: Query[YearQuery]) -> Any:
    if not request.user.has_perm("programmes.view_equity"):
        raise HttpError(403, NOT_YOURS)
    today = timezone.localdate()
    year = query.year if query.year is not None else selectors.latest_closed_year(today)
    try:
        figures = selectors.equity_figures(year, today=today)
    except selectors.YearRefusedError as refused:
        raise Rejected([Problem(field="year", reason=str(refused))]) from refused
    return {
        "year": figures.year,
        "threshold": figures.threshold,
        "years": selectors.years_with_cohorts(today),
        "trend": figures.direction.trend.value,
        "rows": [presenters.api_row(row) for row in presenters.equity_rows(figures)],
    }
