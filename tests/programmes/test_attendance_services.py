"""Taking a register (all at once, per-row versions, stale refusals) and completion kept in step,
with completed learning added to the person's learning record once."""

from datetime import date

import pytest

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import LearningRecord
from lksworkforce.programmes.models import Enrolment, Session, SessionAttendance
from lksworkforce.programmes.services.attendance import Mark, completions_update_ended, register_save
from tests.conftest import World
from tests.factories import UserFactory
from tests.programmes.factories import enrol
from tests.programmes.factories_attendance import cohort_with_sessions, in_a_project, mark

pytestmark = pytest.mark.django_db
DURING = date(2026, 5, 20)  # after the third session, before the cohort ends
AFTER = date(2026, 7, 1)


def statuses(session_id: int) -> dict[int, str]:
    return dict(SessionAttendance.objects.filter(session_id=session_id).values_list("enrolment_id", "status"))


def test_a_register_is_saved_whole_and_again_changes_nothing(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    marks = [Mark(sam.pk, "present", 0), Mark(cal.pk, "apologies", 0)]
    saved = register_save(actor=world.national, session=sessions[0], marks=marks, today=DURING)
    assert (saved.recorded, saved.changed, saved.unchanged) == (2, 0, 0)
    assert statuses(sessions[0].pk) == {sam.pk: "present", cal.pk: "apologies"}
    assert SessionAttendance.objects.get(enrolment=sam).recorded_by == world.national
    again = register_save(
        actor=world.national,
        session=sessions[0],
        marks=[Mark(sam.pk, "present", 1), Mark(cal.pk, "absent", 1)],
        today=DURING,
    )
    assert (again.recorded, again.changed, again.unchanged) == (0, 1, 1)
    assert SessionAttendance.objects.get(enrolment=cal).edit_version == 2
    assert AuditEvent.objects.filter(action="programmes.attendance_recorded").count() == 2


def test_a_row_saved_by_someone_else_refuses_the_whole_register(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    mark(sessions[0], cal, "absent")  # saved by another facilitator since the page was opened
    with pytest.raises(StaleEdit) as stale:
        register_save(
            actor=world.national,
            session=sessions[0],
            marks=[Mark(sam.pk, "present", 0), Mark(cal.pk, "present", 0)],
            today=DURING,
        )
    assert [(c.label, c.yours, c.saved) for c in stale.value.changes] == [("Cal Colleague", "Present", "Absent")]
    assert statuses(sessions[0].pk) == {cal.pk: "absent"}  # Sam's mark was not saved either


def test_a_row_saved_since_as_this_register_says_is_no_conflict(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    mark(sessions[0], cal, "present")  # another facilitator marked Cal present since
    saved = register_save(
        actor=world.national,
        session=sessions[0],
        marks=[Mark(sam.pk, "absent", 0), Mark(cal.pk, "present", 0)],
        today=DURING,
    )
    assert (saved.recorded, saved.changed, saved.unchanged) == (1, 0, 1)
    assert statuses(sessions[0].pk) == {sam.pk: "absent", cal.pk: "present"}


def test_bad_marks_are_refused_with_every_problem(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    other_cohort, _ = cohort_with_sessions()
    sam = enrol(cohort, world.staff)
    elsewhere = enrol(other_cohort, world.colleague)
    withdrawn = enrol(cohort, world.outsider, status="withdrawn")
    with pytest.raises(Rejected) as rejected:
        register_save(
            actor=world.national,
            session=sessions[0],
            marks=[
                Mark(sam.pk, "late", 0),
                Mark(elsewhere.pk, "present", 0),
                Mark(withdrawn.pk, "present", 0),
                Mark(sam.pk, "present", None),
            ],
            today=DURING,
        )
    reasons = [p.reason for p in rejected.value.problems]
    assert "Choose present, absent or apologies" in reasons
    assert reasons.count("There is no such place on this cohort") == 2
    assert "This place is marked more than once" in reasons
    assert not SessionAttendance.objects.exists()


def test_a_session_that_has_not_happened_takes_no_register(world: World) -> None:
    cohort, sessions = cohort_with_sessions()
    sam = enrol(cohort, world.staff)
    with pytest.raises(Rejected) as rejected:
        register_save(actor=world.national, session=sessions[3], marks=[Mark(sam.pk, "present", 0)], today=DURING)
    assert "has not happened yet" in rejected.value.problems[0].reason


def _take(world: World, sessions: list[Session], enrolment: Enrolment, pattern: str, today: date) -> None:
    for session, letter in zip(sessions, pattern, strict=False):
        status = {"P": "present", "A": "absent"}[letter]
        version = (
            SessionAttendance.objects.filter(session=session, enrolment=enrolment)
            .values_list("edit_version", flat=True)
            .first()
        )
        register_save(
            actor=world.national, session=session, marks=[Mark(enrolment.pk, status, version or 0)], today=today
        )


def test_completed_on_the_session_that_met_the_rule_and_recorded_once(world: World) -> None:
    from tests.learning.records_support import framework, sub_area

    framework()
    cohort, sessions = cohort_with_sessions(minutes=150)
    cohort.programme.sub_areas.set([sub_area("1.1")])
    sam = enrol(cohort, world.staff)
    _take(world, sessions, sam, "PAP", DURING)
    sam.refresh_from_db()
    assert (sam.status, sam.completed_on) == ("enrolled", None)
    _take(world, sessions[3:], sam, "P", AFTER)
    sam.refresh_from_db()
    assert (sam.status, sam.completed_on) == ("completed", date(2026, 6, 22))
    record = LearningRecord.objects.get(person=world.staff)
    assert record.minutes == 3 * 150  # the sessions attended
    assert record.done_on == date(2026, 6, 22)
    assert [s.number for s in record.sub_areas.all()] == ["1.1"]
    assert record.plan_step_id is not None
    # A correction, then the completion back: still one record.
    _take(world, sessions[3:], sam, "A", AFTER)
    sam.refresh_from_db()
    assert sam.status == "not_completed"
    _take(world, sessions[1:2], sam, "P", AFTER)
    sam.refresh_from_db()
    assert (sam.status, sam.completed_on) == ("completed", date(2026, 5, 18))
    assert LearningRecord.objects.filter(person=world.staff).count() == 1


def test_a_project_where_the_programme_needs_one(world: World) -> None:
    cohort, sessions = cohort_with_sessions(completion_sessions=1, needs_project=True)
    sam, cal = enrol(cohort, world.staff), enrol(cohort, world.colleague)
    in_a_project(cohort, world.colleague)
    for place in (sam, cal):
        _take(world, sessions, place, "P", AFTER)
    sam.refresh_from_db()
    cal.refresh_from_db()
    assert (sam.status, cal.status) == ("not_completed", "completed")


def test_places_on_ended_cohorts_are_decided_by_the_daily_run(world: World) -> None:
    cohort, _sessions = cohort_with_sessions()
    sam = enrol(cohort, world.staff)
    withdrawn = enrol(cohort, UserFactory.create(), status="withdrawn")
    assert completions_update_ended(today=date(2026, 6, 26)) == 0  # not ended yet
    assert completions_update_ended(today=AFTER) == 1
    sam.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (sam.status, withdrawn.status) == ("not_completed", "withdrawn")
