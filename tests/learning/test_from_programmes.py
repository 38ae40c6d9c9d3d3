"""Learning completed on a programme (the learning_recorder extension point): added to the
person's learning record once per key, with a completed action in their development plan."""

from datetime import date

import pytest

from lksworkforce.core.capability import CompletedLearning, learning_recorder
from lksworkforce.learning.models import LearningRecord
from lksworkforce.skills.models import PlanAction
from tests.conftest import World
from tests.learning.records_support import framework, sub_area

pytestmark = pytest.mark.django_db


def learning(**changes: object) -> CompletedLearning:
    values: dict[str, object] = {
        "key": "programmes:enrolment:42",
        "title": "Evidence synthesis: 2026, London",
        "done_on": date(2026, 6, 22),
        "minutes": 630,
    }
    values.update(changes)
    return CompletedLearning(**values)  # type: ignore[arg-type]


def test_recorded_once_per_key_with_a_done_plan_action(world: World) -> None:
    framework()
    recorder = learning_recorder()
    assert recorder is not None
    completed = learning(sub_area_ids=(sub_area("1.1").pk, sub_area("2.1").pk, 999_999))
    recorder.record_completed(world.staff.pk, completed)
    recorder.record_completed(world.staff.pk, completed)
    record = LearningRecord.objects.get(person=world.staff)
    assert (record.title, record.done_on, record.minutes) == (completed.title, completed.done_on, 630)
    assert record.source_key == "programmes:enrolment:42"
    assert sorted(s.number for s in record.sub_areas.all()) == ["1.1", "2.1"]  # unknown sub-areas left out
    assert record.organisation == world.staff.organisation
    action = PlanAction.objects.get(person=world.staff)
    assert (action.pk, action.status) == (record.plan_step_id, "done")
    assert action.description == "Completed: Evidence synthesis: 2026, London"


def test_another_key_or_person_is_another_record(world: World) -> None:
    recorder = learning_recorder()
    assert recorder is not None
    recorder.record_completed(world.staff.pk, learning())
    recorder.record_completed(world.staff.pk, learning(key="programmes:enrolment:43"))
    recorder.record_completed(world.colleague.pk, learning())
    assert LearningRecord.objects.filter(person=world.staff).count() == 2
    assert LearningRecord.objects.filter(person=world.colleague).count() == 1


def test_a_person_who_is_gone_or_a_blank_key_records_nothing(world: World) -> None:
    recorder = learning_recorder()
    assert recorder is not None
    recorder.record_completed(999_999, learning())
    recorder.record_completed(world.staff.pk, learning(key=""))
    assert not LearningRecord.objects.exists()


def test_the_persons_own_records_may_share_a_blank_source(world: World) -> None:
    for title in ("Journal club", "Webinar"):
        LearningRecord.objects.create(person=world.staff, title=title, done_on=date(2026, 3, 2), minutes=30)
    assert LearningRecord.objects.filter(person=world.staff, source_key="").count() == 2
