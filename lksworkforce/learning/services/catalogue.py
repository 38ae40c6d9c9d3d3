"""Writes to the catalogue's resources: create, change (from the version the curator saw) and
publish or retire. Every check is made here, once, for the pages, the API and the importers;
a refusal (`Rejected`) lists every problem and changes nothing, and every change is audited.
Topics and their curated order are in services/catalogue_topics.py."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from lksworkforce.core.audit import audit_record, field_changes
from lksworkforce.core.concurrency import StaleEdit, claim_version, differences, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.learning import catalogue_rules as rules
from lksworkforce.learning.models import Resource, Teaches, TopicEntry
from lksworkforce.learning.selectors import catalogue as selectors
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus

NOT_ADDED = "The resource was not added"
NOT_SAVED = "The resource was not saved"


@dataclass(frozen=True)
class Taught:
    """A sub-area the resource teaches, and to what level (None: the curator does not know)."""

    sub_area_id: int
    level: int | None = None


@dataclass(frozen=True)
class ResourceInput:
    """Everything a curator says about a resource, as the form or API body gave it."""

    title: str
    url: str
    kind: str
    added_on: date
    description: str = ""
    provider: str = ""
    format: str = ""
    length_minutes: int | None = None
    cost: str = Cost.FREE.value
    cost_note: str = ""
    band_from: str = ""
    band_to: str = ""
    roles: tuple[str, ...] = ()
    licence: str = ""
    review_due_on: date | None = None
    status: str = ResourceStatus.DRAFT.value
    teaches: tuple[Taught, ...] = ()
    topic_ids: tuple[int, ...] = field(default=())

    def tidied(self) -> "ResourceInput":
        """Surrounding spaces removed, as a person would expect."""
        return replace(
            self,
            title=self.title.strip(),
            url=self.url.strip(),
            description=self.description.replace("\r\n", "\n").strip(),  # as a browser sends a textarea
            provider=self.provider.strip(),
            format=self.format.strip(),
            cost_note=self.cost_note.strip(),
            licence=self.licence.strip(),
            roles=tuple(dict.fromkeys(r.strip() for r in self.roles if r.strip())),
        )


# field name -> (limit, label, required, multiline)
TEXT_FIELDS: dict[str, tuple[int, str, bool, bool]] = {
    "title": (rules.TITLE_LIMIT, "The title", True, False),
    "description": (rules.DESCRIPTION_LIMIT, "The description", False, True),
    "provider": (rules.PROVIDER_LIMIT, "The provider", False, False),
    "format": (rules.FORMAT_LIMIT, "The format", False, False),
    "cost_note": (rules.COST_NOTE_LIMIT, "The note on cost", False, False),
    "licence": (rules.LICENCE_LIMIT, "The licence", False, False),
}


def resource_problems(entry: ResourceInput, *, other_than: int | None = None) -> list[Problem]:
    """Every problem with a resource as sent (already tidied)."""
    found: list[Problem] = []

    def problem(name: str, reason: str, value: object = None) -> None:
        found.append(Problem(field=name, reason=reason, value=None if value is None else str(value)))

    for name, (limit, what, required, multiline) in TEXT_FIELDS.items():
        text = getattr(entry, name)
        if (
            reason := rules.text_problem(text, limit=limit, what=what, required=required, multiline=multiline)
        ) is not None:
            problem(name, reason)
    if (reason := rules.url_problem(entry.url)) is not None:
        problem("url", reason, entry.url)
    elif (duplicate := selectors.resource_with_url(entry.url, other_than=other_than)) is not None:
        problem(
            "url",
            f"This web address is already in the catalogue as resource {duplicate.pk}, "
            f"“{duplicate.title}”: change that resource instead",
            entry.url,
        )
    if entry.kind not in set(ResourceKind):
        problem("kind", "Choose the kind of resource from the list", entry.kind)
    if entry.cost not in set(Cost):
        problem("cost", "Choose free or paid", entry.cost)
    if entry.status not in set(ResourceStatus):
        problem("status", "Choose draft, published or retired", entry.status)
    if entry.length_minutes is not None and not 1 <= entry.length_minutes <= rules.LONGEST_MINUTES:
        problem("length_minutes", f"Enter a length from 1 to {rules.LONGEST_MINUTES:,} minutes, or leave it blank")
    if (bands := rules.band_problem(entry.band_from, entry.band_to)) is not None:
        problem(bands[0], bands[1])
    if (reason := rules.review_problem(entry.added_on, entry.review_due_on)) is not None:
        problem("review_due_on", reason)
    found.extend(_role_problems(entry.roles))
    found.extend(_teaching_problems(entry.teaches))
    if missing := set(entry.topic_ids) - set(selectors.topics_by_id(entry.topic_ids)):
        problem("topics", "No such topic: " + ", ".join(str(t) for t in sorted(missing)))
    return found


def _role_problems(roles: tuple[str, ...]) -> list[Problem]:
    if len(roles) > rules.ROLES_LIMIT:
        return [Problem(field="roles", reason=f"Choose at most {rules.ROLES_LIMIT} roles")]
    return [
        Problem(field="roles", value=role, reason=reason)
        for role in roles
        if (reason := rules.text_problem(role, limit=rules.ROLE_KEY_LIMIT, what="A role")) is not None
    ]


def _teaching_problems(teaches: tuple[Taught, ...]) -> list[Problem]:
    found = []
    ids = [t.sub_area_id for t in teaches]
    known = selectors.sub_areas_by_id(ids)
    if len(set(ids)) != len(ids):
        found.append(Problem(field="sub_areas", reason="Name each sub-area once"))
    for taught in teaches:
        if taught.sub_area_id not in known:
            found.append(Problem(field="sub_areas", value=str(taught.sub_area_id), reason="No such sub-area"))
        elif taught.level is not None and not 0 <= taught.level <= rules.HIGHEST_LEVEL:
            number = known[taught.sub_area_id].number
            found.append(
                Problem(field="sub_areas", value=str(taught.level), reason=f"Level for {number} is not on the scale")
            )
    return found


# What a refused stale save shows ---------------------------------------------------------------

LABELS = {
    "title": "Title",
    "description": "Description",
    "kind": "Kind",
    "provider": "Provider",
    "url": "Web address",
    "format": "Format",
    "length_minutes": "Length",
    "cost": "Cost",
    "bands": "Bands it suits",
    "roles": "Roles it suits",
    "teaches": "Sub-areas it teaches",
    "topics": "Topics",
    "licence": "Licence",
    "added_on": "Date added",
    "review_due_on": "Review due",
    "status": "Status",
}


def _teaching_text(pairs: list[tuple[int, int | None]]) -> list[str]:
    names = selectors.sub_areas_by_id(p[0] for p in pairs)
    shown = []
    for sub_area_id, level in pairs:
        sub = names.get(sub_area_id)
        said = f"{sub.number} {sub.name}" if sub else f"sub-area {sub_area_id}"
        shown.append(said if level is None else f"{said} (level {level})")
    return sorted(shown)


def shown_values(entry: ResourceInput) -> dict[str, Any]:
    """A resource's values as a person reads them, for the table of differences."""
    topics = selectors.topics_by_id(entry.topic_ids)
    return {
        "title": entry.title,
        "description": entry.description,
        "kind": ResourceKind(entry.kind).label if entry.kind in set(ResourceKind) else entry.kind,
        "provider": entry.provider,
        "url": entry.url,
        "format": entry.format,
        "length_minutes": rules.format_length(entry.length_minutes),
        "cost": rules.format_cost(entry.cost, entry.cost_note),
        "bands": rules.format_bands(entry.band_from, entry.band_to),
        "roles": list(entry.roles),
        "teaches": _teaching_text([(t.sub_area_id, t.level) for t in entry.teaches]),
        "topics": sorted(t.name for t in topics.values()),
        "licence": entry.licence,
        "added_on": entry.added_on.isoformat(),
        "review_due_on": entry.review_due_on.isoformat() if entry.review_due_on else "",
        "status": ResourceStatus(entry.status).label if entry.status in set(ResourceStatus) else entry.status,
    }


