"""Taking a self-assessment and planning development through the services: what a person can
do, what is refused with a clear sentence, and that only the person changes their own records."""

from datetime import date

import pytest
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.skills.levels import ActionKind, ActionStatus, Priority
from lksworkforce.skills.models import Assessment, Framework, PlanAction, Rating
from lksworkforce.skills.services import (
    ActionInput,
    RatingInput,
    SkillsError,
    assessment_complete,
    assessment_share,
    assessment_start,
    plan_action_remove,
    plan_action_save,
    ratings_save,
)
from tests.conftest import World
from tests.factories import UserFactory
from tests.skills.factories import PlanActionFactory, loaded, sub_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework() -> Framework:
    return loaded()


def ratings_of(assessment: Assessment) -> dict[str, tuple[int, int, str]]:
    return {
        r.sub_area.number: (r.current, r.target, r.priority)
        for r in Rating.objects.filter(assessment=assessment).select_related("sub_area")
    }


def finished(
    person: User, framework: Framework, ratings: dict[str, tuple[int, int]], *, share: bool = False
) -> Assessment:
    assessment = assessment_start(person=person, framework=framework)
    carried = {r.sub_area_id: r.edit_version for r in assessment.ratings.all()}  # from the last one
    ratings_save(
        assessment=assessment,
        actor=person,
        entries={
            (s := sub_area(framework, n)): RatingInput(c, t, edit_version=carried.get(s.pk, 0))
            for n, (c, t) in ratings.items()
        },
    )
    return assessment_complete(
        assessment=assessment, actor=person, reflection="Done", share_with_manager=share, expected_version=1
    )


# --- Starting ----------------------------------------------------------------------------------


def test_starting_snapshots_the_persons_band_organisation_and_role(world: World, framework: Framework) -> None:
    role = framework.role_profiles.get(key="clinical-librarian")

    assessment = assessment_start(person=world.staff, framework=framework, role_profile=role)

    assert (assessment.organisation, assessment.band, assessment.role_profile) == (world.london_a, "4", role)
    assert assessment.started_on == timezone.localdate()
    assert not assessment.is_completed
    assert not assessment.is_latest
    # Moving later does not move the assessment: roll-ups count it where it was taken.
    world.staff.organisation, world.staff.band = world.north_west, "5"
    world.staff.save()
    assessment.refresh_from_db()
    assert (assessment.organisation, assessment.band) == (world.london_a, "4")
    assert AuditEvent.objects.filter(action="skills.assessment_started", actor=world.staff).count() == 1


def test_starting_again_returns_the_unfinished_assessment(world: World, framework: Framework) -> None:
    first = assessment_start(person=world.staff, framework=framework)
    again = assessment_start(person=world.staff, framework=framework)
    assert again == first
    assert Assessment.objects.filter(person=world.staff).count() == 1

    finished_one = assessment_complete(
        assessment=_rated(first, world.staff, framework),
        actor=world.staff,
        reflection="Noted",
        share_with_manager=False,
        expected_version=1,
    )
    new = assessment_start(person=world.staff, framework=framework)
    assert new != finished_one
    assert Assessment.objects.filter(person=world.staff).count() == 2


def test_a_role_from_another_framework_is_refused(world: World, framework: Framework) -> None:
    other = loaded(key="other-skills", current=False)
    with pytest.raises(SkillsError) as refused:
        assessment_start(person=world.staff, framework=framework, role_profile=other.role_profiles.get())
    assert (str(refused.value), refused.value.field) == ("Choose a role from this framework", "role_profile")
    assert not Assessment.objects.exists()


def test_a_person_without_an_organisation_or_band_can_assess_themselves(framework: Framework) -> None:
    assessment = assessment_start(person=UserFactory.create(organisation=None, band=""), framework=framework)
    assert (assessment.organisation, assessment.band) == (None, "")


def _rated(assessment: Assessment, person: User, framework: Framework) -> Assessment:
    ratings_save(assessment=assessment, actor=person, entries={sub_area(framework, "1.1"): RatingInput(1, 2)})
    return assessment


# --- Rating ------------------------------------------------------------------------------------


