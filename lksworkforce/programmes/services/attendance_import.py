"""A cohort's register imported from a CSV or XLSX file (docs/formats/programme-attendance.md): one
row per person and session. Every row is checked first; a file with any problem changes nothing
and is refused with every problem by row and column. Importing the same file again changes
nothing: a row whose status is saved already is left alone. Then completion is brought in step,
as after a register taken on the page."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.tabular import ErrorCollector, SourceRow, TableSpec, noting, read_table
from lksworkforce.core.viewers import Caller
from lksworkforce.programmes.models import Cohort, Enrolment, Session, SessionAttendance
from lksworkforce.programmes.selectors.attendance import ON_THE_REGISTER, has_happened
from lksworkforce.programmes.services.attendance import NOT_YET, completions_update
from lksworkforce.programmes.vocabulary import Attendance

ATTENDANCE_SPEC = TableSpec(required=("session_date", "email", "status"), optional=("session_title", "name"))
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d takes any script's
STATUSES = ", ".join(a.value for a in Attendance)
CHANGED_ELSEWHERE = "This place's attendance was saved by someone else while the file was imported. Import it again"


@dataclass
class AttendanceImportOutcome:
    rows: int = 0
    recorded: int = 0
    changed: int = 0
    unchanged: int = 0
    completions_changed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        rows = "row" if self.rows == 1 else "rows"
        people = "person" if self.completions_changed == 1 else "people"
        return (
            f"{self.rows:,} {rows}: {self.recorded:,} recorded, {self.changed:,} changed, {self.unchanged:,} unchanged; "
            f"completion changed for {self.completions_changed:,} {people}."
        )


@dataclass(frozen=True)
class _Row:
    number: int
    session: Session
    enrolment_id: int
    status: str


def _session_of(row: SourceRow, sessions: list[Session], today: date, errors: ErrorCollector) -> Session | None:
    raw = row.values["session_date"]
    if not ISO_DATE.fullmatch(raw):
        reason = "Give the session's day as YYYY-MM-DD, for example 2026-03-02"
        errors.add(row.number, "session_date", raw or None, reason)
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        errors.add(row.number, "session_date", raw, "There is no such day")
        return None
    that_day = [s for s in sessions if timezone.localdate(s.starts_at) == day]
    title = row.values["session_title"].casefold()
    if title:
        that_day = [s for s in that_day if s.title.casefold() == title]
    if not that_day:
        if title:
            reason = "No session of this cohort is on this day with this title"
            errors.add(row.number, "session_title", row.values["session_title"], reason)
        else:
            errors.add(row.number, "session_date", raw, "No session of this cohort is on this day")
        return None
    if len(that_day) > 1:
        reason = "The cohort has more than one session on this day: give the session's title in session_title"
        errors.add(row.number, "session_date", raw, reason)
        return None
    if not has_happened(that_day[0], today):
        errors.add(row.number, "session_date", raw, NOT_YET)
        return None
    return that_day[0]


def _checked_rows(table_rows: list[SourceRow], cohort: Cohort, today: date) -> list[_Row]:
    sessions = list(Session.objects.filter(cohort=cohort).order_by("starts_at", "id"))
    places = {
        email.casefold(): pk
        for pk, email in Enrolment.objects.filter(ON_THE_REGISTER, cohort=cohort).values_list("pk", "person__email")
    }
    errors = ErrorCollector()
    rows: list[_Row] = []
    first_row: dict[tuple[int, int], int] = {}
    for row in table_rows:
        session = _session_of(row, sessions, today, errors)
        email = row.values["email"]
        enrolment_id = places.get(email.casefold())
        if not email:
            errors.add(row.number, "email", None, "Give the person's email address")
        elif enrolment_id is None:
            errors.add(row.number, "email", email, "Nobody with this email address has a place on this cohort")
        status = row.values["status"].casefold()
        if status not in set(Attendance):
            errors.add(row.number, "status", row.values["status"] or None, f"Give one of: {STATUSES}")
        if len(row.values["name"]) > 200:
            errors.add(row.number, "name", row.values["name"][:60], "A name can be at most 200 characters")
        if session is None or enrolment_id is None or status not in set(Attendance):
            continue
        key = (session.pk, enrolment_id)
        if key in first_row:
            reason = f"This person is on row {first_row[key]} for the same session already"
            errors.add(row.number, "email", email, reason)
            continue
        first_row[key] = row.number
        rows.append(_Row(row.number, session, enrolment_id, status))
    errors.raise_if_any()
    return rows


def attendance_import(
    *, actor: Caller | None, cohort: Cohort, data: bytes, filename: str, today: date | None = None
) -> AttendanceImportOutcome:
    """Reads and checks the whole file first; any problem raises Rejected and nothing is written."""
    day = today or timezone.localdate()
    table = read_table(data, filename=filename, spec=ATTENDANCE_SPEC, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    with noting(table):
        rows = _checked_rows(table.rows, cohort, day)
    outcome = AttendanceImportOutcome(rows=len(rows), notes=list(table.notes))
    recorder_id = actor.pk if isinstance(actor, User) else None
    with transaction.atomic():
        saved = {
            (a.session_id, a.enrolment_id): a
            for a in SessionAttendance.objects.select_for_update().filter(session__cohort=cohort)
        }
        added, now = [], timezone.now()
        for row in rows:
            current = saved.get((row.session.pk, row.enrolment_id))
            if current is None:
                added.append(
                    SessionAttendance(
                        session=row.session,
                        enrolment_id=row.enrolment_id,
                        status=row.status,
                        recorded_by_id=recorder_id,
                    )
                )
            elif current.status == row.status:
                outcome.unchanged += 1
            else:
                claimed = SessionAttendance.objects.filter(pk=current.pk, edit_version=current.edit_version).update(
                    status=row.status, recorded_by_id=recorder_id, edit_version=F("edit_version") + 1, updated_at=now
                )
                if not claimed:
                    raise Rejected(
                        [Problem(row=row.number, column="status", value=row.status, reason=CHANGED_ELSEWHERE)]
                    )
                outcome.changed += 1
        SessionAttendance.objects.bulk_create(added)
        outcome.recorded = len(added)
        if added or outcome.changed:
            outcome.completions_changed = completions_update(cohort=cohort, today=day, actor=actor)
            audit_record(
                actor=actor,
                action="programmes.attendance_imported",
                obj=cohort,
                summary=f"Register imported from {filename[:100]}: {outcome.summary}",
                changes={"recorded": outcome.recorded, "changed": outcome.changed, "unchanged": outcome.unchanged},
            )
    return outcome
