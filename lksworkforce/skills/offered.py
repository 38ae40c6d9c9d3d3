"""What skills offers other apps through its capability: a person's latest finished self-assessment
(for recommending learning) and their development plan (a learning record marks an action done; a
recommendation becomes an action in one step). Each acts for the viewer only."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.capability import PersonSkills, PlanStep, SkillStanding, Viewer
from lksworkforce.skills import services
from lksworkforce.skills.levels import ActionKind, ActionStatus
from lksworkforce.skills.limits import DESCRIPTION_LIMIT
from lksworkforce.skills.models import Assessment, PlanAction, Rating, RoleExpectation, SubArea


def person_skills(viewer: Viewer) -> PersonSkills | None:
    """The viewer's latest finished self-assessment in the current framework (else their latest in
    any): two queries."""
    latest = (
        Assessment.objects.filter(person_id=viewer.pk, is_latest=True)
        .select_related("framework", "role_profile")
        .order_by("-framework__is_current", "-completed_on", "-id")
        .first()
    )
    if latest is None:
        return None
    expected: dict[int, int] = {}
    if latest.role_profile_id is not None:
        expected = dict(
            RoleExpectation.objects.filter(profile_id=latest.role_profile_id).values_list("sub_area_id", "level")
        )
    ratings = Rating.objects.filter(assessment=latest).select_related("sub_area").order_by("sub_area__position")
    standings = tuple(
        SkillStanding(
            sub_area_id=r.sub_area_id,
            number=r.sub_area.number,
            name=r.sub_area.name,
            current=r.current,
            target=r.target,
            expected=expected.get(r.sub_area_id),
        )
        for r in ratings
    )
    profile = latest.role_profile.name if latest.role_profile is not None else ""
    return PersonSkills(framework_name=latest.framework.name, role_profile=profile, standings=standings)


def _step(action: PlanAction) -> PlanStep:
    return PlanStep(
        id=action.pk,
        description=action.description,
        done=action.status == ActionStatus.DONE,
        url=reverse("skills:plan_action", kwargs={"action_id": action.pk}),
    )


def _person(viewer: Viewer) -> User:
    if isinstance(viewer, User):
        return viewer
    return User.objects.get(pk=viewer.pk or 0)


class SkillsDevelopmentPlan:
    """The development plan (skills.PlanAction), as core.capability.DevelopmentPlan."""

    def open_steps(self, viewer: Viewer) -> list[PlanStep]:
        actions = PlanAction.objects.filter(person_id=viewer.pk).exclude(
            status__in=[ActionStatus.DONE, ActionStatus.DROPPED]
        )
        return [_step(a) for a in actions.order_by("due_on", "id")]

    def add_step(self, viewer: Viewer, description: str, *, sub_area_ids: Iterable[int], resource_url: str) -> PlanStep:
        """A 'learn' action for the resource; refused (services.SkillsError) as the plan page would."""
        sub_areas = list(SubArea.objects.filter(pk__in=list(sub_area_ids)))
        entry = services.ActionInput(
            kind=ActionKind.LEARN.value,
            description=description[:DESCRIPTION_LIMIT],
            sub_areas=sub_areas,
            resource_url=resource_url,
        )
        return _step(services.plan_action_save(person=_person(viewer), entry=entry))

    @transaction.atomic
    def complete_step(self, viewer: Viewer, step_id: int) -> PlanStep | None:
        action = PlanAction.objects.select_for_update().filter(person_id=viewer.pk, pk=step_id).first()
        if action is None:
            return None
        if action.status != ActionStatus.DONE:
            PlanAction.objects.filter(pk=action.pk).update(
                status=ActionStatus.DONE, edit_version=F("edit_version") + 1, updated_at=timezone.now()
            )
            action.refresh_from_db()
            audit_record(
                actor=_person(viewer),
                action="skills.plan_action_changed",
                obj=action,
                summary="Plan action done, with a learning record",
                changes={"status": action.status},
            )
        return _step(action)


DEVELOPMENT_PLAN = SkillsDevelopmentPlan()
