"""Learning record services: add, change, remove, each checked whole, versioned and audited; a plan
action marked done with the learning that did it, in the same transaction."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lksworkforce.core.capability import development_plan
from lksworkforce.core.concurrency import MissingVersionError, StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import LearningRecord, Resource, Teaches
from lksworkforce.learning.selectors import records as selectors
from lksworkforce.learning.services import records as services
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus
from lksworkforce.skills.models import PlanAction
from tests.conftest import World
from tests.learning.records_support import entry, framework, plan_action, record, sub_area

pytestmark = pytest.mark.django_db


def test_a_record_keeps_what_was_sent_and_the_place_and_band_at_the_time(world: World) -> None:
    framework()
    saved = record(
        world.staff,
        sub_area_ids=(sub_area("1.2").pk,),
        learnt="How to read a forest plot",
        evidence_links=("https://example.org/certificate",),
    )
    assert saved.organisation_id == world.london_a.pk
    assert saved.band == "4"
    assert [s.number for s in saved.sub_areas.all()] == ["1.2"]
    assert saved.evidence_links == ["https://example.org/certificate"]
    event = AuditEvent.objects.get(action="learning.record_added", object_id=str(saved.pk))
    assert "forest plot" not in str(event.changes)  # what a person wrote is theirs, not the audit trail's


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": -5}, "minutes"),
        ({"minutes": 6001}, "minutes"),
        ({"minutes": None}, "minutes"),
        ({"done_on": None}, "done_on"),
        ({"done_on": date(1899, 1, 1)}, "done_on"),
        ({"evidence_links": ("javascript:alert(1)",)}, "evidence_links"),
        ({"evidence_links": ("ftp://example.org/file",)}, "evidence_links"),
        ({"evidence_links": ("https://",)}, "evidence_links"),
        ({"evidence_links": ("https://exa mple.org",)}, "evidence_links"),
        ({"evidence_links": tuple(f"https://example.org/{n}" for n in range(11))}, "evidence_links"),
        ({"sub_area_ids": (999_999,)}, "sub_areas"),
        ({"resource_id": 999_999}, "resource"),
        ({"plan_step_id": 999_999}, "plan_step"),
        ({"learnt": "x" * 5001}, "learnt"),
    ],
)
def test_bad_input_is_refused_whole_and_nothing_is_saved(world: World, changes: dict[str, object], field: str) -> None:
    framework()
    with pytest.raises(Rejected) as refused:
        record(world.staff, **changes)
    assert field in {p.field for p in refused.value.problems}
    assert not LearningRecord.objects.exists()


def test_a_date_in_the_future_is_refused_and_today_is_not(world: World) -> None:
    today = timezone.localdate()
    with pytest.raises(Rejected):
        record(world.staff, done_on=today + timedelta(days=1))
    assert record(world.staff, done_on=today).done_on == today


def test_every_problem_is_listed_at_once(world: World) -> None:
    with pytest.raises(Rejected) as refused:
        record(world.staff, title="", minutes=0, evidence_links=("nope",))
    assert {p.field for p in refused.value.problems} == {"title", "minutes", "evidence_links"}


def test_sub_areas_must_be_the_current_frameworks(world: World) -> None:
    framework()
    other = _other_framework_sub_area()
    with pytest.raises(Rejected):
        record(world.staff, sub_area_ids=(other,))


def _other_framework_sub_area() -> int:
    from lksworkforce.skills import services as skills_services
    from lksworkforce.skills.framework_file import parse_framework

    old = skills_services.framework_load(
        spec=parse_framework(
            'key: old-skills\nname: Old\nversion: "1"\ncurrent: false\nscale:\n  - {level: 0, label: None}\n'
            "  - {level: 1, label: Some}\nareas:\n  - {number: 1, name: Old area}\n"
            'sub_areas:\n  - {number: "1.1", name: Old sub-area}\n'
        )
    )
    return int(old.sub_areas.get().pk)


def test_choosing_a_plan_action_marks_it_done_in_the_same_step(world: World) -> None:
    action = plan_action(world.staff)
    assert [s.id for s in selectors.open_plan_steps(world.staff)] == [action.pk]
    saved = record(world.staff, plan_step_id=action.pk)
    action.refresh_from_db()
    assert action.status == "done"
    assert saved.plan_step_id == action.pk
    assert selectors.open_plan_steps(world.staff) == []


def test_someone_elses_plan_action_is_refused_and_left_open(world: World) -> None:
    theirs = plan_action(world.colleague)
    with pytest.raises(Rejected):
        record(world.staff, plan_step_id=theirs.pk)
    theirs.refresh_from_db()
    assert theirs.status != "done"
    assert not LearningRecord.objects.exists()


def _no_such_step(*_args: object) -> None:
    return None  # the action went from the plan between the check and the save


def test_when_the_plan_refuses_the_action_nothing_is_saved(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    action = plan_action(world.staff)
    plan = development_plan()
    assert plan is not None
    monkeypatch.setattr(type(plan), "complete_step", _no_such_step)
    with pytest.raises(Rejected):
        record(world.staff, plan_step_id=action.pk)
    assert not LearningRecord.objects.exists()
    assert PlanAction.objects.get(pk=action.pk).status != "done"


def test_a_change_from_an_old_version_is_refused_with_what_is_saved(world: World) -> None:
    saved = record(world.staff)
    services.record_change(person=world.staff, record=saved, entry=entry(minutes=120), expected_version=1)
    with pytest.raises(StaleEdit) as stale:
        services.record_change(person=world.staff, record=saved, entry=entry(minutes=30), expected_version=1)
    assert any(c.label == "How long (minutes)" and c.saved == "120" and c.yours == "30" for c in stale.value.changes)
    assert LearningRecord.objects.get(pk=saved.pk).minutes == 120
    with pytest.raises(MissingVersionError):
        services.record_change(person=world.staff, record=saved, entry=entry(), expected_version=None)


def test_a_change_and_a_removal_are_audited_and_versioned(world: World) -> None:
    framework()
    saved = record(world.staff)
    changed = services.record_change(
        person=world.staff,
        record=saved,
        entry=entry(sub_area_ids=(sub_area("1.1").pk,), shared_with_manager=True),
        expected_version=1,
    )
    assert changed.edit_version == 2
    assert changed.shared_with_manager
    with pytest.raises(StaleEdit):
        services.record_remove(person=world.staff, record=changed, expected_version=1)
    services.record_remove(person=world.staff, record=changed, expected_version=2)
    assert not LearningRecord.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="learning.learningrecord", object_id=str(saved.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["learning.record_added", "learning.record_changed", "learning.record_removed"]


def test_a_catalogue_resource_prefills_title_length_and_what_it_teaches(world: World) -> None:
    framework()
    resource = Resource.objects.create(
        title="Critical appraisal e-learning",
        kind=ResourceKind.E_LEARNING,
        url="https://learning.example.invalid/ca",
        added_on=date(2026, 1, 5),
        status=ResourceStatus.PUBLISHED,
        length_minutes=40,
    )
    Teaches.objects.create(resource=resource, sub_area=sub_area("1.2"), level=2)
    prefill = selectors.resource_prefill(str(resource.pk))
    assert prefill is not None
    assert (prefill.title, prefill.minutes, prefill.sub_area_ids) == (resource.title, 40, (sub_area("1.2").pk,))
    draft = Resource.objects.create(
        title="Draft", kind=ResourceKind.VIDEO, url="https://x.invalid", added_on=date(2026, 1, 5)
    )
    for hostile in (str(draft.pk), "abc", "-1", "9" * 30, "1e3", ""):
        assert selectors.resource_prefill(hostile) is None


def test_learning_since_the_last_self_assessment_counts_only_later_records(world: World) -> None:
    from tests.skills.conftest import take_assessment

    skills = framework()
    appraisal = sub_area("1.2").pk
    record(world.staff, done_on=date(2026, 1, 10), minutes=60, sub_area_ids=(appraisal,))
    assert selectors.learning_since_last_assessment(world.staff).records == 1
    take_assessment(world.staff, skills, {"1.2": (1, 3)}, completed_on=date(2026, 2, 1))
    record(world.staff, done_on=date(2026, 2, 15), minutes=30, sub_area_ids=(appraisal,))
    since = selectors.learning_since_last_assessment(world.staff)
    assert since.assessed_on == date(2026, 2, 1)
    assert (since.records, since.minutes) == (1, 30)
    assert since.by_sub_area == (("1.2 Critical appraisal", 30, 1),)
