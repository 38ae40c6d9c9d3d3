"""Programmes over the API: setup. Programmes, cohorts, sessions and group projects to read (anyone
signed in; a cohort's projects only for its participants, facilitators and runners), and to create
and change for those allowed: the national team programmes and any cohort, a regional lead their
region's cohorts and sessions. The same selectors and services as the pages; a stale edit is 409."""

from datetime import date, datetime
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.programmes.models import Cohort, GroupProject, Programme, Session
from lksworkforce.programmes.presenters import setup as presenters
from lksworkforce.programmes.selectors import setup as selectors
from lksworkforce.programmes.services import setup as services
from lksworkforce.programmes.services import setup_sessions as session_services

router = Router()
VERSION = "Send this back when you change the record: an older version is refused (409 stale)"
ID = Field(ge=1, le=LARGEST_INTEGER)


class ProgrammeOut(Schema):
    id: int
    key: str
    title: str
    kind: str
    description: str
    sub_area_ids: list[int]
    band_from: str
    band_to: str
    qualified_only: bool
    roles: list[str]
    delivery: str
    completion_sessions: int | None = Field(description="Sessions to attend; null: every session")
    completion_needs_project: bool
    completion_rule: str = Field(description="The completion rule in words, as the page shows it")
    gives_certificate: bool
    needs_manager_support: bool
    selection_criteria: list[str]
    exclusive_with_ids: list[int]
    edit_version: int = Field(description=VERSION)


class ProgrammeIn(BodyIn):
    key: Annotated[str, Text(services.MAX_KEY, "The short name")]
    title: Annotated[str, Text(services.MAX_TITLE, "The title")]
    kind: Annotated[str, Text(40, "The kind")]
    delivery: Annotated[str, Text(40, "The delivery")]
    description: Annotated[str, Text(services.MAX_TEXT, "The description")] = ""
    sub_area_ids: list[Annotated[int, ID]] = Field(default=[], max_length=200)
    band_from: Annotated[str, Text(2, "The lowest band")] = ""
    band_to: Annotated[str, Text(2, "The highest band")] = ""
    qualified_only: bool = False
    roles: list[Annotated[str, Text(services.MAX_ROLE, "A job role")]] = Field(
        default=[], max_length=services.MAX_ROLES
    )
    completion_sessions: int | None = Field(default=None, ge=1, le=services.MAX_SESSIONS_RULE)
    completion_needs_project: bool = False
    gives_certificate: bool = False
    needs_manager_support: bool = False
    selection_criteria: list[Annotated[str, Text(services.MAX_CRITERION, "A criterion")]] = Field(
        default=[], max_length=services.MAX_CRITERIA
    )
    exclusive_with_ids: list[Annotated[int, ID]] = Field(default=[], max_length=20)


