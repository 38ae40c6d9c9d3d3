"""Writes for the attendance part: a session's register saved whole, and each place's completion
kept in step with its attendance.

A register is saved all at once, or not at all. Each row carries the version of the attendance
record the person saw (0: there was none), so a row someone else saved since is refused: the
whole register is, with every such row named beside what is saved now (`StaleEdit`). Rows whose
status is what is saved already are left alone, even when saved since: two facilitators who took
the same register conflict only where they differ.

Completion (completion.decide, for every place on the cohort) is recomputed after every change of
attendance. A place that becomes completed is added to the person's learning record through the
`learning_recorder` extension point, once (the key names the place): its minutes are the length
of the sessions the person attended, its sub-areas the programme's. A correction that takes a
completion back leaves the learning record as it is (the person may remove it); completing again
does not add a second one."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.capability import CompletedLearning, learning_recorder
from lksworkforce.core.concurrency import Change, MissingVersionError, StaleEdit, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.programmes.completion import Outcome
from lksworkforce.programmes.models import Cohort, Enrolment, Session, SessionAttendance
from lksworkforce.programmes.selectors.attendance import ON_THE_REGISTER, cohort_progress, has_happened
from lksworkforce.programmes.vocabulary import Attendance, EnrolmentStatus

REJECTED = "The register was not saved"
NOT_YET = "The session has not happened yet: take its register on the day or afterwards"
STALE_WHAT = "This register"
NOT_RECORDED = "(not recorded)"


@dataclass(frozen=True)
class Mark:
    """One row of a register as sent: the place, the status, and the version of its attendance record."""

    enrolment_id: int
    status: str
    edit_version: int | None


@dataclass(frozen=True)
class RegisterSaved:
    recorded: int  # rows added
    changed: int
    unchanged: int

    @property
    def summary(self) -> str:
        return f"{self.recorded} recorded, {self.changed} changed, {self.unchanged} unchanged."


def _label(status: str | None) -> str:
    return Attendance(status).label if status in set(Attendance) else NOT_RECORDED


@transaction.atomic
def register_save(
    *, actor: Caller, session: Session, marks: Sequence[Mark], today: date | None = None
) -> RegisterSaved:
    """Saves every mark of a session's register, or none (Rejected: bad rows; StaleEdit: rows saved since)."""
    day = today or timezone.localdate()
    places = dict(
        Enrolment.objects.filter(ON_THE_REGISTER, cohort_id=session.cohort_id)
        .select_related("person")
        .values_list("pk", "person__full_name")
    )
    problems = _problems(session, marks, places, day)
    if problems:
        raise Rejected(problems, subject=REJECTED)
    saved = {
        a.enrolment_id: a
        for a in SessionAttendance.objects.select_for_update().filter(
            session=session, enrolment_id__in=[m.enrolment_id for m in marks]
        )
    }
    stale: list[Change] = []
    added: list[SessionAttendance] = []
    changed: dict[int, str] = {}
    recorder_id = actor.pk if isinstance(actor, User) else None
    now = timezone.now()
    for mark in marks:
        version = expected(mark.edit_version)
        current = saved.get(mark.enrolment_id)
        if (current.edit_version if current else 0) != version:
            if current is not None and current.status == mark.status:
                continue  # saved since as this register says it: nothing the person sent is lost
            stale.append(
                Change(places[mark.enrolment_id], _label(mark.status), _label(current.status if current else None))
            )
        elif current is None:
            added.append(
                SessionAttendance(
                    session=session, enrolment_id=mark.enrolment_id, status=mark.status, recorded_by_id=recorder_id
                )
            )
        elif current.status != mark.status:
            SessionAttendance.objects.filter(pk=current.pk, edit_version=version).update(
                status=mark.status, recorded_by_id=recorder_id, edit_version=F("edit_version") + 1, updated_at=now
            )
            changed[mark.enrolment_id] = mark.status
    if stale:
        raise StaleEdit(STALE_WHAT, stale)
    SessionAttendance.objects.bulk_create(added)
    outcome = RegisterSaved(len(added), len(changed), len(marks) - len(added) - len(changed))
    if added or changed:
        audit_record(
            actor=actor,
            action="programmes.attendance_recorded",
            obj=session,
            summary=f"Register taken for {session.title[:150]}: {outcome.summary}",
            changes={
                "recorded": {str(a.enrolment_id): a.status for a in added},
                "changed": {str(k): v for k, v in changed.items()},
            },
        )
        completions_update(cohort=session.cohort, today=day, actor=actor)
    return outcome


