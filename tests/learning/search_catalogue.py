"""A small hand-made catalogue for the search tests (run on SQLite and on PostgreSQL alike)."""

from dataclasses import dataclass
from datetime import date

from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus
from lksworkforce.skills.models import SubArea
from tests.skills.factories import SubAreaFactory


def make_resource(
    title: str,
    *,
    description: str = "",
    provider: str = "",
    kind: ResourceKind = ResourceKind.E_LEARNING,
    cost: Cost = Cost.FREE,
    length_minutes: int | None = None,
    band_from: str = "",
    band_to: str = "",
    status: ResourceStatus = ResourceStatus.PUBLISHED,
) -> Resource:
    return Resource.objects.create(
        title=title,
        description=description,
        provider=provider,
        kind=kind,
        cost=cost,
        length_minutes=length_minutes,
        band_from=band_from,
        band_to=band_to,
        url="https://learning.example.invalid/" + title.lower().replace(" ", "-"),
        added_on=date(2026, 1, 5),
        status=status,
    )


@dataclass
class Catalogue:
    searching: Resource
    appraisal: Resource
    mentions_searching: Resource
    lean: Resource
    costing: Resource
    draft: Resource
    topic: Topic
    critical_appraisal: SubArea


def catalogue() -> Catalogue:
    searching = make_resource(
        "Literature searching",
        description="Plan and run a search of the databases, and write up the strategy.",
        provider="Health Education England",
        kind=ResourceKind.E_LEARNING,
        length_minutes=45,
        band_from="2",
        band_to="4",
    )
    appraisal = make_resource(
        "Critical appraisal of research papers",
        description="Judge how far a study's findings can be trusted.",
        provider="Oxford Centre",
        kind=ResourceKind.WEBINAR,
        cost=Cost.PAID,
        length_minutes=90,
        band_from="5",
    )
    mentions_searching = make_resource(
        "Supporting clinical teams",
        description="Includes literature searching for ward rounds and journal clubs.",
        provider="Library network",
        kind=ResourceKind.READING,
        length_minutes=20,
    )
    lean = make_resource(
        "Lean thinking in the library", description="Map a process and remove waste.", kind=ResourceKind.TOOLKIT
    )
    costing = make_resource(
        "Costing and pricing a service", description="Work out what a literature search costs.", cost=Cost.PAID
    )
    draft = make_resource("Literature searching, advanced (draft)", status=ResourceStatus.DRAFT)
    topic = Topic.objects.create(slug="literature-searching", name="Literature searching")
    TopicEntry.objects.create(topic=topic, resource=searching, position=1)
    TopicEntry.objects.create(topic=topic, resource=costing, position=2)
    critical = SubAreaFactory.create(number="3.8", name="Critical appraisal")
    Teaches.objects.create(resource=appraisal, sub_area=critical, level=3)
    return Catalogue(searching, appraisal, mentions_searching, lean, costing, draft, topic, critical)
