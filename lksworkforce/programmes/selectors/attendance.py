"""Reads for the attendance part: who may take a register, a session's register, a cohort's register
with each place's completion, and a participant's own progress. A fixed few queries each, whatever
the cohort's size.

Who takes attendance: the cohort's facilitators (`Cohort.facilitators`) for every session, a
session's own facilitators (`Session.facilitators`) for that session, and those who run the
cohort: the national team, and for a regional cohort the lead of its region. Cohorts and sessions
are open to everyone signed in (they browse programmes), so a register they may not take is a 403,
not a 404; the names on it are shown only to those who may take it."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lksworkforce.accounts.people import Role
from lksworkforce.accounts.viewers import Viewer
from lksworkforce.core.capability import HomeItem
from lksworkforce.core.capability import Viewer as HomeViewer
from lksworkforce.programmes.completion import CompletionRule, Decision, SessionMark, decide
from lksworkforce.programmes.models import Cohort, Enrolment, GroupProject, Session, SessionAttendance
from lksworkforce.programmes.vocabulary import EnrolmentStatus

ON_THE_REGISTER = Q(status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED])


def runs_cohort(viewer: Viewer, cohort: Cohort) -> bool:
    """The national team, or the lead of a regional cohort's region."""
    if not viewer.is_authenticated:
        return False
    if viewer.holds(Role.NATIONAL_TEAM):
        return True
    return cohort.region_id is not None and cohort.region_id in viewer.led_region_ids()


def may_take_cohort_register(viewer: Viewer, cohort: Cohort) -> bool:
    """Every session's register, and the cohort's import: those who run it and its facilitators."""
    if runs_cohort(viewer, cohort):
        return True
    return bool(viewer.is_authenticated and viewer.pk and cohort.facilitators.filter(pk=viewer.pk).exists())


def may_take_session_register(viewer: Viewer, session: Session) -> bool:
    if may_take_cohort_register(viewer, session.cohort):
        return True
    return bool(viewer.is_authenticated and viewer.pk and session.facilitators.filter(pk=viewer.pk).exists())


def session_found(session_id: int) -> Session | None:
    return Session.objects.select_related("cohort__programme", "cohort__region").filter(pk=session_id).first()


def cohort_found(cohort_id: int) -> Cohort | None:
    return Cohort.objects.select_related("programme", "region").filter(pk=cohort_id).first()


def has_happened(session: Session, today: date) -> bool:
    """A register can be taken from the day the session starts."""
    return timezone.localdate(session.starts_at) <= today


@dataclass(frozen=True)
class RegisterRow:
    enrolment_id: int
    name: str
    organisation: str
    status: str | None  # None: not recorded yet
    edit_version: int  # the attendance record's; 0 when there is none yet


def session_register(session: Session) -> list[RegisterRow]:
    """Everyone with a place on the session's cohort (not withdrawn), by name: two queries."""
    enrolments = (
        Enrolment.objects.filter(ON_THE_REGISTER, cohort_id=session.cohort_id)
        .select_related("person", "organisation")
        .order_by("person__full_name", "id")
    )
    saved = {
        a.enrolment_id: (a.status, a.edit_version)
        for a in SessionAttendance.objects.filter(session=session).only("enrolment_id", "status", "edit_version")
    }
    rows = []
    for enrolment in enrolments:
        status, version = saved.get(enrolment.pk, (None, 0))
        organisation = enrolment.organisation.name if enrolment.organisation else ""
        rows.append(RegisterRow(enrolment.pk, enrolment.person.full_name, organisation, status, version))
    return rows


def rule_of(cohort: Cohort) -> CompletionRule:
    programme = cohort.programme
    return CompletionRule(programme.completion_sessions, programme.completion_needs_project)


def session_minutes(session: Session) -> int:
    return max(int((session.ends_at - session.starts_at) / timedelta(minutes=1)), 0)


