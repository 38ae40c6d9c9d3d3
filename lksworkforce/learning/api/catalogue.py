"""The catalogue over the API: resources (paged; drafts for curators only) and topics, and the
curators' writes. The same selectors, services and presenters as the pages: the same checks,
the same words, the same figures."""

from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.schemas import BodyIn, Text
from lksworkforce.learning import catalogue_rules as rules
from lksworkforce.learning.presenters import catalogue as presenters
from lksworkforce.learning.selectors import catalogue as selectors
from lksworkforce.learning.services import catalogue as services
from lksworkforce.learning.services import catalogue_topics as topics
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus

router = Router()
VERSION_OUT = "Send this back when you change the resource: a change based on an older version is refused (409 stale)"
CURATORS_ONLY = "Only curators change the catalogue"


class TaughtOut(Schema):
    id: int
    number: str = Field(description="The sub-area's number in its framework, e.g. 3.8")
    name: str
    level: int | None = Field(description="The level it teaches to; null when the curator does not know")


class ResourceOut(Schema):
    id: int
    title: str
    description: str
    kind: ResourceKind
    provider: str
    url: str
    format: str
    length_minutes: int | None
    length: str = Field(description='As the pages say it: "45 minutes", "2 hours"; empty when not known')
    cost: Cost
    cost_note: str
    band_from: str | None = Field(description="The lowest AfC band it suits; null: any")
    band_to: str | None = Field(description="The highest AfC band it suits; null: any")
    bands: str = Field(description='As the pages say it: "Bands 2 to 4", "Any band"')
    roles: list[str] = Field(description="Role profile keys it suits; empty: any role")
    sub_areas: list[TaughtOut]
    topics: list[str] = Field(description="The slugs of the topics it is in")
    licence: str
    added_on: date
    review_due_on: date | None
    status: ResourceStatus
    edit_version: int = Field(description=VERSION_OUT)
    page: str


class TopicOut(Schema):
    slug: str
    name: str
    introduction: str
    edit_version: int
    page: str


class TopicResourceOut(Schema):
    id: int
    title: str
    position: int = Field(description="Its place in the topic's order, from 1")


class TopicDetailOut(TopicOut):
    resources: list[TopicResourceOut] = Field(description="Published resources, curated order first, then by title")


class TaughtIn(BodyIn):
    id: int = Field(description="The sub-area's id (as `sub_areas[].id` gives it)")
    level: int | None = None


class ResourceIn(BodyIn):
    title: Annotated[str, Text(rules.TITLE_LIMIT, "The title")]
    url: Annotated[str, Text(rules.URL_LIMIT, "The web address")]
    kind: ResourceKind
    added_on: date
    description: Annotated[str, Text(rules.DESCRIPTION_LIMIT, "The description")] = ""
    provider: Annotated[str, Text(rules.PROVIDER_LIMIT, "The provider")] = ""
    format: Annotated[str, Text(rules.FORMAT_LIMIT, "The format")] = ""
    length_minutes: int | None = Field(None, ge=1, le=rules.LONGEST_MINUTES)
    cost: Cost = Cost.FREE
    cost_note: Annotated[str, Text(rules.COST_NOTE_LIMIT, "The note on cost")] = ""
    band_from: Annotated[str, Text(2, "The lowest band")] | None = None
    band_to: Annotated[str, Text(2, "The highest band")] | None = None
    roles: list[Annotated[str, Text(rules.ROLE_KEY_LIMIT, "A role")]] = Field(default=[], max_length=rules.ROLES_LIMIT)
    licence: Annotated[str, Text(rules.LICENCE_LIMIT, "The licence")] = ""
    review_due_on: date | None = None
    status: ResourceStatus = ResourceStatus.DRAFT
    sub_areas: list[TaughtIn] = Field(default=[], max_length=500)
    topics: list[Annotated[str, Text(rules.TOPIC_SLUG_LIMIT, "A topic")]] = Field(default=[], max_length=200)


class ResourceChangeIn(ResourceIn):
    edit_version: int = Field(ge=0, description="The `edit_version` you read; if it changed since, 409 `stale`")


class TopicIn(BodyIn):
    name: Annotated[str, Text(rules.TOPIC_NAME_LIMIT, "The name")]
    introduction: Annotated[str, Text(rules.INTRODUCTION_LIMIT, "The introduction")] = ""


class TopicNewIn(TopicIn):
    slug: Annotated[str, Text(rules.TOPIC_SLUG_LIMIT, "The address")] = Field(
        description="Its address, e.g. lean-thinking (lower-case letters, digits and hyphens); it stays the same after"
    )


class TopicChangeIn(TopicIn):
    edit_version: int = Field(ge=0, description="The `edit_version` you read; if it changed since, 409 `stale`")


class ResourceQuery(Schema):
    status: Literal["draft", "published", "retired", "all"] | None = Field(
        None, description="Published when not given; `draft` and `all` for curators only"
    )


def _curator(request: HttpRequest) -> None:
    if not selectors.may_curate(request.user):
        raise HttpError(403, CURATORS_ONLY)


