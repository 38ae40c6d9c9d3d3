"""The catalogue's writes: resources added and changed with what they teach and their topics,
published and retired, topics curated; every change audited, every bad input refused whole
with nothing changed, and every save from an older version refused with what changed since."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from lksworkforce.core.concurrency import MissingVersionError, StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.services import catalogue as services
from lksworkforce.learning.services import catalogue_topics as topic_services
from lksworkforce.learning.services.catalogue import ResourceInput, Taught
from lksworkforce.learning.services.catalogue_topics import TopicInput
from lksworkforce.learning.vocabulary import ResourceStatus
from lksworkforce.skills.models import SubArea
from tests.conftest import World
from tests.learning.factories import ResourceFactory, TopicFactory, in_topic
from tests.skills.factories import loaded, sub_area

pytestmark = pytest.mark.django_db

ENTRY = ResourceInput(
    title="Critical appraisal in an afternoon",
    url="https://learning.example.org/appraisal",
    kind="e_learning",
    added_on=date(2026, 2, 1),
    description="Appraise a randomised controlled trial, step by step.",
    provider="Example Learning",
    length_minutes=45,
    band_from="2",
    band_to="4",
    review_due_on=date(2027, 2, 1),
)


@pytest.fixture
def framework_sub_areas(db: None) -> list[SubArea]:
    framework = loaded()
    return [sub_area(framework, "1.1"), sub_area(framework, "1.2")]


def fields_of(rejected: pytest.ExceptionInfo[Rejected]) -> set[str | None]:
    return {p.field for p in rejected.value.problems}


def test_a_resource_is_added_with_what_it_teaches_and_its_topics(
    world: World, framework_sub_areas: list[SubArea]
) -> None:
    topic = TopicFactory.create()
    first, second = framework_sub_areas
    entry = replace(ENTRY, teaches=(Taught(first.pk, 2), Taught(second.pk)), topic_ids=(topic.pk,))
    resource = services.resource_create(actor=world.curator, entry=entry)
    assert resource.status == ResourceStatus.DRAFT
    assert set(Teaches.objects.filter(resource=resource).values_list("sub_area_id", "level")) == {
        (first.pk, 2),
        (second.pk, None),
    }
    assert list(resource.topics.all()) == [topic]
    event = AuditEvent.objects.get(action="learning.resource_added")
    assert event.actor_id == world.curator.pk
    assert event.object_id == str(resource.pk)
    assert event.changes["title"] == [None, ENTRY.title]


def test_every_problem_is_listed_and_nothing_is_added(world: World) -> None:
    bad = replace(
        ENTRY,
        title=" ",
        url="javascript:alert(1)",
        kind="lecture",
        band_from="6",
        band_to="3",
        review_due_on=date(2026, 1, 1),
        length_minutes=0,
        teaches=(Taught(999_999, 2),),
        topic_ids=(999_999,),
    )
    with pytest.raises(Rejected) as refused:
        services.resource_create(actor=world.curator, entry=bad)
    assert fields_of(refused) == {
        "title",
        "url",
        "kind",
        "band_to",
        "review_due_on",
        "length_minutes",
        "sub_areas",
        "topics",
    }
    assert not Resource.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="learning.").exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/file",
        "https://",
        "https://exa mple.org/",
        "https://example.org/\x07",
        "//example.org/course",
        "https://[::1",
    ],
)
def test_only_http_addresses_are_taken(world: World, url: str) -> None:
    with pytest.raises(Rejected) as refused:
        services.resource_create(actor=world.curator, entry=replace(ENTRY, url=url))
    assert fields_of(refused) == {"url"}


def test_hostile_text_is_refused_not_stored(world: World) -> None:
    hostile = replace(
        ENTRY,
        title="x" * 301,
        provider="Bad\x1bProvider",
        description="line one\nline two\u202e",
        cost_note="\x00",
        roles=("a" * 61,),
    )
    with pytest.raises(Rejected) as refused:
        services.resource_create(actor=world.curator, entry=hostile)
    assert fields_of(refused) == {"title", "provider", "description", "cost_note", "roles"}
    assert not Resource.objects.exists()


def test_a_description_may_hold_line_breaks(world: World) -> None:
    resource = services.resource_create(
        actor=world.curator, entry=replace(ENTRY, description="One.\r\n\r\nTwo.\tThree.")
    )
    assert resource.description == "One.\n\nTwo.\tThree."


def test_the_same_web_address_twice_names_the_resource_already_there(world: World) -> None:
    existing = ResourceFactory.create(url="https://learning.example.org/appraisal/", title="Appraisal basics")
    with pytest.raises(Rejected) as refused:
        services.resource_create(
            actor=world.curator, entry=replace(ENTRY, url="HTTPS://Learning.Example.org/appraisal")
        )
    [problem] = refused.value.problems
    assert problem.field == "url"
    assert f"resource {existing.pk}" in problem.reason
    assert "Appraisal basics" in problem.reason


def test_a_change_is_saved_from_the_version_seen_and_audited(world: World) -> None:
    resource = services.resource_create(actor=world.curator, entry=ENTRY)
    changed = services.resource_update(
        actor=world.curator,
        resource=resource,
        entry=replace(ENTRY, title="Appraisal, revised", status="published"),
        expected_version=1,
    )
    assert (changed.title, changed.status, changed.edit_version) == ("Appraisal, revised", "published", 2)
    event = AuditEvent.objects.get(action="learning.resource_changed")
    assert event.changes == {
        "title": [ENTRY.title, "Appraisal, revised"],
        "status": ["Draft", "Published"],
    }


def test_a_resource_keeps_its_own_address_when_changed(world: World) -> None:
    resource = services.resource_create(actor=world.curator, entry=ENTRY)
    services.resource_update(actor=world.curator, resource=resource, entry=ENTRY, expected_version=1)
    assert Resource.objects.get().edit_version == 2


def test_a_stale_change_is_refused_with_what_changed_since(world: World) -> None:
    resource = services.resource_create(actor=world.curator, entry=ENTRY)
    services.resource_update(
        actor=world.curator, resource=resource, entry=replace(ENTRY, provider="Someone else"), expected_version=1
    )
    with pytest.raises(StaleEdit) as refused:
        services.resource_update(
            actor=world.curator, resource=resource, entry=replace(ENTRY, title="Mine"), expected_version=1
        )
    changes = {c.label: (c.yours, c.saved) for c in refused.value.changes}
    assert changes["Title"] == ("Mine", ENTRY.title)
    assert changes["Provider"] == ("Example Learning", "Someone else")
    saved = Resource.objects.get()
    assert (saved.title, saved.provider, saved.edit_version) == (ENTRY.title, "Someone else", 2)


def test_a_change_without_its_version_is_refused(world: World) -> None:
    resource = services.resource_create(actor=world.curator, entry=ENTRY)
    with pytest.raises(MissingVersionError):
        services.resource_update(actor=world.curator, resource=resource, entry=ENTRY, expected_version=None)


def test_bad_input_on_a_change_leaves_it_as_it_was(world: World, framework_sub_areas: list[SubArea]) -> None:
    first, _second = framework_sub_areas
    resource = services.resource_create(actor=world.curator, entry=replace(ENTRY, teaches=(Taught(first.pk, 1),)))
    with pytest.raises(Rejected):
        services.resource_update(
            actor=world.curator,
            resource=resource,
            entry=replace(ENTRY, teaches=(), url="not an address"),
            expected_version=1,
        )
    assert Teaches.objects.filter(resource=resource).count() == 1
    assert Resource.objects.get().edit_version == 1


def test_publish_and_retire_keep_the_resource(world: World) -> None:
    resource = services.resource_create(actor=world.curator, entry=ENTRY)
    published = services.resource_set_status(
        actor=world.curator, resource=resource, status="published", expected_version=1
    )
    retired = services.resource_set_status(
        actor=world.curator, resource=published, status="retired", expected_version=2
    )
    assert retired.status == "retired"
    assert list(
        AuditEvent.objects.filter(action="learning.resource_status_changed")
        .order_by("pk")
        .values_list("changes", flat=True)
    ) == [
        {"status": ["draft", "published"]},
        {"status": ["published", "retired"]},
    ]
    with pytest.raises(StaleEdit):
        services.resource_set_status(actor=world.curator, resource=resource, status="draft", expected_version=1)


# Topics ------------------------------------------------------------------------------------------


def test_a_topic_is_added_once_per_address(world: World) -> None:
    topic = topic_services.topic_create(
        actor=world.curator, entry=TopicInput("Lean thinking", "Less waste.", "lean-thinking")
    )
    assert (topic.slug, topic.name) == ("lean-thinking", "Lean thinking")
    for slug in ("lean-thinking", "Lean Thinking", "new", "", "a--b", "x" * 81):
        with pytest.raises(Rejected) as refused:
            topic_services.topic_create(actor=world.curator, entry=TopicInput("Another", "", slug))
        assert fields_of(refused) == {"slug"}
    assert Topic.objects.count() == 1


def test_a_stale_topic_change_is_refused(world: World) -> None:
    topic = TopicFactory.create(name="Lean")
    topic_services.topic_update(actor=world.curator, topic=topic, entry=TopicInput("Lean thinking"), expected_version=1)
    with pytest.raises(StaleEdit) as refused:
        topic_services.topic_update(actor=world.curator, topic=topic, entry=TopicInput("Mine"), expected_version=1)
    assert [(c.label, c.yours, c.saved) for c in refused.value.changes] == [("Name", "Mine", "Lean thinking")]


def order(topic: Topic) -> list[str]:
    return [e.resource.title for e in TopicEntry.objects.filter(topic=topic).select_related("resource")]


def test_a_topic_lists_curated_resources_first_then_by_title(world: World) -> None:
    topic = TopicFactory.create()
    for title, position in (("Zebra", None), ("Apple", None), ("Curated second", 2), ("Curated first", 1)):
        in_topic(topic, ResourceFactory.create(title=title), position)
    assert order(topic) == ["Curated first", "Curated second", "Apple", "Zebra"]


def test_curators_add_move_and_remove_resources_in_a_topic(world: World) -> None:
    topic = TopicFactory.create()
    apple, pear, plum = (ResourceFactory.create(title=t) for t in ("Apple", "Pear", "Plum"))
    in_topic(topic, pear)
    in_topic(topic, apple)
    change: dict[str, Any] = {"actor": world.curator, "topic": topic}
    topic_services.topic_add_resource(**change, resource_id=plum.pk, expected_version=1)
    assert order(topic) == ["Apple", "Pear", "Plum"]
    topic_services.topic_move_resource(**change, resource_id=plum.pk, step=-1, expected_version=2)
    assert order(topic) == ["Apple", "Plum", "Pear"]
    topic_services.topic_move_resource(**change, resource_id=apple.pk, step=-1, expected_version=3)  # already first
    assert order(topic) == ["Apple", "Plum", "Pear"]
    topic_services.topic_remove_resource(**change, resource_id=apple.pk, expected_version=4)
    assert order(topic) == ["Plum", "Pear"]
    with pytest.raises(StaleEdit):
        topic_services.topic_move_resource(**change, resource_id=pear.pk, step=-1, expected_version=4)
    with pytest.raises(Rejected):
        topic_services.topic_add_resource(**change, resource_id=pear.pk, expected_version=5)
    with pytest.raises(Rejected):
        topic_services.topic_add_resource(**change, resource_id=999_999, expected_version=5)
    assert order(topic) == ["Plum", "Pear"]
    assert Topic.objects.get().edit_version == 5
    assert AuditEvent.objects.filter(object_type="learning.topic").count() == 4
