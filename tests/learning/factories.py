"""factory_boy factories for the learning catalogue, shared by every learning part's tests.

`ResourceFactory` makes a published resource (pass `status=` for a draft or a retired one),
`TopicFactory` a topic; `teaches(resource, sub_area, level)` records what a resource teaches and
`in_topic(topic, resource, position)` puts a resource in a topic. They write rows directly,
without the services' checks or audit: for the data a test needs, not for testing the writes."""

from datetime import date
from typing import Any

from factory.declarations import Sequence
from factory.django import DjangoModelFactory

from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus


class ResourceFactory(DjangoModelFactory[Resource]):
    class Meta:
        model = Resource

    title = Sequence(lambda n: f"Test resource {n}")
    description = "A resource made for a test."
    kind = ResourceKind.E_LEARNING.value
    provider = "Test Provider"
    url = Sequence(lambda n: f"https://learning.example.org/resources/{n}")
    format = "Online, self-paced"
    length_minutes = 45
    cost = Cost.FREE.value
    added_on = date(2026, 1, 5)
    status = ResourceStatus.PUBLISHED.value


class TopicFactory(DjangoModelFactory[Topic]):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = Sequence(lambda n: f"test-topic-{n}")
    name = Sequence(lambda n: f"Test topic {n}")
    introduction = "A topic made for a test."


def teaches(resource: Resource, sub_area: Any, level: int | None = None) -> Teaches:
    """Record that `resource` teaches `sub_area` (a skills.SubArea) to `level` (None: not known)."""
    return Teaches.objects.create(resource=resource, sub_area=sub_area, level=level)


def in_topic(topic: Topic, resource: Resource, position: int | None = None) -> TopicEntry:
    """Put `resource` in `topic`; `position` None puts it after the curated ones, by title."""
    return TopicEntry.objects.create(topic=topic, resource=resource, position=position)
