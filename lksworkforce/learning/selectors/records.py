"""Reads of learning records: a person's own, those shared with a service manager, the sub-areas a
record may name (the current skills framework's, read by model name: learning does not import
skills), a catalogue resource to record in one step, and learning since the last self-assessment."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import F, Q, QuerySet

from lksworkforce.accounts.models import User
from lksworkforce.core.capability import PlanStep, development_plan
from lksworkforce.core.viewers import Caller
from lksworkforce.learning.cpd_hours import Learning, hours, minutes_by_year
from lksworkforce.learning.models import LearningRecord, Resource
from lksworkforce.learning.vocabulary import ResourceStatus


@dataclass(frozen=True)
class SubAreaChoice:
    id: int
    position: int
    number: str
    name: str
    area_id: int

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}"


def current_sub_areas() -> list[SubAreaChoice]:
    """The sub-areas of the current skills framework (the latest loaded when none is marked current)."""
    framework_model = apps.get_model("skills", "Framework")
    framework = (
        framework_model.objects.filter(is_current=True).first()
        or framework_model.objects.order_by("-loaded_at").first()
    )
    if framework is None:
        return []
    rows = apps.get_model("skills", "SubArea").objects.filter(framework=framework).order_by("position")
    return [
        SubAreaChoice(pk, position, number, name, area_id)
        for pk, position, number, name, area_id in rows.values_list("pk", "position", "number", "name", "area_id")
    ]


def _with_details(records: QuerySet[LearningRecord]) -> QuerySet[LearningRecord]:
    return records.select_related("resource", "person").prefetch_related("sub_areas")


def records_of(person: Caller) -> QuerySet[LearningRecord]:
    """A person's own records, newest first."""
    return _with_details(LearningRecord.objects.filter(person_id=person.pk)).order_by("-done_on", "-id")


def shared_with_q(viewer: User) -> Q:
    """Shared with a service the viewer manages, while the person still works there (the rule for
    shared self-assessments): a share ends when it is withdrawn or the person leaves."""
    return Q(
        shared_with_manager=True,
        organisation_id__in=sorted(viewer.managed_organisation_ids()),
        person__organisation_id=F("organisation_id"),
    )


def records_shared_with(viewer: User) -> QuerySet[LearningRecord]:
    shared = LearningRecord.objects.filter(shared_with_q(viewer)).exclude(person_id=viewer.pk)
    return _with_details(shared).order_by("person__full_name", "-done_on", "-id")


def record_visible(viewer: User, record_id: int) -> LearningRecord | None:
    """The viewer's own record, or one shared with a service they manage; None otherwise (a 404)."""
    visible = LearningRecord.objects.filter(Q(person_id=viewer.pk) | shared_with_q(viewer))
    return _with_details(visible).filter(pk=record_id).first()


def record_owned(viewer: Caller, record_id: int) -> LearningRecord | None:
    """The viewer's own record (to change or remove); None otherwise."""
    return records_of(viewer).filter(pk=record_id).first()


@dataclass(frozen=True)
class Prefill:
    resource_id: int
    title: str
    minutes: int | None
    sub_area_ids: tuple[int, ...]


def resource_prefill(resource_id: object) -> Prefill | None:
    """What recording a catalogue resource fills in: its title, length and the sub-areas it teaches.
    None for anything that is not a shown resource's id (drafts are not shown)."""
    try:
        wanted = int(str(resource_id))
    except ValueError:
        return None
    if not 0 < wanted < 2**31:
        return None
    found = Resource.objects.exclude(status=ResourceStatus.DRAFT).filter(pk=wanted).first()
    if found is None:
        return None
    taught = tuple(found.teaches.order_by("sub_area_id").values_list("sub_area_id", flat=True))
    return Prefill(found.pk, found.title, found.length_minutes, taught)


def shown_resource_exists(resource_id: int) -> bool:
    return Resource.objects.exclude(status=ResourceStatus.DRAFT).filter(pk=resource_id).exists()


def open_plan_steps(viewer: Caller) -> list[PlanStep]:
    """The viewer's plan actions not yet done, from the app that keeps plans (none without one)."""
    plan = development_plan()
    return plan.open_steps(viewer) if plan is not None else []  # type: ignore[arg-type]


def learning_of(person: Caller) -> list[Learning]:
    """The person's records as the CPD summary reads them (cpd_hours.Learning), in one query."""
    through = LearningRecord.sub_areas.through
    labels: dict[int, list[tuple[int, str]]] = {}
    for record_id, position, number, name in through.objects.filter(learningrecord__person_id=person.pk).values_list(
        "learningrecord_id", "subarea__position", "subarea__number", "subarea__name"
    ):
        labels.setdefault(record_id, []).append((position, f"{number} {name}"))
    return [
        Learning(done_on, minutes, tuple(labels.get(pk, ())))
        for pk, done_on, minutes in LearningRecord.objects.filter(person_id=person.pk).values_list(
            "pk", "done_on", "minutes"
        )
    ]


def years_recorded(person: Caller, today: date) -> list[int]:
    """Years the person has learning in, and this year, newest first."""
    return sorted(set(minutes_by_year(learning_of(person))) | {today.year}, reverse=True)


@dataclass(frozen=True)
class SinceAssessment:
    """Learning recorded since the person's last finished self-assessment, by sub-area (the self-
    assessment history's question: what have I done since I last rated myself?)."""

    assessed_on: date | None  # None: no finished self-assessment; every record counts
    minutes: int
    records: int
    by_sub_area: tuple[tuple[str, int, int], ...]  # (sub-area, minutes, records), framework order

    @property
    def hours(self) -> float:
        return hours(self.minutes)

    @property
    def rows(self) -> list[tuple[str, float, int]]:
        """(sub-area, hours, records), as the page shows them."""
        return [(label, hours(minutes), count) for label, minutes, count in self.by_sub_area]


def last_assessed_on(person: Caller) -> date | None:
    assessment = apps.get_model("skills", "Assessment")
    found: Any = (
        assessment.objects.filter(person_id=person.pk, completed_on__isnull=False)
        .order_by("-completed_on")
        .values_list("completed_on", flat=True)
        .first()
    )
    return found if isinstance(found, date) else None


def learning_since_last_assessment(person: Caller) -> SinceAssessment:
    since = last_assessed_on(person)
    learning = [item for item in learning_of(person) if since is None or item.done_on > since]
    sums: dict[tuple[int, str], list[int]] = {}
    for item in learning:
        for key in item.sub_areas:
            figures = sums.setdefault(key, [0, 0])
            figures[0] += item.minutes
            figures[1] += 1
    return SinceAssessment(
        since,
        sum(item.minutes for item in learning),
        len(learning),
        tuple((label, sums[key][0], sums[key][1]) for key in sorted(sums) for label in (key[1],)),
    )
