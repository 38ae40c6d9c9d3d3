"""Learning over the API: a person's own learning record (list, add, read, change, remove), their
CPD summary for a year, and the suppressed aggregates for those who oversee people. The same
selectors and services as the pages; hidden figures are null with the reason beside them."""

from datetime import date, datetime
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.disclosure import Suppressed
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.learning.cpd_hours import CpdSummary, HoursRow, cpd_summary
from lksworkforce.learning.models import LearningRecord
from lksworkforce.learning.selectors import record_aggregates as aggregates
from lksworkforce.learning.selectors import records as selectors
from lksworkforce.learning.services import records as services

router = Router()
VERSION = "Send this back when you change or remove the record: an older version is refused (409 stale)"
SUPPRESSED = (
    "Why this row's figures are null: `small_group` (fewer people than the threshold) or "
    "`protects_smaller_group` (hidden so that a small group elsewhere cannot be worked out); null when shown"
)


class RecordOut(Schema):
    id: int
    title: str
    done_on: date
    minutes: int
    sub_area_ids: list[int]
    learnt: str
    will_do_differently: str
    evidence_links: list[str]
    shared_with_manager: bool
    resource_id: int | None
    plan_step_id: int | None
    edit_version: int = Field(description=VERSION)


class RecordIn(BodyIn):
    title: Annotated[str, Text(services.MAX_TITLE, "What you did")]
    done_on: date
    minutes: int = Field(description=f"From 1 to {services.MAX_MINUTES}")
    sub_area_ids: list[int] = Field(default=[], max_length=200)
    learnt: Annotated[str, Text(services.MAX_TEXT, "What I learnt")] = ""
    will_do_differently: Annotated[str, Text(services.MAX_TEXT, "What I will do differently")] = ""
    evidence_links: list[Annotated[str, Text(services.MAX_LINK_LENGTH, "An evidence link")]] = Field(
        default=[], max_length=services.MAX_LINKS * 2
    )
    shared_with_manager: bool = False
    resource_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class RecordNewIn(RecordIn):
    plan_step_id: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="A development plan action this learning did: it is marked done"
    )


class RecordChangeIn(RecordIn):
    edit_version: int = Field(ge=0, description=VERSION)


def _out(record: LearningRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "title": record.title,
        "done_on": record.done_on,
        "minutes": record.minutes,
        "sub_area_ids": sorted(s.pk for s in record.sub_areas.all()),
        "learnt": record.learnt,
        "will_do_differently": record.will_do_differently,
        "evidence_links": list(record.evidence_links),
        "shared_with_manager": record.shared_with_manager,
        "resource_id": record.resource_id,
        "plan_step_id": record.plan_step_id,
        "edit_version": record.edit_version,
    }


def _entry(body: RecordIn, plan_step_id: int | None = None) -> services.RecordEntry:
    return services.RecordEntry(
        title=body.title,
        done_on=body.done_on,
        minutes=body.minutes,
        sub_area_ids=tuple(body.sub_area_ids),
        learnt=body.learnt,
        will_do_differently=body.will_do_differently,
        evidence_links=tuple(body.evidence_links),
        shared_with_manager=body.shared_with_manager,
        resource_id=body.resource_id,
        plan_step_id=plan_step_id,
    )


@router.get("/learning/records", response=responses(list[RecordOut]), summary="Your learning records, newest first")
def record_list(request: SignedInRequest) -> Any:
    return [_out(r) for r in selectors.records_of(request.user)]


@router.post(
    "/learning/records",
    response=write_responses(RecordOut),
    summary="Record learning; with `plan_step_id`, that plan action is marked done in the same step",
)
def record_add(request: SignedInRequest, body: RecordNewIn) -> Any:
    person = request.user
    return _out(services.record_add(person=person, entry=_entry(body, body.plan_step_id)))


class CpdRowOut(Schema):
    label: str
    hours: float
    minutes: int
    records: int


class CpdOut(Schema):
    year: int
    hours: float = Field(description="To 1 decimal place, as the page, CSV and PDF show it")
    minutes: int
    records: int
    expected_hours: int
    expectation_met: bool
    hours_to_go: float
    by_sub_area: list[CpdRowOut]
    by_month: list[CpdRowOut]


def _cpd_rows(rows: tuple[HoursRow, ...]) -> list[dict[str, Any]]:
    return [{"label": r.label, "hours": r.hours, "minutes": r.minutes, "records": r.records} for r in rows]


def _cpd_out(summary: CpdSummary) -> dict[str, Any]:
    return {
        "year": summary.year,
        "hours": summary.hours,
        "minutes": summary.minutes,
        "records": summary.records,
        "expected_hours": summary.expected_hours,
        "expectation_met": summary.expectation_met,
        "hours_to_go": summary.hours_to_go,
        "by_sub_area": _cpd_rows(summary.by_sub_area),
        "by_month": _cpd_rows(summary.by_month),
    }


