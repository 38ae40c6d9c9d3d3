"""What a refused stale save of skills data shows (ADR 12): the values sent beside those saved
now, with the labels people saw on the forms. Services raise what these build."""

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from lksworkforce.core.concurrency import StaleEdit, differences
from lksworkforce.skills.levels import ActionKind, ActionStatus
from lksworkforce.skills.models import Assessment, PlanAction, Rating, SubArea

RATING_LABELS = {
    "current": "current level",
    "target": "target level",
    "priority": "priority",
    "learning_evidence": "how you will show your learning",
    "evidence_links": "evidence links",
}


def stale_ratings(assessment: Assessment, sent: Mapping[SubArea, Mapping[str, Any] | None]) -> StaleEdit:
    """The refusal of an area's ratings: each sub-area's values sent (None: left blank) beside
    those saved now, for the sub-areas whose values differ."""
    saved = {r.sub_area_id: r for r in Rating.objects.filter(assessment=assessment, sub_area__in=list(sent))}
    labels, yours, now = {}, {}, {}
    blank = dict.fromkeys(RATING_LABELS)
    for sub, values in sent.items():
        rating = saved.get(sub.pk)
        kept = {key: getattr(rating, key) for key in RATING_LABELS} if rating else blank
        for key, label in RATING_LABELS.items():
            labels[f"{sub.number}.{key}"] = f"{sub.number} {sub.name}: {label}"
            yours[f"{sub.number}.{key}"] = (values or blank)[key]
            now[f"{sub.number}.{key}"] = kept[key]
    return StaleEdit("Your ratings in this area", differences(labels, yours, now))


ASSESSMENT_LABELS = {
    "completed_on": "Finished on",
    "reflection": "Your reflection",
    "shared_with_manager": "Shared with your service manager",
}


def stale_assessment(assessment: Assessment, yours: Mapping[str, Any]) -> StaleEdit:
    fresh = Assessment.objects.get(pk=assessment.pk)
    saved = {
        "completed_on": f"{fresh.completed_on:%d %B %Y}" if fresh.completed_on else "Not finished",
        "reflection": fresh.reflection,
        "shared_with_manager": fresh.shared_with_manager,
    }
    return StaleEdit("Your self-assessment", differences(ASSESSMENT_LABELS, yours, saved, every=True))


ACTION_LABELS = {
    "kind": "Kind of action",
    "description": "What you will do",
    "sub_areas": "Sub-areas it develops",
    "due_on": "Due date",
    "status": "Status",
    "resource_url": "Link to a learning resource",
}


class ActionLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def due_on(self) -> Any: ...
    @property
    def status(self) -> str: ...
    @property
    def resource_url(self) -> str: ...


def action_values(action: ActionLike, sub_areas: Sequence[SubArea]) -> dict[str, Any]:
    """A plan action (saved, or as entered) as its form's fields read."""
    return {
        "kind": ActionKind(action.kind).label if action.kind in ActionKind else action.kind,
        "description": action.description.strip(),
        "sub_areas": sorted(s.number for s in sub_areas),
        "due_on": action.due_on.strftime("%d/%m/%Y") if action.due_on else None,
        "status": ActionStatus(action.status).label if action.status in ActionStatus else action.status,
        "resource_url": action.resource_url.strip(),
    }


def stale_action(action: PlanAction, sent: Mapping[str, Any] | None) -> StaleEdit:
    """A change (`sent`) or a removal (None) refused: the action as saved now beside it."""
    fresh = PlanAction.objects.filter(pk=action.pk).first()
    if fresh is None:
        return StaleEdit("This action")
    saved = action_values(fresh, list(fresh.sub_areas.all()))
    return StaleEdit("This action", differences(ACTION_LABELS, sent or {}, saved, every=sent is None))
