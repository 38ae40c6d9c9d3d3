"""Learning over the API: coverage of the latest closed survey's top needs (curators and the national
team), the same figures as the coverage page and its CSV."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lksworkforce.core.api_errors import responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.learning.coverage import BAND_GROUPS, DEFAULT_MIN_RESOURCES, MIN_RESOURCES_RANGE
from lksworkforce.learning.selectors.coverage import coverage_report, region_names

router = Router()


class CoverageQuery(Schema):
    min_resources: int = Field(
        DEFAULT_MIN_RESOURCES,
        ge=MIN_RESOURCES_RANGE[0],
        le=MIN_RESOURCES_RANGE[1],
        description="N in 'the share of top needs with at least N suitable resources'",
    )
    region: str = Field("", description="A region's name (the organisations' current regions); blank: England")


class BandGroupShareOut(Schema):
    band_group: str = Field(description="bands_1_4 or band_5_up")
    label: str
    share: float = Field(description="Share (0 to 1) of the top needs with at least min_resources suitable resources")
    needs_met: int


class CoverageResourceOut(Schema):
    id: int
    title: str
    band_from: str
    band_to: str


class NeedCoverageOut(Schema):
    need: str
    sub_areas: list[str]
    resources: list[CoverageResourceOut]
    suitable: dict[str, int] = Field(description="Band group -> how many of the resources suit it")
    nothing_on_offer: bool


class CoverageOut(Schema):
    survey: str
    scope: str
    min_resources: int
    shares: list[BandGroupShareOut]
    needs: list[NeedCoverageOut]
    no_offer: list[str]


@router.get(
    "/learning/coverage",
    response=responses(CoverageOut, 403, 404),
    summary="Coverage of the latest closed survey's top needs by published resources, by band group",
)
def coverage(request: HttpRequest, query: Query[CoverageQuery]) -> dict[str, Any]:
    if not request.user.has_perm("learning.view_coverage"):
        raise HttpError(403, "Coverage is for curators and the national team")
    region = query.region.strip()
    if region and region not in region_names(request.user):
        raise Rejected(
            [Problem(field="region", value=region, reason="Not a region's name")],
            subject="The coverage was not worked out",
        )
    report = coverage_report(region, query.min_resources)
    if report is None:
        raise HttpError(404, "No closed development needs survey ranks needs yet")
    figures = report.figures
    return {
        "survey": report.survey_title,
        "scope": report.scope,
        "min_resources": figures.min_resources,
        "shares": [
            {"band_group": g.value, "label": g.label, "share": figures.share[g], "needs_met": figures.met[g]}
            for g in BAND_GROUPS
        ],
        "needs": [
            {
                "need": need.label,
                "sub_areas": [str(report.sub_areas.get(i, i)) for i in need.sub_area_ids],
                "resources": [
                    {"id": r.resource_id, "title": r.title, "band_from": r.band_from, "band_to": r.band_to}
                    for r in need.resources
                ],
                "suitable": {g.value: need.suitable[g] for g in BAND_GROUPS},
                "nothing_on_offer": need.nothing_on_offer,
            }
            for need in figures.needs
        ],
        "no_offer": [need.label for need in figures.no_offer],
    }
