"""Writes to topics: create, change the name and introduction, and curate the resources in a
topic (add, remove, move up or down). Every change is from the version of the topic the curator
saw (a change to its list counts as a change to the topic) and is audited."""

from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lksworkforce.core.audit import audit_record, field_changes
from lksworkforce.core.concurrency import StaleEdit, claim_version, differences, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.learning import catalogue_rules as rules
from lksworkforce.learning.models import Resource, Topic, TopicEntry

TOPIC_NOT_ADDED = "The topic was not added"
TOPIC_NOT_SAVED = "The topic was not saved"
LIST_NOT_SAVED = "The topic's resources were not changed"
TOPIC_LABELS = {"name": "Name", "introduction": "Introduction", "resources": "Resources, in order"}


@dataclass(frozen=True)
class TopicInput:
    name: str
    introduction: str = ""
    slug: str = ""  # only when the topic is created: its address stays the same after

    def tidied(self) -> "TopicInput":
        return replace(
            self,
            name=self.name.strip(),
            introduction=self.introduction.replace("\r\n", "\n").strip(),
            slug=self.slug.strip(),
        )


def topic_problems(entry: TopicInput, *, creating: bool) -> list[Problem]:
    found = []
    if (
        reason := rules.text_problem(entry.name, limit=rules.TOPIC_NAME_LIMIT, what="The name", required=True)
    ) is not None:
        found.append(Problem(field="name", reason=reason))
    intro = rules.text_problem(
        entry.introduction, limit=rules.INTRODUCTION_LIMIT, what="The introduction", multiline=True
    )
    if intro is not None:
        found.append(Problem(field="introduction", reason=intro))
    if creating:
        if (reason := rules.slug_problem(entry.slug)) is not None:
            found.append(Problem(field="slug", value=entry.slug[:80], reason=reason))
        elif (taken := Topic.objects.filter(slug=entry.slug).first()) is not None:
            found.append(
                Problem(field="slug", value=entry.slug, reason=f"The topic “{taken.name}” already has this address")
            )
    return found


def _order_text(topic: Topic) -> list[str]:
    return [
        f"{n}. {e.resource.title}"
        for n, e in enumerate(TopicEntry.objects.filter(topic=topic).select_related("resource"), 1)
    ]


def stale_topic(topic_id: int, yours: dict[str, Any]) -> StaleEdit:
    saved = Topic.objects.get(pk=topic_id)
    now = {"name": saved.name, "introduction": saved.introduction, "resources": _order_text(saved)}
    return StaleEdit("The topic", differences(TOPIC_LABELS, yours, now, every="resources" in yours))


def topic_create(*, actor: Caller, entry: TopicInput) -> Topic:
    entry = entry.tidied()
    if problems := topic_problems(entry, creating=True):
        raise Rejected(problems, subject=TOPIC_NOT_ADDED)
    try:
        with transaction.atomic():
            topic = Topic.objects.create(slug=entry.slug, name=entry.name, introduction=entry.introduction)
            audit_record(actor=actor, action="learning.topic_added", obj=topic, summary=f"Topic added: {topic.name}")
    except IntegrityError:  # the same address, added at the same moment
        raise Rejected(
            [Problem(field="slug", value=entry.slug, reason="Another topic has this address")], subject=TOPIC_NOT_ADDED
        ) from None
    return topic


def topic_update(*, actor: Caller, topic: Topic, entry: TopicInput, expected_version: int | None) -> Topic:
    version = expected(expected_version)
    entry = entry.tidied()
    if problems := topic_problems(entry, creating=False):
        raise Rejected(problems, subject=TOPIC_NOT_SAVED)
    before = {"name": topic.name, "introduction": topic.introduction}
    after = {"name": entry.name, "introduction": entry.introduction}
    with transaction.atomic():
        if not claim_version(Topic.objects, pk=topic.pk, version=version, updated_at=timezone.now(), **after):
            raise stale_topic(topic.pk, after)
        audit_record(
            actor=actor,
            action="learning.topic_changed",
            obj=topic,
            summary=f"Topic changed: {entry.name}",
            changes=field_changes(before, after),
        )
    return Topic.objects.get(pk=topic.pk)


