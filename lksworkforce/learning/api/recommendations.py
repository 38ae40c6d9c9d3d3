"""Learning over the API: a person's recommendations with their reasons as structured data (the same
ranking, scores and sentences as the page), dismissing one, and the weights behind them (anyone
signed in reads them; the national team changes them, from the version it read)."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn
from lksworkforce.learning.presenters.recommendations import WEIGHT_LABELS, reasons, shown_score
from lksworkforce.learning.scoring import HIGHEST_WEIGHT
from lksworkforce.learning.selectors import recommendations as selectors
from lksworkforce.learning.services import recommendations as services

router = Router()
MOST = 50
LARGEST_ID = 2**31 - 1


class ReasonOut(Schema):
    kind: str = Field(
        description="gap, role_expectation, region_need, national_need, band_suits, free, fresh, review_overdue"
    )
    sub_area: str | None = Field(description="The sub-area's number, for reasons about one sub-area")
    text: str
    points: float = Field(description="To 2 decimal places; negative when taken off")


class RecommendationOut(Schema):
    resource_id: int
    title: str
    url: str = Field(description="The resource's web address")
    page: str = Field(description="Its page in the catalogue")
    score: float = Field(description="The sum of its reasons' points")
    reasons: list[ReasonOut]


class RecommendationFilter(Schema):
    sub_area: Annotated[
        int | None, Field(ge=1, le=LARGEST_ID, description="Only resources teaching this sub-area (id)")
    ] = None
    limit: Annotated[int, Field(ge=1, le=MOST)] = 10


@router.get(
    "/learning/recommendations",
    response=responses(list[RecommendationOut]),
    summary="Learning recommended for you, best first, with the reasons for each score",
)
def recommendation_list(request: SignedInRequest, filters: Query[RecommendationFilter]) -> list[dict[str, Any]]:
    only = frozenset({filters.sub_area}) if filters.sub_area else None
    found = selectors.ranked_for(request.user, only, filters.limit)
    return [
        {
            "resource_id": s.resource.id,
            "title": s.resource.title,
            "url": s.resource.url,
            "page": f"/learning/resources/{s.resource.id}/",
            "score": shown_score(s),
            "reasons": [r.as_dict() for r in reasons(s)],
        }
        for s in found.ranked
    ]


class DismissedOut(Schema):
    resource_id: int
    dismissed: bool


@router.post(
    "/learning/recommendations/{resource_id}/dismiss",
    response=write_responses(DismissedOut, 404),
    summary="Never recommend this resource to you again",
)
def recommendation_dismiss(request: SignedInRequest, resource_id: int) -> dict[str, Any]:
    resource = selectors.published_resource(resource_id)
    if resource is None:
        raise HttpError(404, "No such resource")
    services.dismiss(person=request.user, resource=resource)
    return {"resource_id": resource.pk, "dismissed": True}


WEIGHT = Field(ge=0, le=HIGHEST_WEIGHT)


class WeightsOut(Schema):
    edit_version: int = Field(description="Send this back to change them; 0 while the defaults are in force")
    weights: dict[str, float]
    labels: dict[str, str]


class WeightsIn(BodyIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description="The `edit_version` you read")
    gap: Annotated[float, WEIGHT]
    role_expectation: Annotated[float, WEIGHT]
    region_need: Annotated[float, WEIGHT]
    national_need: Annotated[float, WEIGHT]
    band_suits: Annotated[float, WEIGHT]
    free: Annotated[float, WEIGHT]
    fresh: Annotated[float, WEIGHT]
    review_overdue: Annotated[float, WEIGHT]


def _weights_out() -> dict[str, Any]:
    in_force = selectors.weights_in_force()
    return {"edit_version": in_force.version, "weights": in_force.weights.as_dict(), "labels": WEIGHT_LABELS}


@router.get(
    "/learning/recommendation-weights",
    response=responses(WeightsOut),
    summary="The weights recommendations are scored with",
)
def weights_get(request: HttpRequest) -> dict[str, Any]:  # noqa: ARG001 - ninja passes it
    return _weights_out()


@router.put(
    "/learning/recommendation-weights",
    response=write_responses(WeightsOut, 409),
    summary="Change the recommendation weights (national team)",
    description="Send the `edit_version` you read. If someone changed the weights since, nothing is saved: "
    "409 with code `stale`.",
)
def weights_put(request: SignedInRequest, body: WeightsIn) -> dict[str, Any]:
    if not request.user.has_perm("learning.set_weights"):
        raise HttpError(403, "Only the national team changes the recommendation weights")
    values = body.dict(exclude={"edit_version"})
    services.set_weights(actor=request.user, values=values, expected_version=body.edit_version)
    return _weights_out()