def as_input(resource: Resource) -> ResourceInput:
    """A saved resource as the input that would save it unchanged (for forms and differences)."""
    return ResourceInput(
        title=resource.title,
        url=resource.url,
        kind=resource.kind,
        added_on=resource.added_on,
        description=resource.description,
        provider=resource.provider,
        format=resource.format,
        length_minutes=resource.length_minutes,
        cost=resource.cost,
        cost_note=resource.cost_note,
        band_from=resource.band_from,
        band_to=resource.band_to,
        roles=tuple(resource.roles),
        licence=resource.licence,
        review_due_on=resource.review_due_on,
        status=resource.status,
        teaches=tuple(
            Taught(t.sub_area_id, t.level) for t in Teaches.objects.filter(resource=resource).order_by("sub_area_id")
        ),
        topic_ids=tuple(TopicEntry.objects.filter(resource=resource).values_list("topic_id", flat=True)),
    )


def stale_resource(resource_id: int, yours: ResourceInput | Mapping[str, Any]) -> StaleEdit:
    saved = shown_values(as_input(Resource.objects.get(pk=resource_id)))
    sent = shown_values(yours) if isinstance(yours, ResourceInput) else dict(yours)
    return StaleEdit("The resource", differences(LABELS, sent, saved))


# Writes ----------------------------------------------------------------------------------------