@router.get(
    "/learning/records/cpd",
    response=responses(CpdOut),
    summary="Your CPD hours in a year for CILIP revalidation, against the 20-hour expectation",
)
def record_cpd(request: SignedInRequest, year: int | None = None) -> Any:
    today = timezone.localdate()
    chosen = today.year if year is None else year
    if not 1990 <= chosen <= today.year:
        raise HttpError(422, f"The year must be from 1990 to {today.year}")
    return _cpd_out(cpd_summary(selectors.learning_of(request.user), chosen))


class AggregateRowOut(Schema):
    key: str
    label: str
    people: int | None
    records: int | None
    hours: float | None = Field(description="To 1 decimal place; null when hidden (see `suppressed`)")
    suppressed: Suppressed | None = Field(description=SUPPRESSED)


class AggregateTableOut(Schema):
    dimension: str
    title: str
    rows: list[AggregateRowOut]


class AggregatesOut(Schema):
    scope: str
    scope_name: str
    year: int | None = Field(description="A whole past year; null when no year with learning has ended")
    threshold: int
    figures_as_of: datetime | None = Field(description="When the year's figures were fixed")
    rule: str
    total: AggregateRowOut | None
    tables: list[AggregateTableOut]
    years: list[int]


def _figure(figure: aggregates.Figure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "label": figure.label,
        "people": figure.shown_people,
        "records": figure.shown_records,
        "hours": figure.shown_hours,
        "suppressed": figure.reason,
    }


@router.get(
    "/learning/record-aggregates",
    response=responses(AggregatesOut, 403, 404),
    summary="Learning recorded in aggregate (suppressed), for service managers, regional leads and the national team",
    description="`scope`: `england`, a region's code, or `organisations` (a service manager's); the widest you "
    "have by default. `year`: a whole past year (the latest by default). " + aggregates.RULE,
)
def record_aggregates(request: SignedInRequest, scope: str | None = None, year: int | None = None) -> Any:
    viewer = request.user
    if not viewer.has_perm("learning.view_record_aggregates"):
        raise HttpError(403, "Only service managers, regional leads and the national team see these figures")
    chosen = aggregates.scope_for(viewer, scope)
    if chosen is None:
        raise HttpError(404, "No such scope, or not one of yours")
    aggregates.freeze_closed_years(timezone.localdate())
    years = aggregates.frozen_years()
    if year is not None and year not in years:
        raise HttpError(404, "No figures for that year: only whole past years with learning have figures")
    picked = year if year is not None else (years[0] if years else None)
    base: dict[str, Any] = {"scope": chosen.key, "scope_name": chosen.name, "rule": aggregates.RULE, "years": years}
    if picked is None:
        return base | {"year": None, "threshold": 0, "figures_as_of": None, "total": None, "tables": []}
    figures = aggregates.record_aggregates(chosen, picked)
    return base | {
        "year": picked,
        "threshold": figures.threshold,
        "figures_as_of": figures.frozen_at,
        "total": _figure(figures.total),
        "tables": [
            {"dimension": t.dimension, "title": t.title, "rows": [_figure(f) for f in t.rows]} for t in figures.tables
        ],
    }


def _owned(request: SignedInRequest, record_id: int) -> LearningRecord:
    found = selectors.record_owned(request.user, record_id)
    if found is None:
        raise HttpError(404, "No such learning record of yours")
    return found


@router.get(
    "/learning/records/{record_id}",
    response=responses(RecordOut, 404),
    summary="One learning record: your own, or one shared with a service you manage",
)
def record_detail(request: SignedInRequest, record_id: int) -> Any:
    found = selectors.record_visible(request.user, record_id)
    if found is None:
        raise HttpError(404, "No such learning record")
    return _out(found)


@router.put(
    "/learning/records/{record_id}",
    response=write_responses(RecordOut, 404, 409),
    summary="Change one of your learning records",
)
def record_change(request: SignedInRequest, record_id: int, body: RecordChangeIn) -> Any:
    found = _owned(request, record_id)
    person = request.user
    changed = services.record_change(
        person=person, record=found, entry=_entry(body), expected_version=body.edit_version
    )
    return _out(changed)


@router.delete(
    "/learning/records/{record_id}",
    response=write_responses(None, 404, 409) | {204: None},
    description="Answers 204 with no body once removed.",
    summary="Remove one of your learning records (send the `edit_version` you read)",
)
def record_remove(
    request: SignedInRequest,
    record_id: int,
    edit_version: Annotated[int, Query(ge=0, le=LARGEST_INTEGER, description=VERSION)],
) -> Any:
    found = _owned(request, record_id)
    services.record_remove(person=request.user, record=found, expected_version=edit_version)
    return Status(204, None)