def _claim_list(topic: Topic, version: int, wanted: str) -> None:
    if not claim_version(Topic.objects, pk=topic.pk, version=version, updated_at=timezone.now()):
        raise stale_topic(topic.pk, {"resources": [wanted]})


def topic_add_resource(*, actor: Caller, topic: Topic, resource_id: int, expected_version: int | None) -> Topic:
    """Add a resource at the end of the curated order."""
    version = expected(expected_version)
    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None:
        raise Rejected(
            [Problem(field="resource", value=str(resource_id), reason="There is no resource with this number")],
            subject=LIST_NOT_SAVED,
        )
    if TopicEntry.objects.filter(topic=topic, resource=resource).exists():
        raise Rejected(
            [Problem(field="resource", value=str(resource_id), reason=f"“{resource.title}” is already in this topic")],
            subject=LIST_NOT_SAVED,
        )
    with transaction.atomic():
        _claim_list(topic, version, f"add {resource.title}")
        ids = _curated(topic)
        TopicEntry.objects.create(topic=topic, resource=resource, position=len(ids) + 1)
        audit_record(
            actor=actor,
            action="learning.topic_resource_added",
            obj=topic,
            summary=f"Added to {topic.name}: {resource.title}",
            changes={"resource": resource.pk},
        )
    return Topic.objects.get(pk=topic.pk)


def topic_remove_resource(*, actor: Caller, topic: Topic, resource_id: int, expected_version: int | None) -> Topic:
    version = expected(expected_version)
    entry = TopicEntry.objects.filter(topic=topic, resource_id=resource_id).select_related("resource").first()
    with transaction.atomic():
        _claim_list(topic, version, "remove a resource")
        if entry is None:  # already removed, in another tab: the claim above said nothing changed since
            raise Rejected(
                [Problem(field="resource", value=str(resource_id), reason="This resource is not in the topic")],
                subject=LIST_NOT_SAVED,
            )
        entry.delete()
        _curated(topic)
        audit_record(
            actor=actor,
            action="learning.topic_resource_removed",
            obj=topic,
            summary=f"Removed from {topic.name}: {entry.resource.title}",
            changes={"resource": resource_id},
        )
    return Topic.objects.get(pk=topic.pk)


def topic_move_resource(
    *, actor: Caller, topic: Topic, resource_id: int, step: int, expected_version: int | None
) -> Topic:
    """Move a resource one place up (step -1) or down (step 1) in the topic's curated order."""
    version = expected(expected_version)
    if step not in {-1, 1}:
        raise Rejected(
            [Problem(field="direction", reason="Move a resource up or down one place")], subject=LIST_NOT_SAVED
        )
    with transaction.atomic():
        _claim_list(topic, version, "move a resource")
        order = _curated(topic)
        if resource_id not in order:
            raise Rejected(
                [Problem(field="resource", value=str(resource_id), reason="This resource is not in the topic")],
                subject=LIST_NOT_SAVED,
            )
        at = order.index(resource_id)
        other = at + step
        if 0 <= other < len(order):
            order[at], order[other] = order[other], order[at]
            _write_positions(topic, order)
        audit_record(
            actor=actor,
            action="learning.topic_reordered",
            obj=topic,
            summary=f"Resources reordered in {topic.name}",
            changes={"order": order},
        )
    return Topic.objects.get(pk=topic.pk)


def _curated(topic: Topic) -> list[int]:
    """The topic's resource ids in display order, with positions 1..n written for every entry,
    so a later move means one place in the order everyone sees."""
    rows = [
        (e.resource_id, e.position, e.resource.title)
        for e in TopicEntry.objects.filter(topic=topic).select_related("resource")
    ]
    order = rules.ordered_positions(rows)
    _write_positions(topic, order)
    return order


def _write_positions(topic: Topic, order: list[int]) -> None:
    entries = {e.resource_id: e for e in TopicEntry.objects.filter(topic=topic)}
    changed = []
    for position, resource_id in enumerate(order, 1):
        entry = entries[resource_id]
        if entry.position != position:
            entry.position = position
            changed.append(entry)
    TopicEntry.objects.bulk_update(changed, ["position"])