def _problems(session: Session, marks: Sequence[Mark], places: dict[int, str], today: date) -> list[Problem]:
    problems = []
    if not has_happened(session, today):
        problems.append(Problem(field="session", reason=NOT_YET))
    seen: set[int] = set()
    for index, mark in enumerate(marks):
        where = f"marks.{index}"  # as the API names a body's fields: marks.0.status
        if mark.enrolment_id not in places:
            problems.append(
                Problem(
                    field=f"{where}.enrolment_id",
                    value=str(mark.enrolment_id),
                    reason="There is no such place on this cohort",
                )
            )
        elif mark.enrolment_id in seen:
            problems.append(
                Problem(
                    field=f"{where}.enrolment_id",
                    value=str(mark.enrolment_id),
                    reason="This place is marked more than once",
                )
            )
        seen.add(mark.enrolment_id)
        if mark.edit_version is None or mark.edit_version < 0:
            problems.append(Problem(field=f"{where}.edit_version", reason=MissingVersionError.MESSAGE))
        if mark.status not in set(Attendance):
            problems.append(
                Problem(field=f"{where}.status", value=mark.status[:60], reason="Choose present, absent or apologies")
            )
    return problems


def completions_update(*, cohort: Cohort, today: date | None = None, actor: Caller | None = None) -> int:
    """Brings every place on the cohort in step with the completion rule; how many changed."""
    day = today or timezone.localdate()
    progress = cohort_progress(cohort, today=day)
    recorder = learning_recorder()
    changed = 0
    for place in progress.places:
        enrolment, decision = place.enrolment, place.decision
        status = decision.outcome.value
        if enrolment.status == status and enrolment.completed_on == decision.completed_on:
            continue
        was = enrolment.status
        Enrolment.objects.filter(pk=enrolment.pk).update(
            status=status,
            completed_on=decision.completed_on,
            edit_version=F("edit_version") + 1,
            updated_at=timezone.now(),
        )
        changed += 1
        audit_record(
            actor=actor,
            action="programmes.completion_changed",
            obj=enrolment,
            summary=f"Place {status.replace('_', ' ')} ({decision.attended} of {decision.sessions} sessions attended)",
            changes={"status": [was, status], "completed_on": str(decision.completed_on or "")},
        )
        if decision.outcome is Outcome.COMPLETED and recorder is not None and decision.completed_on is not None:
            recorder.record_completed(
                enrolment.person_id,
                CompletedLearning(
                    key=f"programmes:enrolment:{enrolment.pk}",
                    title=f"{cohort.programme.title}: {cohort.name}",
                    done_on=decision.completed_on,
                    minutes=place.attended_minutes,
                    sub_area_ids=tuple(_sub_area_ids(cohort)),
                ),
            )
    return changed


def _sub_area_ids(cohort: Cohort) -> Iterable[int]:
    return sorted(cohort.programme.sub_areas.values_list("pk", flat=True))


@transaction.atomic
def completions_update_ended(*, today: date | None = None) -> int:
    """For the daily run: places on cohorts that have ended and are still going become not completed
    (or completed, where attendance met the rule). How many changed."""
    day = today or timezone.localdate()
    cohorts = Cohort.objects.filter(ends_on__lt=day, enrolments__status=EnrolmentStatus.ENROLLED).distinct()
    return sum(completions_update(cohort=c, today=day) for c in cohorts.select_related("programme"))