def test_ratings_are_saved_as_the_person_goes_and_blank_removes_one(world: World, framework: Framework) -> None:
    assessment = assessment_start(person=world.staff, framework=framework)

    saved = ratings_save(
        assessment=assessment,
        actor=world.staff,
        entries={
            sub_area(framework, "1.1"): RatingInput(
                1, 3, Priority.HIGH.value, "A searching course", ("https://a.test",)
            ),
            sub_area(framework, "1.2"): RatingInput(2, 2),
            sub_area(framework, "1.3"): RatingInput(None, None),  # not relevant: left blank
        },
    )
    assert saved == 2
    assert ratings_of(assessment) == {"1.1": (1, 3, "high"), "1.2": (2, 2, "")}
    rating = Rating.objects.get(assessment=assessment, sub_area__number="1.1")
    assert (rating.learning_evidence, rating.evidence_links) == ("A searching course", ["https://a.test"])

    # Another page of the form: earlier answers stay; an unchanged entry is not a change.
    saved = ratings_save(
        assessment=assessment,
        actor=world.staff,
        entries={
            sub_area(framework, "2.1"): RatingInput(0, 1),
            sub_area(framework, "1.2"): RatingInput(2, 2, edit_version=1),
        },
    )
    assert saved == 1
    assert set(ratings_of(assessment)) == {"1.1", "1.2", "2.1"}

    # Clearing a sub-area removes its rating.
    assert ratings_save(
        assessment=assessment,
        actor=world.staff,
        entries={sub_area(framework, "1.2"): RatingInput(None, None, edit_version=1)},
    )
    assert set(ratings_of(assessment)) == {"1.1", "2.1"}
    event = AuditEvent.objects.filter(action="skills.ratings_saved").latest("id")
    assert event.changes == {"sub_areas": ["1.2"]}


def test_ratings_outside_the_scale_are_refused_by_sub_area_and_nothing_is_saved(
    world: World, framework: Framework
) -> None:
    assessment = assessment_start(person=world.staff, framework=framework)
    _rated(assessment, world.staff, framework)
    before = ratings_of(assessment)

    with pytest.raises(Rejected) as refused:
        ratings_save(
            assessment=assessment,
            actor=world.staff,
            entries={
                sub_area(framework, "1.1"): RatingInput(3, 4),  # fine on its own
                sub_area(framework, "1.2"): RatingInput(5, 4),
                sub_area(framework, "2.1"): RatingInput(2, -1, priority="urgent"),
                sub_area(framework, "2.2"): RatingInput(2, None),
            },
        )

    assert str(refused.value) == "The ratings were not saved: 4 errors. Nothing was changed."
    assert {(p.field, p.reason) for p in refused.value.problems} == {
        ("ratings.1.2.current", "The current level must be a level from 0 to 4"),
        ("ratings.2.1.target", "The target level must be a level from 0 to 4"),
        ("ratings.2.1.priority", "Choose high, medium or low priority"),
        ("ratings.2.2.target", "Choose a target level as well, or leave both blank if this is not relevant"),
    }
    assert len(refused.value.problems) == 4
    assert ratings_of(assessment) == before


def test_a_comment_on_a_blank_sub_area_is_refused(world: World, framework: Framework) -> None:
    assessment = assessment_start(person=world.staff, framework=framework)
    with pytest.raises(Rejected) as refused:
        ratings_save(
            assessment=assessment,
            actor=world.staff,
            entries={sub_area(framework, "1.1"): RatingInput(None, None, learning_evidence="Course")},
        )
    assert [(p.field, p.reason) for p in refused.value.problems] == [
        ("ratings.1.1.current", "Choose current and target levels, or clear the priority and comments")
    ]


def test_a_sub_area_of_another_framework_is_refused(world: World, framework: Framework) -> None:
    other = loaded(key="other-skills", current=False)
    assessment = assessment_start(person=world.staff, framework=framework)
    with pytest.raises(Rejected):
        ratings_save(assessment=assessment, actor=world.staff, entries={sub_area(other, "1.1"): RatingInput(1, 2)})
    assert not Rating.objects.exists()


def test_only_the_person_can_rate_and_not_after_finishing(world: World, framework: Framework) -> None:
    assessment = assessment_start(person=world.staff, framework=framework)
    entries = {sub_area(framework, "1.1"): RatingInput(1, 2)}

    for somebody in (world.manager, world.colleague, world.national):
        with pytest.raises(SkillsError, match="Only the person can change their self-assessment"):
            ratings_save(assessment=assessment, actor=somebody, entries=entries)
    assert not Rating.objects.exists()

    ratings_save(assessment=assessment, actor=world.staff, entries=entries)
    assessment_complete(
        assessment=assessment, actor=world.staff, reflection="Noted", share_with_manager=False, expected_version=1
    )
    with pytest.raises(SkillsError, match="This self-assessment is finished; start a new one to rate again"):
        ratings_save(
            assessment=assessment,
            actor=world.staff,
            entries={sub_area(framework, "1.1"): RatingInput(2, 2, edit_version=1)},
        )
    assert ratings_of(assessment) == {"1.1": (1, 2, "")}


