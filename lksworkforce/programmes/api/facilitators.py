"""Programmes over the API: the facilitator register, training events, the sessions facilitators
ran, and the cascade by region (the same rows as the page and its CSV). For regional leads (their
own region: another region's records are 404) and the national team; a stale edit is 409."""

from datetime import date
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.programmes.models import FacilitatedSession, Facilitator, TrainingEvent
from lksworkforce.programmes.presenters import facilitators as presenters
from lksworkforce.programmes.selectors import facilitators as selectors
from lksworkforce.programmes.services import facilitators as services

router = Router()
VERSION = "Send this back when you change the record: an older version is refused (409 stale)"
NOT_YOURS = "The facilitator register is for regional leads and the national team"
ID = Field(default=None, ge=1, le=LARGEST_INTEGER)


class FacilitatorOut(Schema):
    id: int
    person_id: int
    person_email: str
    name: str
    kind: str
    programme_id: int | None
    trained_on: date
    trained_at_id: int | None = Field(description="The training event they were trained at")
    trained_by_email: str | None = Field(description="The trainer, where named")
    region_code: str
    sessions_per_year: int
    active: bool
    edit_version: int = Field(description=VERSION)


class FacilitatorIn(BodyIn):
    person_email: Annotated[str, Text(services.MAX_EMAIL, "The email address")]
    kind: Annotated[str, Text(40, "The kind")]
    trained_on: date
    region_id: int = Field(ge=1, le=LARGEST_INTEGER)
    sessions_per_year: int = Field(ge=0, le=services.MAX_SESSIONS_PER_YEAR)
    active: bool = True
    programme_id: int | None = ID
    trained_at_id: int | None = ID
    trained_by_email: Annotated[str, Text(services.MAX_EMAIL, "The trainer's email address")] = ""


