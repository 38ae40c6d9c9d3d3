"""Programmes over the API: selection. The regional fair shares of a number of places in a year:
the same rows and columns as `lksw programme_fair_shares` and the fair-shares page."""

from typing import Annotated, Any

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.forms.selection import EARLIEST_YEAR, LATEST_YEAR
from lksworkforce.programmes.presenters.selection import fair_share_table
from lksworkforce.programmes.selectors.selection import (
    DEFAULT_MIN_PER_REGION,
    MAX_MIN_PER_REGION,
    MAX_PLACES,
    NoPublishedReturnsError,
    fair_share_rows,
)

router = Router()
NOT_SHARED = "The places were not shared"


class FairShareOut(Schema):
    region_code: str
    region: str
    lks_headcount: int = Field(description="People in post in the region's published annual returns of the year")
    exact_share: str = Field(description="The region's exact proportional share, to 4 decimal places")
    places: int


class FairSharesOut(Schema):
    year: int
    places: int
    min_per_region: int
    rows: list[FairShareOut]


@router.get(
    "/programmes/fair-shares",
    response=responses(FairSharesOut, 403, 422),
    summary="Share places among the regions by LKS headcount (national team and regional leads)",
)
def fair_shares(
    request: SignedInRequest,
    places: Annotated[int | None, Query(ge=1, le=MAX_PLACES, description="Required: how many places to share")] = None,
    year: Annotated[
        int | None,
        Query(ge=EARLIEST_YEAR, le=LATEST_YEAR, description="Required: whose annual returns give the headcount"),
    ] = None,
    min_per_region: Annotated[int, Query(ge=0, le=MAX_MIN_PER_REGION)] = DEFAULT_MIN_PER_REGION,
) -> Any:
    if not request.user.has_perm("programmes.select"):
        raise HttpError(403, "Only the national team and regional leads share out places")
    # Optional in the signature so that the permission is checked before what was asked for.
    missing = [
        Problem(field=name, reason=f"Give {what}")
        for name, value, what in (("places", places, "the number of places"), ("year", year, "the year"))
        if value is None
    ]
    if missing:
        raise Rejected(missing, subject=NOT_SHARED)
    if places is None or year is None:  # for the type checker: refused above
        raise Rejected(missing, subject=NOT_SHARED)
    try:
        rows = fair_share_rows(year, places, min_per_region=min_per_region)
    except NoPublishedReturnsError as error:
        raise Rejected([Problem(field="year", reason=str(error), value=str(year))], subject=NOT_SHARED) from error
    except ValueError as error:
        raise Rejected([Problem(field=None, reason=str(error))], subject=NOT_SHARED) from error
    return {"year": year, "places": places, "min_per_region": min_per_region, "rows": fair_share_table(rows)}