# --- Finishing and sharing ---------------------------------------------------------------------


def test_finishing_needs_a_rating(world: World, framework: Framework) -> None:
    assessment = assessment_start(person=world.staff, framework=framework)
    with pytest.raises(SkillsError) as refused:
        assessment_complete(
            assessment=assessment, actor=world.staff, reflection="Noted", share_with_manager=False, expected_version=1
        )
    assert (str(refused.value), refused.value.field) == ("Rate at least one sub-area before you finish", "reflection")
    assessment.refresh_from_db()
    assert not assessment.is_completed


def test_finishing_needs_a_reflection(world: World, framework: Framework) -> None:
    assessment = _rated(assessment_start(person=world.staff, framework=framework), world.staff, framework)
    with pytest.raises(SkillsError) as refused:
        assessment_complete(
            assessment=assessment, actor=world.staff, reflection="   ", share_with_manager=False, expected_version=1
        )
    assert (str(refused.value), refused.value.field) == ("Write a short reflection before you finish", "reflection")
    assessment.refresh_from_db()
    assert not assessment.is_completed


def test_finishing_records_the_reflection_and_makes_it_the_latest(world: World, framework: Framework) -> None:
    first = finished(world.staff, framework, {"1.1": (1, 3)})
    assert (first.is_latest, first.completed_on, first.reflection) == (True, timezone.localdate(), "Done")

    second = finished(world.staff, framework, {"1.1": (2, 3)})

    first.refresh_from_db()
    assert not first.is_latest
    assert second.is_latest
    assert list(Assessment.objects.filter(person=world.staff, is_latest=True)) == [second]
    # Another person's latest is untouched.
    theirs = finished(world.colleague, framework, {"1.1": (0, 1)})
    second.refresh_from_db()
    assert second.is_latest
    assert theirs.is_latest


def test_the_latest_is_per_framework(world: World, framework: Framework) -> None:
    other = loaded(key="other-skills", current=False)
    mine = finished(world.staff, framework, {"1.1": (1, 3)})
    other_one = finished(world.staff, other, {"1.1": (1, 3)})
    mine.refresh_from_db()
    assert mine.is_latest
    assert other_one.is_latest


def test_only_the_person_can_finish_and_only_once(world: World, framework: Framework) -> None:
    assessment = _rated(assessment_start(person=world.staff, framework=framework), world.staff, framework)
    with pytest.raises(SkillsError, match="Only the person can finish their self-assessment"):
        assessment_complete(
            assessment=assessment, actor=world.manager, reflection="Noted", share_with_manager=True, expected_version=1
        )
    assessment_complete(
        assessment=assessment, actor=world.staff, reflection="Noted", share_with_manager=False, expected_version=1
    )
    # Again from the version it is now at (from an older one, see test_concurrent_edits): a rule refuses it.
    with pytest.raises(SkillsError, match="This self-assessment is already finished"):
        assessment_complete(
            assessment=assessment,
            actor=world.staff,
            reflection="Again",
            share_with_manager=True,
            expected_version=assessment.edit_version,
        )
    assessment.refresh_from_db()
    assert (assessment.reflection, assessment.shared_with_manager) == ("Noted", False)


def test_sharing_with_the_manager_shows_it_to_them_and_no_one_else(world: World, framework: Framework) -> None:
    assessment = finished(world.staff, framework, {"1.1": (1, 3)})
    assert not Assessment.objects.visible_to(world.manager).filter(pk=assessment.pk).exists()

    assessment_share(assessment=assessment, actor=world.staff, share=True, expected_version=assessment.edit_version)

    assert Assessment.objects.visible_to(world.manager).filter(pk=assessment.pk).exists()
    for other in (world.colleague, world.regional_lead, world.national, world.outsider):
        assert not Assessment.objects.visible_to(other).filter(pk=assessment.pk).exists()
    assert AuditEvent.objects.filter(action="skills.assessment_shared", object_id=str(assessment.pk)).count() == 1

    assessment_share(assessment=assessment, actor=world.staff, share=False, expected_version=assessment.edit_version)
    assert not Assessment.objects.visible_to(world.manager).filter(pk=assessment.pk).exists()
    assert AuditEvent.objects.filter(action="skills.assessment_unshared").count() == 1