class ProgrammeChangeIn(ProgrammeIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class CohortOut(Schema):
    id: int
    programme_key: str
    name: str
    region_code: str | None = Field(description="Null for a national cohort")
    starts_on: date
    ends_on: date
    capacity: int
    applications_open_on: date | None
    applications_close_on: date | None
    applications_open_now: bool
    shares_places_by_region: bool
    facilitator_ids: list[int]
    edit_version: int = Field(description=VERSION)


class CohortIn(BodyIn):
    name: Annotated[str, Text(services.MAX_TITLE, "The name")]
    region_id: int | None = Field(default=None, ge=1, le=LARGEST_INTEGER, description="Null: a national cohort")
    starts_on: date
    ends_on: date
    capacity: int = Field(ge=1, le=services.MAX_CAPACITY)
    applications_open_on: date | None = None
    applications_close_on: date | None = None
    shares_places_by_region: bool = False
    facilitator_ids: list[Annotated[int, ID]] = Field(default=[], max_length=20)


class CohortChangeIn(CohortIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class SessionOut(Schema):
    id: int
    cohort_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online_link: str
    preparation: str
    facilitator_ids: list[int]
    edit_version: int = Field(description=VERSION)


class SessionIn(BodyIn):
    title: Annotated[str, Text(session_services.MAX_TITLE, "The title")]
    starts_at: datetime = Field(description="With its UTC offset; without one, UK time")
    ends_at: datetime
    place: Annotated[str, Text(session_services.MAX_PLACE, "The place")] = ""
    online_link: Annotated[str, Text(session_services.MAX_LINK, "The online link")] = ""
    preparation: Annotated[str, Text(session_services.MAX_TEXT, "What to prepare")] = ""
    facilitator_ids: list[Annotated[int, ID]] = Field(default=[], max_length=20)


class SessionChangeIn(SessionIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class ProjectOut(Schema):
    id: int
    cohort_id: int
    name: str
    topic: str
    member_ids: list[int]
    output_link: str
    has_output_file: bool
    edit_version: int = Field(description=VERSION)


def _programme_out(p: Programme) -> dict[str, Any]:
    return {
        "id": p.pk, "key": p.key, "title": p.title, "kind": p.kind, "description": p.description,
        "sub_area_ids": sorted(s.pk for s in p.sub_areas.all()), "band_from": p.band_from, "band_to": p.band_to,
        "qualified_only": p.qualified_only, "roles": list(p.roles), "delivery": p.delivery,
        "completion_sessions": p.completion_sessions, "completion_needs_project": p.completion_needs_project,
        "completion_rule": presenters.completion_rule(p), "gives_certificate": p.gives_certificate,
        "needs_manager_support": p.needs_manager_support, "selection_criteria": list(p.selection_criteria),
        "exclusive_with_ids": sorted(o.pk for o in p.exclusive_with.all()), "edit_version": p.edit_version,
    }  # fmt: skip


def _cohort_out(c: Cohort) -> dict[str, Any]:
    return {
        "id": c.pk, "programme_key": c.programme.key, "name": c.name,
        "region_code": c.region.code if c.region else None, "starts_on": c.starts_on, "ends_on": c.ends_on,
        "capacity": c.capacity, "applications_open_on": c.applications_open_on,
        "applications_close_on": c.applications_close_on,
        "applications_open_now": presenters.application_window(c).open_now,
        "shares_places_by_region": c.shares_places_by_region,
        "facilitator_ids": sorted(f.pk for f in c.facilitators.all()), "edit_version": c.edit_version,
    }  # fmt: skip


def _session_out(s: Session) -> dict[str, Any]:
    return {
        "id": s.pk, "cohort_id": s.cohort_id, "title": s.title, "starts_at": s.starts_at, "ends_at": s.ends_at,
        "place": s.place, "online_link": s.online_link, "preparation": s.preparation,
        "facilitator_ids": sorted(f.pk for f in s.facilitators.all()), "edit_version": s.edit_version,
    }  # fmt: skip


def project_out(p: GroupProject) -> dict[str, Any]:
    return {
        "id": p.pk, "cohort_id": p.cohort_id, "name": p.name, "topic": p.topic,
        "member_ids": sorted(m.pk for m in p.members.all()), "output_link": p.output_link,
        "has_output_file": bool(p.output_file), "edit_version": p.edit_version,
    }  # fmt: skip


def _programme_entry(body: ProgrammeIn) -> services.ProgrammeEntry:
    return services.ProgrammeEntry(
        key=body.key, title=body.title, kind=body.kind, delivery=body.delivery, description=body.description,
        sub_area_ids=tuple(body.sub_area_ids), band_from=body.band_from, band_to=body.band_to,
        qualified_only=body.qualified_only, roles=tuple(body.roles), completion_sessions=body.completion_sessions,
        completion_needs_project=body.completion_needs_project, gives_certificate=body.gives_certificate,
        needs_manager_support=body.needs_manager_support, selection_criteria=tuple(body.selection_criteria),
        exclusive_with_ids=tuple(body.exclusive_with_ids),
    )  # fmt: skip


def _cohort_entry(body: CohortIn) -> services.CohortEntry:
    return services.CohortEntry(
        name=body.name, region_id=body.region_id, starts_on=body.starts_on, ends_on=body.ends_on,
        capacity=body.capacity, applications_open_on=body.applications_open_on,
        applications_close_on=body.applications_close_on, shares_places_by_region=body.shares_places_by_region,
        facilitator_ids=tuple(body.facilitator_ids),
    )  # fmt: skip


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else timezone.make_aware(moment)


def _session_entry(body: SessionIn) -> session_services.SessionEntry:
    return session_services.SessionEntry(
        title=body.title, starts_at=_aware(body.starts_at), ends_at=_aware(body.ends_at), place=body.place,
        online_link=body.online_link, preparation=body.preparation, facilitator_ids=tuple(body.facilitator_ids),
    )  # fmt: skip


def _programme(request: SignedInRequest, key: str) -> Programme:
    found = selectors.programme_detail(request.user, key)
    if found is None:
        raise HttpError(404, "No such programme")
    return found


def cohort_seen(request: SignedInRequest, cohort_id: int) -> Cohort:
    found = selectors.cohort_detail(request.user, cohort_id)
    if found is None:
        raise HttpError(404, "No such cohort")
    return found


def _run_cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    cohort_seen(request, cohort_id)
    found = selectors.cohort_run_by(request.user, cohort_id)
    if found is None:
        raise HttpError(403, "Only the national team, or the region's regional lead, changes this cohort")
    return found


def _run_session(request: SignedInRequest, session_id: int) -> Session:
    found = selectors.session_run_by(request.user, session_id)
    if found is None:
        if not selectors.session_exists(request.user, session_id):
            raise HttpError(404, "No such session")
        raise HttpError(403, "Only the national team, or the region's regional lead, changes this session")
    return found


def _may_manage_programmes(request: SignedInRequest) -> None:
    if not request.user.has_perm("programmes.manage_programmes"):
        raise HttpError(403, "Only the national team sets up programmes")


@router.get("/programmes", response=responses(list[ProgrammeOut]), summary="Every programme")
def programme_list(request: SignedInRequest) -> Any:
    found = selectors.programme_list(request.user, timezone.localdate()).prefetch_related("sub_areas", "exclusive_with")
    return [_programme_out(p) for p in found]


@router.post("/programmes", response=write_responses(ProgrammeOut), summary="Set up a programme (national team)")
def programme_create(request: SignedInRequest, body: ProgrammeIn) -> Any:
    _may_manage_programmes(request)
    return _programme_out(services.programme_create(actor=request.user, entry=_programme_entry(body)))


@router.get("/programmes/programme/{key}", response=responses(ProgrammeOut, 404), summary="One programme")
def programme_detail(request: SignedInRequest, key: str) -> Any:
    return _programme_out(_programme(request, key))


@router.put(
    "/programmes/programme/{key}", response=write_responses(ProgrammeOut, 404, 409), summary="Change a programme"
)
def programme_change(request: SignedInRequest, key: str, body: ProgrammeChangeIn) -> Any:
    found = _programme(request, key)
    _may_manage_programmes(request)
    changed = services.programme_change(
        actor=request.user, programme=found, entry=_programme_entry(body), expected_version=body.edit_version
    )
    return _programme_out(changed)


@router.get(
    "/programmes/programme/{key}/cohorts", response=responses(list[CohortOut], 404), summary="A programme's cohorts"
)
def cohort_list(request: SignedInRequest, key: str) -> Any:
    found = _programme(request, key)
    cohorts = found.cohorts.select_related("programme", "region").prefetch_related("facilitators")
    return [_cohort_out(c) for c in cohorts]


@router.post(
    "/programmes/programme/{key}/cohorts",
    response=write_responses(CohortOut, 404),
    summary="Add a cohort (the national team any; a regional lead in their own region)",
)
def cohort_create(request: SignedInRequest, key: str, body: CohortIn) -> Any:
    found = _programme(request, key)
    if not request.user.has_perm("programmes.manage_cohorts"):
        raise HttpError(403, "Only the national team and regional leads set up cohorts")
    return _cohort_out(services.cohort_create(actor=request.user, programme=found, entry=_cohort_entry(body)))


@router.get("/programmes/cohorts/{cohort_id}", response=responses(CohortOut, 404), summary="One cohort")
def cohort_detail(request: SignedInRequest, cohort_id: int) -> Any:
    return _cohort_out(cohort_seen(request, cohort_id))


@router.put("/programmes/cohorts/{cohort_id}", response=write_responses(CohortOut, 404, 409), summary="Change a cohort")
def cohort_change(request: SignedInRequest, cohort_id: int, body: CohortChangeIn) -> Any:
    found = _run_cohort(request, cohort_id)
    changed = services.cohort_change(
        actor=request.user, cohort=found, entry=_cohort_entry(body), expected_version=body.edit_version
    )
    return _cohort_out(changed)


@router.get(
    "/programmes/cohorts/{cohort_id}/sessions", response=responses(list[SessionOut], 404), summary="A cohort's sessions"
)
def session_list(request: SignedInRequest, cohort_id: int) -> Any:
    found = cohort_seen(request, cohort_id)
    return [_session_out(s) for s in selectors.cohort_sessions(found).prefetch_related("facilitators")]


@router.post(
    "/programmes/cohorts/{cohort_id}/sessions", response=write_responses(SessionOut, 404), summary="Add a session"
)
def session_add(request: SignedInRequest, cohort_id: int, body: SessionIn) -> Any:
    found = _run_cohort(request, cohort_id)
    return _session_out(session_services.session_add(actor=request.user, cohort=found, entry=_session_entry(body)))


@router.put(
    "/programmes/sessions/{session_id}",
    response=write_responses(SessionOut, 404, 409),
    summary="Change a session (a new time or place emails the people enrolled)",
)
def session_change(request: SignedInRequest, session_id: int, body: SessionChangeIn) -> Any:
    found = _run_session(request, session_id)
    changed = session_services.session_change(
        actor=request.user, session=found, entry=_session_entry(body), expected_version=body.edit_version
    )
    return _session_out(changed)


@router.delete(
    "/programmes/sessions/{session_id}",
    response=write_responses(None, 404, 409) | {204: None},
    summary="Remove a session (send the `edit_version` you read)",
)
def session_remove(
    request: SignedInRequest,
    session_id: int,
    edit_version: Annotated[int, Query(ge=0, le=LARGEST_INTEGER, description=VERSION)],
) -> Any:
    found = _run_session(request, session_id)
    session_services.session_remove(actor=request.user, session=found, expected_version=edit_version)
    return Status(204, None)
