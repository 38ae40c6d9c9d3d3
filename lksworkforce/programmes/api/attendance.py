"""Programmes over the API: attendance. A session's register (read, and write all at once: each
mark with the version of its attendance record, 409 stale when someone saved it since), a cohort's
register with each place's completion, the import of a register file, and your own attendance.
The same selectors, services and presenters as the pages."""

from datetime import date, datetime
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.programmes.models import Cohort, Session
from lksworkforce.programmes.presenters import attendance as presenters
from lksworkforce.programmes.selectors import attendance as selectors
from lksworkforce.programmes.services.attendance import Mark, register_save
from lksworkforce.programmes.services.attendance_import import attendance_import

router = Router()

MAX_MARKS = 2_000
VERSION = "The attendance record's version you saw (0: none recorded yet); an older one is refused (409 stale)"
STATUS = "present, absent or apologies; null when not recorded"
NOT_A_TAKER = "Only the cohort's facilitators and those who run the cohort can take its attendance"


class RegisterRowOut(Schema):
    enrolment_id: int
    name: str
    organisation: str
    status: str | None = Field(description=STATUS)
    edit_version: int = Field(description=VERSION)


class SessionRegisterOut(Schema):
    session_id: int
    title: str
    starts_at: datetime
    happened: bool = Field(description="Whether the session has started: a register is taken from its day")
    rows: list[RegisterRowOut]


class MarkIn(Schema):
    enrolment_id: int = Field(ge=1, le=LARGEST_INTEGER)
    status: Annotated[str, Text(20, "The status")] = Field(description="present, absent or apologies")
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class RegisterIn(BodyIn):
    marks: list[MarkIn] = Field(min_length=1, max_length=MAX_MARKS)


class RegisterSavedOut(Schema):
    recorded: int
    changed: int
    unchanged: int
    session_register: SessionRegisterOut


def _session(request: SignedInRequest, session_id: int) -> Session:
    session = selectors.session_found(session_id)
    if session is None:
        raise HttpError(404, "No such session")
    if not selectors.may_take_session_register(request.user, session):
        raise HttpError(403, NOT_A_TAKER)
    return session


def _cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    cohort = selectors.cohort_found(cohort_id)
    if cohort is None:
        raise HttpError(404, "No such cohort")
    if not selectors.may_take_cohort_register(request.user, cohort):
        raise HttpError(403, NOT_A_TAKER)
    return cohort


def _register(session: Session) -> dict[str, Any]:
    return {
        "session_id": session.pk,
        "title": session.title,
        "starts_at": session.starts_at,
        "happened": selectors.has_happened(session, timezone.localdate()),
        "rows": [vars(row) for row in selectors.session_register(session)],
    }


@router.get(
    "/programmes/sessions/{session_id}/attendance",
    response=responses(SessionRegisterOut, 403, 404),
    summary="A session's register: everyone with a place on its cohort, and what is recorded",
)
def session_register(request: SignedInRequest, session_id: int) -> Any:
    return _register(_session(request, session_id))


@router.put(
    "/programmes/sessions/{session_id}/attendance",
    response=write_responses(RegisterSavedOut, 404, 409),
    summary="Take a session's register: every mark is saved, or none (409 when a row was saved since)",
)
def session_register_save(request: SignedInRequest, session_id: int, body: RegisterIn) -> Any:
    session = _session(request, session_id)
    marks = [Mark(m.enrolment_id, m.status, m.edit_version) for m in body.marks]
    saved = register_save(actor=request.user, session=session, marks=marks)
    return {
        "recorded": saved.recorded,
        "changed": saved.changed,
        "unchanged": saved.unchanged,
        "session_register": _register(session),
    }


class SessionOut(Schema):
    id: int
    title: str
    starts_at: datetime


class PlaceOut(Schema):
    enrolment_id: int
    name: str
    organisation: str
    marks: list[str | None] = Field(description=f"One per session, in the order of `sessions`: {STATUS}")
    attended: int
    required: int = Field(description="Sessions the person must attend to complete")
    outcome: str = Field(description="enrolled (in progress), completed or not_completed")
    completed_on: date | None
    progress: str = Field(description="As the page says it: “3 of 4 sessions attended; needs 3.”")


class CohortRegisterOut(Schema):
    cohort_id: int
    title: str
    rule: str
    sessions: list[SessionOut]
    places: list[PlaceOut]


def _cohort_out(progress: selectors.CohortProgress, *, yours: bool = False) -> dict[str, Any]:
    cohort = progress.cohort
    return {
        "cohort_id": cohort.pk,
        "title": str(cohort),
        "rule": presenters.rule_sentence(progress),
        "sessions": [{"id": s.pk, "title": s.title, "starts_at": s.starts_at} for s in progress.sessions],
        "places": [
            {
                "enrolment_id": place.enrolment.pk,
                "name": row.name,
                "organisation": row.organisation,
                "marks": list(place.marks),
                "attended": place.decision.attended,
                "required": place.decision.required,
                "outcome": place.decision.outcome.value,
                "completed_on": place.decision.completed_on,
                "progress": row.progress,
            }
            for place, row in zip(progress.places, presenters.place_rows(progress, yours=yours), strict=True)
        ],
    }


@router.get(
    "/programmes/cohorts/{cohort_id}/attendance",
    response=responses(CohortRegisterOut, 403, 404),
    summary="A cohort's register: each person's attendance at every session, and their completion",
)
def cohort_register(request: SignedInRequest, cohort_id: int) -> Any:
    cohort = _cohort(request, cohort_id)
    return _cohort_out(selectors.cohort_progress(cohort, today=timezone.localdate()))


class ImportOut(Schema):
    rows: int
    recorded: int
    changed: int
    unchanged: int
    completions_changed: int
    notes: list[str]


@router.post(
    "/programmes/cohorts/{cohort_id}/attendance/import",
    response=write_responses(ImportOut, 404),
    summary="Import a cohort's register from a CSV or XLSX file (docs/formats/programme-attendance.md); all or nothing",
)
def cohort_register_import(
    request: SignedInRequest, cohort_id: int, file: File[UploadedFile | None] = None
) -> dict[str, object]:
    cohort = _cohort(request, cohort_id)  # permission first, before the file is looked at
    if file is None:
        raise Rejected([Problem(field="file", reason="Attach the CSV or XLSX file")])
    outcome = attendance_import(
        actor=request.user, cohort=cohort, data=upload_bytes(file), filename=file.name or "upload.csv"
    )
    return {
        "rows": outcome.rows,
        "recorded": outcome.recorded,
        "changed": outcome.changed,
        "unchanged": outcome.unchanged,
        "completions_changed": outcome.completions_changed,
        "notes": outcome.notes,
    }


@router.get(
    "/programmes/attendance/mine",
    response=responses(list[CohortRegisterOut]),
    summary="Your own places on cohorts: your attendance at each session and how far you are from completing",
)
def my_attendance(request: SignedInRequest) -> Any:
    places = selectors.own_progress(request.user, today=timezone.localdate())
    return [_cohort_out(p, yours=True) for p in places]