def test_sharing_when_finishing_and_only_the_person_chooses(world: World, framework: Framework) -> None:
    assessment = finished(world.staff, framework, {"1.1": (1, 3)}, share=True)
    assert assessment.shared_with_manager
    with pytest.raises(SkillsError, match="Only the person can choose who sees their self-assessment"):
        assessment_share(
            assessment=assessment, actor=world.manager, share=False, expected_version=assessment.edit_version
        )
    assessment.refresh_from_db()
    assert assessment.shared_with_manager


def test_a_share_ends_when_the_person_leaves_the_organisation(world: World, framework: Framework) -> None:
    """Was: the share stayed with the old organisation after the person moved. Now a share ends
    when the person leaves (docs/adr/0011-privacy-over-time.md); their new manager does not get it."""
    assessment = finished(world.staff, framework, {"1.1": (1, 3)}, share=True)
    assert Assessment.objects.visible_to(world.manager).filter(pk=assessment.pk).exists()
    world.staff.organisation = world.london_b
    world.staff.save()
    assert not Assessment.objects.visible_to(world.manager).filter(pk=assessment.pk).exists()


# --- Development plan --------------------------------------------------------------------------


def test_a_plan_action_is_added_changed_and_removed_by_the_person(world: World, framework: Framework) -> None:
    entry = ActionInput(
        kind=ActionKind.PROGRAMME.value,
        description="  Attend the regional critical appraisal programme  ",
        sub_areas=[sub_area(framework, "1.2")],
        due_on=date(2026, 9, 30),
        resource_url="https://learning.example/appraisal",
    )
    action = plan_action_save(person=world.staff, entry=entry)

    assert (action.person, action.kind, action.description, action.status) == (
        world.staff,
        "programme",
        "Attend the regional critical appraisal programme",
        ActionStatus.PLANNED.value,
    )
    assert [s.number for s in action.sub_areas.all()] == ["1.2"]

    changed = plan_action_save(
        person=world.staff,
        action=action,
        entry=ActionInput(
            kind=ActionKind.PROGRAMME.value,
            description="Attend the programme",
            sub_areas=[sub_area(framework, "1.2"), sub_area(framework, "1.3")],
            status=ActionStatus.DONE.value,
        ),
        expected_version=action.edit_version,
    )
    assert changed.pk == action.pk
    assert (changed.status, changed.due_on, changed.resource_url) == ("done", None, "")
    assert sorted(s.number for s in changed.sub_areas.all()) == ["1.2", "1.3"]

    plan_action_remove(person=world.staff, action=changed, expected_version=changed.edit_version)
    assert not PlanAction.objects.exists()
    assert [e.action for e in AuditEvent.objects.filter(object_type="skills.planaction").order_by("id")] == [
        "skills.plan_action_added",
        "skills.plan_action_changed",
        "skills.plan_action_removed",
    ]


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        (ActionInput(kind="juggle", description="Something"), "kind", "Choose what kind of action this is"),
        (ActionInput(kind="learn", description="   "), "description", "Describe the action"),
        (
            ActionInput(kind="learn", description="x" * 501),
            "description",
            "The description must be 500 characters or fewer",
        ),
        (ActionInput(kind="learn", description="Read", status="someday"), "status", "Choose a status"),
        (
            ActionInput(kind="read", description="Read", resource_url="javascript:alert(1)"),
            "resource_url",
            "Enter a web address starting with https://",
        ),
    ],
    ids=["kind", "blank description", "long description", "status", "address"],
)
def test_a_bad_plan_action_is_refused_with_its_field(
    world: World, entry: ActionInput, field: str, message: str
) -> None:
    with pytest.raises(SkillsError) as refused:
        plan_action_save(person=world.staff, entry=entry)
    assert (refused.value.field, str(refused.value)) == (field, message)
    assert not PlanAction.objects.exists()


def test_only_the_person_changes_or_removes_their_plan(world: World) -> None:
    action = PlanActionFactory.create(person=world.staff)
    entry = ActionInput(kind="learn", description="Someone else's idea")
    with pytest.raises(SkillsError, match="Only the person can change their plan"):
        plan_action_save(person=world.manager, entry=entry, action=action, expected_version=action.edit_version)
    with pytest.raises(SkillsError, match="Only the person can change their plan"):
        plan_action_remove(person=world.manager, action=action, expected_version=action.edit_version)
    action.refresh_from_db()
    assert action.description != "Someone else's idea"
    assert PlanAction.objects.owned_by(world.staff).count() == 1