def _entry(body: ResourceIn, subject: str) -> services.ResourceInput:
    slugs = dict(selectors.topic_ids_by_slug(body.topics))
    if unknown := [s for s in body.topics if s not in slugs]:
        raise Rejected(
            [Problem(field="topics", value=s, reason="No topic with this slug") for s in unknown], subject=subject
        )
    return services.ResourceInput(
        title=body.title,
        url=body.url,
        kind=body.kind.value,
        added_on=body.added_on,
        description=body.description,
        provider=body.provider,
        format=body.format,
        length_minutes=body.length_minutes,
        cost=body.cost.value,
        cost_note=body.cost_note,
        band_from=body.band_from or "",
        band_to=body.band_to or "",
        roles=tuple(body.roles),
        licence=body.licence,
        review_due_on=body.review_due_on,
        status=body.status.value,
        teaches=tuple(services.Taught(t.id, t.level) for t in body.sub_areas),
        topic_ids=tuple(slugs[s] for s in body.topics),
    )


def _detail(resource_id: int, request: HttpRequest) -> dict[str, Any]:
    found = selectors.resource_for(request.user, resource_id)
    if found is None:
        raise HttpError(404, "No such resource")
    return presenters.api_resource(found)


@router.get("/learning/resources", response=responses(list[ResourceOut], 403), summary="Resources in the catalogue")
@paginate(LimitOffsetPagination)
def resource_list(request: HttpRequest, filters: Query[ResourceQuery]) -> list[dict[str, Any]]:
    if filters.status in {"draft", "all"}:
        _curator(request)
    resources = selectors.resources_listed(request.user, filters.status)
    return [presenters.api_resource(r) for r in resources]


@router.get("/learning/resources/{resource_id}", response=responses(ResourceOut, 404), summary="One resource")
def resource_detail(request: HttpRequest, resource_id: int) -> dict[str, Any]:
    return _detail(resource_id, request)


@router.post(
    "/learning/resources",
    response=write_responses(ResourceOut),
    summary="Add a resource (curators)",
    description="Refused whole (422, every problem listed) when a field is wrong, or the web address "
    "is already in the catalogue (the problem names that resource).",
)
def resource_add(request: HttpRequest, body: ResourceIn) -> dict[str, Any]:
    _curator(request)
    created = services.resource_create(actor=request.user, entry=_entry(body, services.NOT_ADDED))
    return _detail(created.pk, request)


@router.put(
    "/learning/resources/{resource_id}",
    response=write_responses(ResourceOut, 404, 409),
    summary="Change a resource (curators): every field, from the version you read",
    description="Send the `edit_version` you read. If the resource changed since, nothing is saved: "
    "409 `stale` with `changes`, what you sent beside what is saved now.",
)
def resource_change(request: HttpRequest, resource_id: int, body: ResourceChangeIn) -> dict[str, Any]:
    _curator(request)
    found = selectors.resource_to_edit(resource_id)
    if found is None:
        raise HttpError(404, "No such resource")
    services.resource_update(
        actor=request.user, resource=found, entry=_entry(body, services.NOT_SAVED), expected_version=body.edit_version
    )
    return _detail(resource_id, request)


@router.get("/learning/topics", response=responses(list[TopicOut]), summary="Topics")
def topic_list(request: HttpRequest) -> list[dict[str, Any]]:  # noqa: ARG001 - every topic is for everyone
    return [presenters.api_topic(t) for t in selectors.topics()]


@router.get("/learning/topics/{slug}", response=responses(TopicDetailOut, 404), summary="One topic and its resources")
def topic_detail(request: HttpRequest, slug: str) -> dict[str, Any]:  # noqa: ARG001
    found = selectors.topic_by_slug(slug)
    if found is None:
        raise HttpError(404, "No such topic")
    return presenters.api_topic(found, selectors.topic_entries(found))


@router.post(
    "/learning/topics",
    response=write_responses(TopicDetailOut),
    summary="Add a topic (curators)",
    description="Its resources are added by naming the topic in a resource's `topics`.",
)
def topic_add(request: HttpRequest, body: TopicNewIn) -> dict[str, Any]:
    _curator(request)
    created = topics.topic_create(
        actor=request.user, entry=topics.TopicInput(name=body.name, introduction=body.introduction, slug=body.slug)
    )
    return presenters.api_topic(created, selectors.topic_entries(created))


@router.put(
    "/learning/topics/{slug}",
    response=write_responses(TopicDetailOut, 404, 409),
    summary="Change a topic's name and introduction (curators), from the version you read",
)
def topic_change(request: HttpRequest, slug: str, body: TopicChangeIn) -> dict[str, Any]:
    _curator(request)
    found = selectors.topic_by_slug(slug)
    if found is None:
        raise HttpError(404, "No such topic")
    changed = topics.topic_update(
        actor=request.user,
        topic=found,
        entry=topics.TopicInput(name=body.name, introduction=body.introduction),
        expected_version=body.edit_version,
    )
    return presenters.api_topic(changed, selectors.topic_entries(changed))
