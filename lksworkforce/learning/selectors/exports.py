"""Reads for the catalogue's exchange: the current skills framework (through the app registry, never
the skills app's modules), the catalogue as file rows, and the newest resources for the feeds. A
fixed number of queries whatever the size of the catalogue."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Max

from lksworkforce.core.capability import framework_sub_areas
from lksworkforce.learning.catalogue_file import RESOURCE_FIELDS, Known, ResourceSpec
from lksworkforce.learning.jsonld import Term, catalogue_document, learning_resource
from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus

ID_CHUNK = 5_000  # ids per IN (...) list: well within every database's parameter limit
FEED_LENGTH = 50


@dataclass(frozen=True)
class CurrentFramework:
    key: str
    name: str
    sub_area_ids: dict[str, int]  # number -> id
    sub_area_names: dict[str, str]  # number -> name
    top_level: int
    role_keys: frozenset[str]


def current_framework() -> CurrentFramework | None:
    """The skills framework offered for new self-assessments, or None when there is none."""
    framework_model = apps.get_model("skills", "Framework")
    framework = framework_model.objects.filter(is_current=True).values("id", "key", "name").first()
    if framework is None:
        return None
    sub_area_ids = dict(framework_sub_areas(framework["key"]) or {})
    names = dict(
        apps.get_model("skills", "SubArea").objects.filter(framework_id=framework["id"]).values_list("number", "name")
    )
    top = (
        apps.get_model("skills", "ScaleLevel").objects.filter(framework_id=framework["id"]).aggregate(top=Max("value"))
    )
    roles = (
        apps.get_model("skills", "RoleProfile")
        .objects.filter(framework_id=framework["id"])
        .values_list("key", flat=True)
    )
    return CurrentFramework(
        key=framework["key"],
        name=framework["name"],
        sub_area_ids=sub_area_ids,
        sub_area_names=names,
        top_level=top["top"] or 4,
        role_keys=frozenset(roles),
    )


def known_for(ids: Iterable[int], framework: CurrentFramework | None, today: date) -> Known:
    """What an import's rows are checked against: the named resources' versions, the framework, the topics."""
    versions: dict[int, int] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[start : start + ID_CHUNK]
        versions.update(Resource.objects.filter(pk__in=chunk).values_list("pk", "edit_version"))
    return Known(
        resource_versions=versions,
        sub_area_numbers=frozenset(framework.sub_area_ids) if framework else None,
        top_level=framework.top_level if framework else 4,
        role_keys=framework.role_keys if framework else None,
        topic_slugs=frozenset(Topic.objects.values_list("slug", flat=True)),
        today=today,
    )


def catalogue_specs(*, every_status: bool, ids: Sequence[int] | None = None) -> list[ResourceSpec]:
    """The catalogue (published only, unless `every_status`), by id, as the file's rows read."""
    resources = Resource.objects.order_by("pk")
    if not every_status:
        resources = resources.filter(status=ResourceStatus.PUBLISHED)
    chunks = (
        [resources]
        if ids is None
        else [resources.filter(pk__in=ids[s : s + ID_CHUNK]) for s in range(0, len(ids), ID_CHUNK)]
    )
    teaches: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    topics: dict[int, list[str]] = defaultdict(list)
    specs = []
    for chunk in chunks:
        rows = list(chunk.values(*SPEC_FIELDS))
        chosen = [row["id"] for row in rows]
        taught = Teaches.objects.order_by("resource_id", "sub_area__position")
        entries = TopicEntry.objects.order_by("resource_id", "topic__slug")
        if ids is not None:
            taught, entries = taught.filter(resource_id__in=chosen), entries.filter(resource_id__in=chosen)
        elif not every_status:
            taught = taught.filter(resource__status=ResourceStatus.PUBLISHED)
            entries = entries.filter(resource__status=ResourceStatus.PUBLISHED)
        for resource_id, number, level in taught.values_list("resource_id", "sub_area__number", "level"):
            teaches[resource_id].append((number, level))
        for resource_id, slug in entries.values_list("resource_id", "topic__slug"):
            topics[resource_id].append(slug)
        specs += [_spec(row, teaches[row["id"]], topics[row["id"]]) for row in rows]
    return specs


SPEC_FIELDS = ("id", *RESOURCE_FIELDS, "edit_version")


def _spec(row: Mapping[str, Any], teaches: list[tuple[str, int | None]], topics: list[str]) -> ResourceSpec:
    values = dict(row)
    values.update(
        row=0,
        roles=tuple(values["roles"] or ()),
        kind=ResourceKind(values["kind"]),
        cost=Cost(values["cost"]),
        status=ResourceStatus(values["status"]),
        teaches=tuple(teaches),
        topics=tuple(topics),
    )
    return ResourceSpec(**values)


@dataclass(frozen=True)
class FeedItem:
    id: int
    title: str
    description: str
    provider: str
    url: str
    added_on: date
    updated_at: datetime


@dataclass(frozen=True)
class TopicName:
    slug: str
    name: str


def topic_named(slug: str) -> TopicName | None:
    found = Topic.objects.filter(slug=slug).values("slug", "name").first()
    return None if found is None else TopicName(**found)


def newest_published(topic_slug: str | None = None, limit: int = FEED_LENGTH) -> list[FeedItem]:
    """The newest published resources (of a topic), newest first: what the feeds list."""
    resources = Resource.objects.published().order_by("-added_on", "-pk")
    if topic_slug is not None:
        resources = resources.filter(topic_entries__topic__slug=topic_slug)
    fields = ("id", "title", "description", "provider", "url", "added_on", "updated_at")
    return [FeedItem(**row) for row in resources.values(*fields)[:limit]]


def taught_terms(*, every_status: bool) -> dict[int, list[Term]]:
    """The sub-areas each resource teaches, named as their framework names them, in framework order."""
    taught = Teaches.objects.order_by("resource_id", "sub_area__position")
    if not every_status:
        taught = taught.filter(resource__status=ResourceStatus.PUBLISHED)
    terms: dict[int, list[Term]] = defaultdict(list)
    fields = ("resource_id", "sub_area__number", "sub_area__name", "sub_area__framework__name", "level")
    for resource_id, number, name, framework, level in taught.values_list(*fields):
        terms[resource_id].append(Term(number=number, name=name, framework=framework, level=level))
    return terms


def topic_names() -> dict[str, str]:
    return dict(Topic.objects.values_list("slug", "name"))


def linked_data(*, every_status: bool, url: str, page_of: Callable[[int], str]) -> dict[str, Any]:
    """The catalogue as schema.org JSON-LD: what the page and `lksw export_catalogue --format jsonld` give."""
    terms, names = taught_terms(every_status=every_status), topic_names()
    items = [
        learning_resource(spec, page=page_of(spec.id or 0), terms=terms.get(spec.id or 0, []), topic_names=names)
        for spec in catalogue_specs(every_status=every_status)
    ]
    return catalogue_document(items, name="LKS learning catalogue", url=url)
