"""Test data for the attendance part: a cohort with dated sessions and people on it, marks
written directly (not through the services), and the example register's cohort."""

from datetime import UTC, date, datetime, timedelta

from lksworkforce.accounts.models import User
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import Cohort, Enrolment, GroupProject, Session, SessionAttendance
from tests.factories import UserFactory
from tests.programmes.factories import CohortFactory, ProgrammeFactory, SessionFactory, enrol

EXAMPLE_SESSIONS = (
    (date(2026, 3, 2), "Workshop: asking the question", 6 * 60),
    (date(2026, 4, 13), "Searching and screening", 3 * 60),
    (date(2026, 5, 18), "Synthesising the evidence", 3 * 60),
    (date(2026, 6, 22), "Summarising for decision makers", 3 * 60),
)
EXAMPLE_PEOPLE = (
    ("asha.patel@example.nhs.uk", "Asha Patel"),
    ("ben.okafor@example.nhs.uk", "Ben Okafor"),
    ("cara.nguyen@example.nhs.uk", "Cara Nguyen"),
)


def cohort_with_sessions(
    days: tuple[date, ...] = (date(2026, 3, 2), date(2026, 4, 13), date(2026, 5, 18), date(2026, 6, 22)),
    *,
    completion_sessions: int | None = 3,
    needs_project: bool = False,
    region: Region | None = None,
    ends_on: date = date(2026, 6, 26),
    minutes: int = 180,
) -> tuple[Cohort, list[Session]]:
    programme = ProgrammeFactory.create(completion_sessions=completion_sessions, completion_needs_project=needs_project)
    cohort = CohortFactory.create(programme=programme, region=region, starts_on=days[0], ends_on=ends_on)
    sessions = [
        SessionFactory.create(
            cohort=cohort,
            title=f"Session {number}",
            starts_at=datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9),
            ends_at=datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9, minutes=minutes),
        )
        for number, day in enumerate(days, 1)
    ]
    return cohort, sessions


def mark(session: Session, enrolment: Enrolment, status: str) -> SessionAttendance:
    return SessionAttendance.objects.create(session=session, enrolment=enrolment, status=status)


def in_a_project(cohort: Cohort, *people: User) -> GroupProject:
    project = GroupProject.objects.create(cohort=cohort, name="Evidence summaries for the board")
    project.members.set(people)
    return project


def example_cohort() -> tuple[Cohort, list[Enrolment]]:
    """The cohort docs/formats/examples/programme-attendance.csv is the register of."""
    programme = ProgrammeFactory.create(title="Evidence synthesis", completion_sessions=3)
    cohort = CohortFactory.create(programme=programme, name="2026, London", ends_on=date(2026, 6, 26))
    for day, title, minutes in EXAMPLE_SESSIONS:
        starts = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9)
        SessionFactory.create(cohort=cohort, title=title, starts_at=starts, ends_at=starts + timedelta(minutes=minutes))
    places = [enrol(cohort, UserFactory.create(email=email, full_name=name)) for email, name in EXAMPLE_PEOPLE]
    return cohort, places
