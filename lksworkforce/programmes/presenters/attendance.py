"""Display for the attendance part: a register row's radio group, a status's tag, and the cohort
register's rows (the same rows feed the page and the API)."""

from dataclasses import dataclass

from django.utils import timezone

from lksworkforce.core.formatting import format_date
from lksworkforce.programmes.completion import Decision, Outcome, progress_sentence
from lksworkforce.programmes.models import Session
from lksworkforce.programmes.selectors.attendance import CohortProgress, PlaceProgress
from lksworkforce.programmes.vocabulary import Attendance

NOT_RECORDED = "Not recorded"
OUTCOME_LABELS = {
    Outcome.COMPLETED: "Completed",
    Outcome.NOT_COMPLETED: "Not completed",
    Outcome.GOING: "In progress",
}
OUTCOME_TAGS = {
    Outcome.COMPLETED: "nhsuk-tag--green",
    Outcome.NOT_COMPLETED: "nhsuk-tag--red",
    Outcome.GOING: "nhsuk-tag--grey",
}


def radio_items(chosen: str | None) -> list[dict[str, object]]:
    return [{"value": a.value, "text": a.label, "checked": a.value == chosen} for a in Attendance]


def status_label(status: str | None) -> str:
    return Attendance(status).label if status in set(Attendance) else NOT_RECORDED


def outcome_label(decision: Decision) -> str:
    return OUTCOME_LABELS[decision.outcome]


@dataclass(frozen=True)
class PlaceRow:
    enrolment_id: int
    name: str
    organisation: str
    marks: tuple[str, ...]  # labels, one per session
    attended: int
    required: int
    outcome: str  # the label
    outcome_tag: str
    completed_on: str  # ISO day, or "" (for downloads)
    completed_on_shown: str  # as pages show dates (18 May 2026), or ""
    progress: str  # "3 of 4 sessions attended; needs 3."


def place_row(place: PlaceProgress, *, yours: bool = False) -> PlaceRow:
    decision = place.decision
    enrolment = place.enrolment
    return PlaceRow(
        enrolment_id=enrolment.pk,
        name=enrolment.person.full_name,
        organisation=enrolment.organisation.name if enrolment.organisation else "",
        marks=tuple(status_label(m) for m in place.marks),
        attended=decision.attended,
        required=decision.required,
        outcome=outcome_label(decision),
        outcome_tag=OUTCOME_TAGS[decision.outcome],
        completed_on=decision.completed_on.isoformat() if decision.completed_on else "",
        completed_on_shown=format_date(decision.completed_on) if decision.completed_on else "",
        progress=progress_sentence(decision, yours=yours),
    )


def place_rows(progress: CohortProgress, *, yours: bool = False) -> list[PlaceRow]:
    return [place_row(p, yours=yours) for p in progress.places]


def rule_sentence(progress: CohortProgress) -> str:
    """The programme's completion rule, as it applies to this cohort."""
    programme = progress.cohort.programme
    total = len(progress.sessions)
    needed = programme.completion_sessions
    if total == 0:
        sessions = "every session" if needed is None else f"at least {needed} session{'s' if needed != 1 else ''}"
        sentence = f"Attend {sessions} (none are planned yet)"
    elif needed is None or needed >= total:
        sentence = f"Attend all {total} sessions" if total != 1 else "Attend the session"
    else:
        sentence = f"Attend at least {needed} of the {total} sessions"
    if programme.completion_needs_project:
        sentence += " and take part in a group project"
    return sentence + "."


def export_table(progress: CohortProgress, rows: list[PlaceRow]) -> tuple[list[str], list[dict[str, object]]]:
    """The cohort register as a table for CSV, XLSX and PDF: the same rows as the page."""
    session_columns = [
        f"{n}. {timezone.localdate(s.starts_at).isoformat()} {s.title}" for n, s in enumerate(progress.sessions, 1)
    ]
    columns = ["name", "organisation", *session_columns, "attended", "required", "completion", "completed_on"]
    table = [
        {
            "name": row.name,
            "organisation": row.organisation,
            **dict(zip(session_columns, row.marks, strict=True)),
            "attended": row.attended,
            "required": row.required,
            "completion": row.outcome,
            "completed_on": row.completed_on,
        }
        for row in rows
    ]
    return columns, table


def session_day(session: Session) -> str:
    """The session's day as pages show dates (2 March 2026)."""
    return format_date(timezone.localdate(session.starts_at))


def session_when(session: Session) -> str:
    """“2 March 2026, 09:00 to 12:00”, in the service's time zone."""
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{format_date(starts.date())}, {starts:%H:%M} to {ends:%H:%M}"