class FacilitatorChangeIn(FacilitatorIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class EventOut(Schema):
    id: int
    title: str
    kind: str
    programme_id: int | None
    held_on: date
    trainer_email: str | None
    region_code: str | None = Field(description="Null for a national event")
    edit_version: int = Field(description=VERSION)


class EventIn(BodyIn):
    title: Annotated[str, Text(services.MAX_TITLE, "The title")]
    kind: Annotated[str, Text(40, "The kind")]
    held_on: date
    region_id: int | None = Field(default=None, ge=1, le=LARGEST_INTEGER, description="Null: a national event")
    programme_id: int | None = ID
    trainer_email: Annotated[str, Text(services.MAX_EMAIL, "The trainer's email address")] = ""


class EventChangeIn(EventIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class SessionOut(Schema):
    id: int
    facilitator_id: int
    held_on: date
    title: str
    organisation_code: str | None
    people_reached: int
    edit_version: int = Field(description=VERSION)


class SessionIn(BodyIn):
    held_on: date
    title: Annotated[str, Text(services.MAX_TITLE, "The title")]
    people_reached: int = Field(ge=0, le=services.MAX_REACHED)
    organisation_code: Annotated[str, Text(10, "The ODS code")] = ""


class SessionChangeIn(SessionIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class CascadeRowOut(Schema):
    region_id: int
    region: str
    facilitators_trained: int
    active_facilitators: int
    sessions_run: int
    people_reached: int
    sessions_this_year: int = Field(description="Sessions the active facilitators ran this year")
    capacity_sessions: int = Field(description="Sessions a year the active facilitators can offer")
    capacity_used_percent: int | None = Field(description="This year's sessions as a share of capacity; null: none")
    places: int = Field(description="Capacity counted as 8 people a session")
    demand: int | None = Field(description="This year's applications from the region; null when suppressed")
    demand_suppressed: bool
    demand_text: str = Field(description="The demand as the page shows it")
    train_more: bool
    reasons: list[str]


class CascadeOut(Schema):
    year: int
    suppression_threshold: int
    regions: list[CascadeRowOut]


def _facilitator_out(f: Facilitator) -> dict[str, Any]:
    return {
        "id": f.pk, "person_id": f.person_id, "person_email": f.person.email,
        "name": f.person.full_name or f.person.email, "kind": f.kind, "programme_id": f.programme_id,
        "trained_on": f.trained_on, "trained_at_id": f.trained_at_id,
        "trained_by_email": f.trained_by.email if f.trained_by else None, "region_code": f.region.code,
        "sessions_per_year": f.sessions_per_year, "active": f.active, "edit_version": f.edit_version,
    }  # fmt: skip


def _event_out(e: TrainingEvent) -> dict[str, Any]:
    return {
        "id": e.pk, "title": e.title, "kind": e.kind, "programme_id": e.programme_id, "held_on": e.held_on,
        "trainer_email": e.trainer.email if e.trainer else None, "region_code": e.region.code if e.region else None,
        "edit_version": e.edit_version,
    }  # fmt: skip


def _session_out(s: FacilitatedSession) -> dict[str, Any]:
    return {
        "id": s.pk, "facilitator_id": s.facilitator_id, "held_on": s.held_on, "title": s.title,
        "organisation_code": s.organisation.ods_code if s.organisation else None,
        "people_reached": s.people_reached, "edit_version": s.edit_version,
    }  # fmt: skip


def _facilitator_entry(body: FacilitatorIn) -> services.FacilitatorEntry:
    return services.FacilitatorEntry(
        person_email=body.person_email, kind=body.kind, trained_on=body.trained_on, region_id=body.region_id,
        sessions_per_year=body.sessions_per_year, active=body.active, programme_id=body.programme_id,
        event_id=body.trained_at_id, trainer_email=body.trained_by_email,
    )  # fmt: skip


def _event_entry(body: EventIn) -> services.EventEntry:
    return services.EventEntry(
        title=body.title, kind=body.kind, held_on=body.held_on, region_id=body.region_id,
        programme_id=body.programme_id, trainer_email=body.trainer_email,
    )  # fmt: skip


def _session_entry(body: SessionIn) -> services.SessionEntry:
    return services.SessionEntry(
        held_on=body.held_on, title=body.title, people_reached=body.people_reached,
        organisation_code=body.organisation_code,
    )  # fmt: skip


def _may_view(request: SignedInRequest) -> None:
    if not request.user.has_perm("programmes.view_facilitators"):
        raise HttpError(403, NOT_YOURS)


def _may_manage(request: SignedInRequest) -> None:
    if not request.user.has_perm("programmes.manage_facilitators"):
        raise HttpError(403, NOT_YOURS)


def _facilitator(request: SignedInRequest, facilitator_id: int) -> Facilitator:
    _may_view(request)
    found = selectors.facilitator_visible(request.user, facilitator_id)
    if found is None:
        raise HttpError(404, "No such facilitator")
    return found


@router.get(
    "/programmes/facilitators",
    response=responses(list[FacilitatorOut], 403),
    summary="The facilitator register (your region's, or every region's for the national team)",
)
def facilitator_list(
    request: SignedInRequest,
    region_id: Annotated[int | None, Query(ge=1, le=LARGEST_INTEGER)] = None,
    kind: Annotated[str, Query(max_length=40)] = "",
) -> Any:
    _may_view(request)
    return [_facilitator_out(f) for f in selectors.register(request.user, region_id=region_id, kind=kind)]


@router.post("/programmes/facilitators", response=write_responses(FacilitatorOut), summary="Add a facilitator")
def facilitator_create(request: SignedInRequest, body: FacilitatorIn) -> Any:
    _may_manage(request)
    return _facilitator_out(services.facilitator_create(actor=request.user, entry=_facilitator_entry(body)))


@router.get(
    "/programmes/facilitators/{facilitator_id}", response=responses(FacilitatorOut, 403, 404), summary="A facilitator"
)
def facilitator_detail(request: SignedInRequest, facilitator_id: int) -> Any:
    return _facilitator_out(_facilitator(request, facilitator_id))


@router.put(
    "/programmes/facilitators/{facilitator_id}",
    response=write_responses(FacilitatorOut, 404, 409),
    summary="Change a facilitator",
)
def facilitator_change(request: SignedInRequest, facilitator_id: int, body: FacilitatorChangeIn) -> Any:
    found = _facilitator(request, facilitator_id)
    _may_manage(request)
    changed = services.facilitator_change(
        actor=request.user, facilitator=found, entry=_facilitator_entry(body), expected_version=body.edit_version
    )
    return _facilitator_out(changed)


@router.get(
    "/programmes/facilitators/{facilitator_id}/sessions",
    response=responses(list[SessionOut], 403, 404),
    summary="The sessions a facilitator ran",
)
def session_list(request: SignedInRequest, facilitator_id: int) -> Any:
    return [_session_out(s) for s in selectors.sessions_of(_facilitator(request, facilitator_id))]


@router.post(
    "/programmes/facilitators/{facilitator_id}/sessions",
    response=write_responses(SessionOut, 404),
    summary="Record a session a facilitator ran",
)
def session_add(request: SignedInRequest, facilitator_id: int, body: SessionIn) -> Any:
    found = _facilitator(request, facilitator_id)
    _may_manage(request)
    return _session_out(services.session_add(actor=request.user, facilitator=found, entry=_session_entry(body)))


@router.put(
    "/programmes/facilitated-sessions/{session_id}",
    response=write_responses(SessionOut, 404, 409),
    summary="Change a recorded session",
)
def session_change(request: SignedInRequest, session_id: int, body: SessionChangeIn) -> Any:
    _may_view(request)
    found = selectors.session_visible(request.user, session_id)
    if found is None:
        raise HttpError(404, "No such session")
    _may_manage(request)
    changed = services.session_change(
        actor=request.user, session=found, entry=_session_entry(body), expected_version=body.edit_version
    )
    return _session_out(changed)


@router.get(
    "/programmes/training-events",
    response=responses(list[EventOut], 403),
    summary="Training events (your region's and the national ones)",
)
def event_list(request: SignedInRequest) -> Any:
    _may_view(request)
    return [_event_out(e) for e in selectors.events_visible(request.user).order_by("-held_on", "id")]


@router.post("/programmes/training-events", response=write_responses(EventOut), summary="Add a training event")
def event_create(request: SignedInRequest, body: EventIn) -> Any:
    _may_manage(request)
    return _event_out(services.event_create(actor=request.user, entry=_event_entry(body)))


@router.put(
    "/programmes/training-events/{event_id}",
    response=write_responses(EventOut, 404, 409),
    summary="Change a training event (a lead their region's; national events the national team)",
)
def event_change(request: SignedInRequest, event_id: int, body: EventChangeIn) -> Any:
    _may_view(request)
    if selectors.event_visible(request.user, event_id) is None:
        raise HttpError(404, "No such training event")
    found = selectors.event_managed(request.user, event_id)
    if found is None:
        raise HttpError(403, "National training events are changed by the national team")
    changed = services.event_change(
        actor=request.user, event=found, entry=_event_entry(body), expected_version=body.edit_version
    )
    return _event_out(changed)


@router.get(
    "/programmes/cascade",
    response=responses(CascadeOut, 403, 404),
    summary="Facilitator capacity against demand by region (the cascade page's table; one region if asked)",
)
def cascade_by_region(
    request: SignedInRequest, region_id: Annotated[int | None, Query(ge=1, le=LARGEST_INTEGER)] = None
) -> Any:
    _may_view(request)
    region = selectors.region_of(request.user, region_id)
    if region_id is not None and region is None:
        raise HttpError(404, "No such region among those you look after")
    found = selectors.cascade_of(request.user, timezone.localdate(), region_id=region.pk if region else None)
    return {"year": found.year, "suppression_threshold": found.threshold, "regions": presenters.cascade_rows(found)}
