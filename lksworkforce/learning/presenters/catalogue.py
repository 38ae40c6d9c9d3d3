"""How a resource and a topic read, on pages and in the API: the same facts, in the same words,
computed here once (the wording rules themselves are in catalogue_rules)."""

from typing import Any

from django.urls import reverse

from lksworkforce.core.formatting import format_date
from lksworkforce.learning import catalogue_rules as rules
from lksworkforce.learning.models import Resource, Topic, TopicEntry
from lksworkforce.learning.selectors import catalogue as selectors
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus

RETIRED_NOTE = "Retired: kept for history"


def kind_label(resource: Resource) -> str:
    return ResourceKind(resource.kind).label if resource.kind in set(ResourceKind) else resource.kind


def status_label(resource: Resource) -> str:
    if resource.status == ResourceStatus.RETIRED:
        return RETIRED_NOTE
    return ResourceStatus(resource.status).label


def resource_href(resource: Resource) -> str:
    return reverse("learning:resource", args=[resource.pk])


def teaching(resource: Resource) -> list[dict[str, Any]]:
    """The sub-areas a resource teaches, in framework order (prefetched by selectors.with_details)."""
    return [
        {
            "id": t.sub_area_id,
            "number": t.sub_area.number,
            "name": t.sub_area.name,
            "level": t.level,
            "text": f"{t.sub_area.number} {t.sub_area.name}"
            + (f": to level {t.level}" if t.level is not None else ": level not stated"),
        }
        for t in resource.teaches.all()
    ]


def summary_line(resource: Resource) -> str:
    """ "E-learning, 45 minutes, Free": what a list says under a resource's title."""
    parts = [kind_label(resource), rules.format_length(resource.length_minutes), rules.format_cost(resource.cost, "")]
    return ", ".join(p for p in parts if p)


def resource_rows(resources: list[Resource]) -> list[dict[str, str]]:
    return [
        {"title": r.title, "href": resource_href(r), "summary": summary_line(r), "provider": r.provider}
        for r in resources
    ]


def resource_facts(resource: Resource, *, curator: bool) -> list[dict[str, Any]]:
    """The NHS summary list of a resource page: every fact a person needs to choose it."""
    topics = list(resource.topics.all())
    teaches = teaching(resource)
    facts: list[tuple[str, Any]] = [
        ("Kind", kind_label(resource)),
        ("Provider", resource.provider or "Not stated"),
        ("Format", resource.format or "Not stated"),
        ("Length", rules.format_length(resource.length_minutes) or "Not stated"),
        ("Cost", rules.format_cost(resource.cost, resource.cost_note)),
        ("Bands it suits", rules.format_bands(resource.band_from, resource.band_to)),
        ("Roles it suits", ", ".join(selectors.role_names(resource.roles)) or "Any role"),
        ("Sub-areas it teaches", [t["text"] for t in teaches] or "None recorded"),
        ("Topics", [{"text": t.name, "href": reverse("learning:topic", args=[t.slug])} for t in topics] or "None"),
        ("Licence", resource.licence or "Not stated"),
        ("Date added", format_date(resource.added_on)),
    ]
    if curator:
        facts.append(("Review due", format_date(resource.review_due_on) or "No review date"))
    facts.append(("Status", status_label(resource)))
    return [{"key": key, "value": value} for key, value in facts]


def review_overdue(resource: Resource, today: Any) -> bool:
    return resource.review_due_on is not None and resource.review_due_on < today


# The API ---------------------------------------------------------------------------------------


def api_resource(resource: Resource) -> dict[str, Any]:
    """A resource as ResourceOut sends it (numbers as numbers, dates ISO)."""
    return {
        "id": resource.pk,
        "title": resource.title,
        "description": resource.description,
        "kind": resource.kind,
        "provider": resource.provider,
        "url": resource.url,
        "format": resource.format,
        "length_minutes": resource.length_minutes,
        "length": rules.format_length(resource.length_minutes),
        "cost": resource.cost,
        "cost_note": resource.cost_note,
        "band_from": resource.band_from or None,
        "band_to": resource.band_to or None,
        "bands": rules.format_bands(resource.band_from, resource.band_to),
        "roles": list(resource.roles),
        "sub_areas": [{k: t[k] for k in ("id", "number", "name", "level")} for t in teaching(resource)],
        "topics": [t.slug for t in resource.topics.all()],
        "licence": resource.licence,
        "added_on": resource.added_on,
        "review_due_on": resource.review_due_on,
        "status": resource.status,
        "edit_version": resource.edit_version,
        "page": resource_href(resource),
    }


def api_topic(topic: Topic, entries: list[TopicEntry] | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "slug": topic.slug,
        "name": topic.name,
        "introduction": topic.introduction,
        "edit_version": topic.edit_version,
        "page": reverse("learning:topic", args=[topic.slug]),
    }
    if entries is not None:
        found["resources"] = [
            {"id": e.resource_id, "title": e.resource.title, "position": n} for n, e in enumerate(entries, 1)
        ]
    return found