def _columns(entry: ResourceInput) -> dict[str, Any]:
    return {
        "title": entry.title,
        "description": entry.description,
        "kind": entry.kind,
        "provider": entry.provider,
        "url": entry.url,
        "format": entry.format,
        "length_minutes": entry.length_minutes,
        "cost": entry.cost,
        "cost_note": entry.cost_note,
        "band_from": entry.band_from,
        "band_to": entry.band_to,
        "roles": list(entry.roles),
        "licence": entry.licence,
        "added_on": entry.added_on,
        "review_due_on": entry.review_due_on,
        "status": entry.status,
    }


def _audit_changes(before: ResourceInput | None, after: ResourceInput) -> dict[str, Any]:
    old = shown_values(before) if before is not None else {}
    return field_changes(old, shown_values(after))


def _save_links(resource: Resource, entry: ResourceInput) -> None:
    """What it teaches (replaced), and its topics (kept where they were, so curated positions stay)."""
    Teaches.objects.filter(resource=resource).delete()
    Teaches.objects.bulk_create(
        Teaches(resource=resource, sub_area_id=t.sub_area_id, level=t.level) for t in entry.teaches
    )
    TopicEntry.objects.filter(resource=resource).exclude(topic_id__in=entry.topic_ids).delete()
    kept = set(TopicEntry.objects.filter(resource=resource).values_list("topic_id", flat=True))
    TopicEntry.objects.bulk_create(TopicEntry(resource=resource, topic_id=t) for t in entry.topic_ids if t not in kept)


def resource_create(*, actor: Caller, entry: ResourceInput) -> Resource:
    entry = entry.tidied()
    if problems := resource_problems(entry):
        raise Rejected(problems, subject=NOT_ADDED)
    with transaction.atomic():
        resource = Resource.objects.create(**_columns(entry))
        _save_links(resource, entry)
        audit_record(
            actor=actor,
            action="learning.resource_added",
            obj=resource,
            summary=f"Resource added: {resource.title}",
            changes=_audit_changes(None, entry),
        )
    return resource


def resource_update(
    *, actor: Caller, resource: Resource, entry: ResourceInput, expected_version: int | None
) -> Resource:
    """Change a resource from the version the curator saw: refused (StaleEdit) if it changed since."""
    version = expected(expected_version)
    entry = entry.tidied()
    if problems := resource_problems(entry, other_than=resource.pk):
        raise Rejected(problems, subject=NOT_SAVED)
    with transaction.atomic():
        before = as_input(resource)
        if not claim_version(
            Resource.objects, pk=resource.pk, version=version, updated_at=timezone.now(), **_columns(entry)
        ):
            raise stale_resource(resource.pk, entry)
        _save_links(resource, entry)
        audit_record(
            actor=actor,
            action="learning.resource_changed",
            obj=resource,
            summary=f"Resource changed: {entry.title}",
            changes=_audit_changes(before, entry),
        )
    return Resource.objects.get(pk=resource.pk)


def resource_set_status(*, actor: Caller, resource: Resource, status: str, expected_version: int | None) -> Resource:
    """Publish, retire or return to draft. A retired resource stays, for history."""
    version = expected(expected_version)
    if status not in set(ResourceStatus):
        raise Rejected(
            [Problem(field="status", value=status, reason="Choose draft, published or retired")], subject=NOT_SAVED
        )
    with transaction.atomic():
        if not claim_version(
            Resource.objects, pk=resource.pk, version=version, status=status, updated_at=timezone.now()
        ):
            raise stale_resource(resource.pk, {"status": ResourceStatus(status).label})
        audit_record(
            actor=actor,
            action="learning.resource_status_changed",
            obj=resource,
            summary=f"Resource {ResourceStatus(status).label.lower()}: {resource.title}",
            changes={"status": [resource.status, status]},
        )
    return Resource.objects.get(pk=resource.pk)
