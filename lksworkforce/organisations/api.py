"""Organisations and regions over the API. Thin: selectors do the reading."""

from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from lksworkforce.core.api_errors import responses
from lksworkforce.organisations import selectors
from lksworkforce.organisations.codes import OrganisationType
from lksworkforce.organisations.presenters import current_region_name

router = Router(tags=["Organisations"])


class OrganisationOut(Schema):
    ods_code: str
    name: str
    type: OrganisationType
    region: str
    opened_on: date | None
    closed_on: date | None


class RegionYearOut(Schema):
    year: int
    geography: str
    region_code: str
    region_name: str


class OrganisationDetailOut(OrganisationOut):
    regions: list[RegionYearOut]


class RegionOut(Schema):
    geography: str
    code: str
    name: str


class OrganisationQuery(Schema):
    q: str = ""
    type: OrganisationType | None = None
    region: str = ""
    include_closed: bool = False


def _organisation_out(o: object) -> dict[str, object]:
    return {
        "ods_code": o.ods_code,  # type: ignore[attr-defined]
        "name": o.name,  # type: ignore[attr-defined]
        "type": o.type,  # type: ignore[attr-defined]
        "region": current_region_name(o),  # type: ignore[arg-type]
        "opened_on": o.opened_on,  # type: ignore[attr-defined]
        "closed_on": o.closed_on,  # type: ignore[attr-defined]
    }


@router.get("/organisations", response=responses(list[OrganisationOut]), summary="List organisations")
@paginate(LimitOffsetPagination)
def list_organisations(request: HttpRequest, filters: Query[OrganisationQuery]) -> list[dict[str, object]]:
    organisations = selectors.organisation_list(
        request.user,
        selectors.OrganisationFilters(
            text=filters.q,
            type=filters.type.value if filters.type else "",
            region_code=filters.region,
            include_closed=filters.include_closed,
        ),
    )
    return [_organisation_out(o) for o in organisations]


@router.get("/organisations/{ods_code}", response=responses(OrganisationDetailOut, 404), summary="One organisation")
def get_organisation(request: HttpRequest, ods_code: str) -> dict[str, object]:
    organisation = selectors.organisation_detail(request.user, ods_code)
    if organisation is None:
        raise HttpError(404, "No organisation with that ODS code")
    history = organisation.membership_history  # type: ignore[attr-defined]
    current = [m for m in history if m.geography.key == "nhse-regions"]
    organisation.current_memberships = current[:1]  # type: ignore[attr-defined]
    return {
        **_organisation_out(organisation),
        "regions": [
            {"year": m.year, "geography": m.geography.key, "region_code": m.region.code, "region_name": m.region.name}
            for m in history
        ],
    }


@router.get("/regions", response=responses(list[RegionOut]), summary="List regions of every geography")
def list_regions(request: HttpRequest) -> list[dict[str, str]]:
    return [{"geography": r.geography.key, "code": r.code, "name": r.name} for r in selectors.region_list(request.user)]