@dataclass(frozen=True)
class PlaceProgress:
    """One place on a cohort: the person's mark at each session (None: not recorded) and the decision."""

    enrolment: Enrolment
    marks: tuple[str | None, ...]  # in the order of CohortProgress.sessions
    decision: Decision
    attended_minutes: int


@dataclass(frozen=True)
class CohortProgress:
    cohort: Cohort
    sessions: tuple[Session, ...]
    places: tuple[PlaceProgress, ...]


def cohort_progress(cohort: Cohort, *, today: date, enrolments: Iterable[Enrolment] | None = None) -> CohortProgress:
    """Each place's marks and completion (the one calculation: completion.decide): four queries."""
    sessions = tuple(Session.objects.filter(cohort=cohort).order_by("starts_at", "id"))
    if enrolments is None:
        enrolments = (
            Enrolment.objects.filter(ON_THE_REGISTER, cohort=cohort)
            .select_related("person", "organisation")
            .order_by("person__full_name", "id")
        )
    places = list(enrolments)
    marks: dict[int, dict[int, str]] = defaultdict(dict)
    attendance = SessionAttendance.objects.filter(session__cohort=cohort, enrolment__in=[e.pk for e in places])
    for enrolment_id, session_id, status in attendance.values_list("enrolment_id", "session_id", "status"):
        marks[enrolment_id][session_id] = status
    in_projects = set(
        GroupProject.members.through.objects.filter(groupproject__cohort=cohort).values_list("user_id", flat=True)
    )
    rule, ended = rule_of(cohort), cohort.ends_on < today
    progress = []
    for enrolment in places:
        own = marks.get(enrolment.pk, {})
        decision = decide(
            rule,
            [SessionMark(_day(s.starts_at), own.get(s.pk) == "present") for s in sessions],
            in_a_project=enrolment.person_id in in_projects,
            cohort_ended=ended,
        )
        minutes = sum(session_minutes(s) for s in sessions if own.get(s.pk) == "present")
        progress.append(PlaceProgress(enrolment, tuple(own.get(s.pk) for s in sessions), decision, minutes))
    return CohortProgress(cohort, sessions, tuple(progress))


def _day(moment: datetime) -> date:
    return timezone.localdate(moment)


def own_progress(viewer: Viewer, *, today: date) -> list[CohortProgress]:
    """The viewer's own places (not withdrawn), newest cohort first, each with only their own row."""
    if not viewer.is_authenticated or not viewer.pk:
        return []
    mine = (
        Enrolment.objects.filter(ON_THE_REGISTER, person_id=viewer.pk)
        .select_related("cohort__programme", "cohort__region", "person", "organisation")
        .order_by("-cohort__starts_on", "id")
    )
    return [cohort_progress(e.cohort, today=today, enrolments=[e]) for e in mine]


def own_place(viewer: Viewer, cohort_id: int, *, today: date) -> CohortProgress | None:
    return next((p for p in own_progress(viewer, today=today) if p.cohort.pk == cohort_id), None)


def registers_to_take(person_id: int | None, *, today: date) -> list[Session]:
    """Sessions held in the last fortnight, up to today, whose register the viewer takes as a
    facilitator and has not taken for anyone yet (for the home page): one query."""
    if not person_id:
        return []
    since = today - timedelta(days=14)
    sessions = (
        Session.objects.filter(Q(facilitators=person_id) | Q(cohort__facilitators=person_id))
        .filter(starts_at__date__gte=since, starts_at__date__lte=today, attendance__isnull=True)
        .select_related("cohort__programme")
        .distinct()
        .order_by("starts_at", "id")
    )
    return list(sessions[:5])


def home_items(viewer: HomeViewer) -> list[HomeItem]:
    """Registers waiting for the viewer, as a facilitator (for the home page's programmes section)."""
    return [
        HomeItem(
            f"Take the register: {s.title} ({s.cohort.programme.title})",
            reverse("programmes:session_attendance", kwargs={"session_id": s.pk}),
        )
        for s in registers_to_take(viewer.pk, today=timezone.localdate())
    ]
