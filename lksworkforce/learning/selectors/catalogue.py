"""Reads of the catalogue: resources as each viewer may see them, topics in curated order, and
the skills framework's sub-areas, levels and roles a curator chooses from.

The learning app imports nothing of skills: the framework's rows are reached by model name
(`apps.get_model`) here and only here, for the choices on the curators' forms."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet
from rules import has_perm

from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.learning.catalogue_rules import same_url_forms
from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.vocabulary import ResourceStatus

NEWEST_SHOWN = 10


@dataclass(frozen=True)
class SubAreaChoice:
    id: int
    number: str
    name: str
    area: str  # "3. Information skills": the heading it is chosen under

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}"


def may_curate(viewer: AnyViewer) -> bool:
    return bool(viewer.is_authenticated and has_perm("learning.curate", viewer))


def visible_resources(viewer: AnyViewer) -> QuerySet[Resource]:
    """Published and retired resources for everyone signed in; drafts too for curators."""
    resources = Resource.objects.all()
    return resources if may_curate(viewer) else resources.exclude(status=ResourceStatus.DRAFT)


def with_details(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """Resources with what their pages and API show, in a fixed number of queries."""
    return resources.prefetch_related(
        Prefetch("teaches", queryset=Teaches.objects.select_related("sub_area").order_by("sub_area__position")),
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
    )


def resource_for(viewer: AnyViewer, resource_id: int) -> Resource | None:
    return with_details(visible_resources(viewer)).filter(pk=resource_id).first()


def resource_to_edit(resource_id: int) -> Resource | None:
    return with_details(Resource.objects.all()).filter(pk=resource_id).first()


def newest_published(limit: int = NEWEST_SHOWN) -> list[Resource]:
    return list(Resource.objects.published().order_by("-added_on", "-id")[:limit])


def newest_drafts(limit: int = NEWEST_SHOWN) -> list[Resource]:
    return list(Resource.objects.filter(status=ResourceStatus.DRAFT).order_by("-updated_at", "-id")[:limit])


def draft_count() -> int:
    return Resource.objects.filter(status=ResourceStatus.DRAFT).count()


def resources_listed(viewer: AnyViewer, status: str | None) -> QuerySet[Resource]:
    """The API's list: published unless a status is asked for ("all": every one the viewer may see)."""
    resources = visible_resources(viewer)
    if status != "all":
        resources = resources.filter(status=status or ResourceStatus.PUBLISHED)
    return with_details(resources.order_by("-added_on", "-id"))


def resource_with_url(url: str, *, other_than: int | None = None) -> Resource | None:
    """A resource already at this web address (any spelling of it), for refusing duplicates."""
    found = Resource.objects.filter(url__in=same_url_forms(url))
    if other_than is not None:
        found = found.exclude(pk=other_than)
    return found.order_by("id").first()


# Topics ----------------------------------------------------------------------------------------


def topics() -> list[Topic]:
    """Every topic, with how many published resources it has (`published_count`)."""
    return list(
        Topic.objects.annotate(
            published_count=Count("entries", filter=Q(entries__resource__status=ResourceStatus.PUBLISHED))
        ).order_by("name")
    )


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def topic_entries(topic: Topic, *, published_only: bool = True) -> list[TopicEntry]:
    """A topic's resources, curated order first, then by title (the model's ordering)."""
    entries = TopicEntry.objects.filter(topic=topic).select_related("resource")
    if published_only:
        entries = entries.filter(resource__status=ResourceStatus.PUBLISHED)
    return list(entries)


def topics_by_id(ids: Iterable[int]) -> dict[int, Topic]:
    return {t.pk: t for t in Topic.objects.filter(pk__in=list(ids))}


def topic_choices() -> list[tuple[int, str]]:
    return list(Topic.objects.order_by("name").values_list("pk", "name"))


def topic_ids_by_slug(slugs: Iterable[str]) -> list[tuple[str, int]]:
    return list(Topic.objects.filter(slug__in=list(slugs)).values_list("slug", "pk"))


# The skills framework, by model name ----------------------------------------------------------


def _model(name: str) -> Any:
    return apps.get_model("skills", name)


def _current_framework_id() -> int | None:
    framework = _model("Framework").objects.order_by("-is_current", "-loaded_at").values_list("pk", flat=True)
    return framework.first()  # type: ignore[no-any-return]


def sub_area_choices(also: Iterable[int] = ()) -> list[SubAreaChoice]:
    """The current framework's sub-areas in framework order, and any other sub-areas named in
    `also` (those a resource already teaches from an earlier framework), so a save keeps them."""
    framework_id = _current_framework_id()
    rows = (
        _model("SubArea")
        .objects.filter(Q(framework_id=framework_id) | Q(pk__in=list(also)))
        .select_related("area")
        .order_by("framework_id", "position")
    )
    return [SubAreaChoice(s.pk, s.number, s.name, f"{s.area.number}. {s.area.name}") for s in rows]


def sub_areas_by_id(ids: Iterable[int]) -> dict[int, Any]:
    return {s.pk: s for s in _model("SubArea").objects.filter(pk__in=list(ids))}


def level_choices() -> list[tuple[int, str]]:
    """The current framework's scale (value, label); 1 to 4 when no framework is loaded."""
    levels = list(
        _model("ScaleLevel").objects.filter(framework_id=_current_framework_id()).values_list("value", "label")
    )
    return levels or [(n, f"Level {n}") for n in range(1, 5)]


def role_choices() -> list[tuple[str, str]]:
    """The current framework's role profiles (key, name)."""
    return list(
        _model("RoleProfile")
        .objects.filter(framework_id=_current_framework_id())
        .order_by("name")
        .values_list("key", "name")
    )


def role_names(keys: Iterable[str]) -> list[str]:
    """Role profile names for keys, in the order given; a key no framework knows shows as itself."""
    wanted = list(keys)
    names = dict(_model("RoleProfile").objects.filter(key__in=wanted).values_list("key", "name"))
    return [names.get(key, key) for key in wanted]
