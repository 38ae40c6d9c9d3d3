"""The catalogue import (docs/formats/learning-catalogue.md): every row checked, then all of it
written in one transaction, or nothing. Rows with an id update that resource (unchanged rows are
left alone, so an export re-imports as no change); rows without one add a resource.

Bulk writes throughout: a fixed number of queries per 2,000 rows, whatever the file's size. One
audit event per resource added or changed, and one for the import."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from lksworkforce.core.audit import audit_record
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.tabular import noting, read_table
from lksworkforce.core.viewers import Caller, caller_id
from lksworkforce.learning import search_index
from lksworkforce.learning.catalogue_file import (
    CATALOGUE_SPEC,
    RESOURCE_FIELDS,
    ResourceSpec,
    is_whole_number,
    parse_rows,
)
from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.selectors.exports import (
    ID_CHUNK,
    CurrentFramework,
    catalogue_specs,
    current_framework,
    known_for,
)

BATCH = 2_000
CHANGED_ELSEWHERE = (
    "The resource was changed by someone else while the file was imported. Export the catalogue again "
    "and make your change there"
)


@dataclass
class CatalogueImportOutcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"{self.rows:,} rows: {self.created:,} resources added, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged."
        )


def import_catalogue(
    *, data: bytes, filename: str, actor: Caller | None, today: date | None = None
) -> CatalogueImportOutcome:
    table = read_table(data, filename=filename, spec=CATALOGUE_SPEC)
    framework = current_framework()
    named_ids = [int(r.values["id"]) for r in table.rows if is_whole_number(r.values["id"])]
    known = known_for(named_ids, framework, today or timezone.localdate())
    with noting(table):
        specs = parse_rows(table.rows, known)
    outcome = CatalogueImportOutcome(rows=len(specs), notes=list(table.notes))
    with transaction.atomic(), search_index.reindexed_together():
        added = [spec for spec in specs if spec.id is None]
        changed = _changed(specs, known.resource_versions)
        outcome.created, outcome.updated = len(added), len(changed)
        outcome.unchanged = len(specs) - len(added) - len(changed)
        created = Resource.objects.bulk_create([_resource(spec) for spec in added], batch_size=BATCH)
        Resource.objects.bulk_update(
            [_resource(spec, version=known.resource_versions[spec.id] + 1) for spec in changed if spec.id],
            [*RESOURCE_FIELDS, "edit_version", "updated_at"],
            batch_size=BATCH,
        )
        written = [*zip(created, added, strict=True), *((Resource(pk=s.id), s) for s in changed)]
        _write_teaches(written, framework, replace=[s.id for s in changed if s.id])
        _write_topics(written, changed)
        search_index.changed(resource.pk for resource, _spec in written)  # bulk writes send no signals
        _audit(actor, created, added, changed)
        if written:
            audit_record(
                actor=actor,
                action="learning.catalogue_imported",
                obj=written[0][0],
                summary=f"Catalogue imported from {filename[:100]}: {outcome.summary}",
                changes={"created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged},
            )
    return outcome


def _changed(specs: list[ResourceSpec], versions: Mapping[int, int]) -> list[ResourceSpec]:
    """The updates that change something. The rows are locked and their versions read again, so a
    resource saved by someone else since the rows were checked refuses the file."""
    updates = {spec.id: spec for spec in specs if spec.id is not None}
    if not updates:
        return []
    ids = sorted(updates)
    locked: dict[int, int] = {}
    for start in range(0, len(ids), ID_CHUNK):
        rows = Resource.objects.select_for_update().filter(pk__in=ids[start : start + ID_CHUNK])
        locked.update(rows.values_list("pk", "edit_version"))
    saved = {spec.id: spec for spec in catalogue_specs(every_status=True, ids=ids)}
    stale = [spec for resource_id, spec in updates.items() if locked.get(resource_id) != versions.get(resource_id)]
    if stale:
        raise Rejected(
            [Problem(row=spec.row, column="id", value=str(spec.id), reason=CHANGED_ELSEWHERE) for spec in stale]
        )
    return [spec for resource_id, spec in updates.items() if not spec.same_content(saved[resource_id])]


def _resource(spec: ResourceSpec, *, version: int | None = None) -> Resource:
    values = {name: getattr(spec, name) for name in RESOURCE_FIELDS}
    values["roles"] = list(spec.roles)
    resource = Resource(pk=spec.id, **values)
    resource.updated_at = timezone.now()  # bulk_update does not run auto_now
    if version is not None:
        resource.edit_version = version
    return resource


def _write_teaches(
    written: list[tuple[Resource, ResourceSpec]], framework: CurrentFramework | None, *, replace: list[int]
) -> None:
    for start in range(0, len(replace), ID_CHUNK):
        Teaches.objects.filter(resource_id__in=replace[start : start + ID_CHUNK]).delete()
    sub_area_ids = framework.sub_area_ids if framework else {}
    Teaches.objects.bulk_create(
        (
            Teaches(resource_id=resource.pk, sub_area_id=sub_area_ids[number], level=level)
            for resource, spec in written
            for number, level in spec.teaches
        ),
        batch_size=BATCH,
    )


def _write_topics(written: list[tuple[Resource, ResourceSpec]], changed: list[ResourceSpec]) -> None:
    """Each resource in exactly the topics its row names. An entry that stays keeps its curated place."""
    topic_ids = dict(Topic.objects.values_list("slug", "pk"))
    wanted = {(resource.pk, topic_ids[slug]) for resource, spec in written for slug in spec.topics}
    changed_ids = [spec.id for spec in changed if spec.id]
    existing: set[tuple[int, int]] = set()
    for start in range(0, len(changed_ids), ID_CHUNK):
        entries = TopicEntry.objects.filter(resource_id__in=changed_ids[start : start + ID_CHUNK])
        existing.update(entries.values_list("resource_id", "topic_id"))
    gone = existing - wanted
    for topic_id in {topic for _resource, topic in gone}:
        TopicEntry.objects.filter(topic_id=topic_id, resource_id__in=[r for r, t in gone if t == topic_id]).delete()
    TopicEntry.objects.bulk_create(
        (TopicEntry(resource_id=r, topic_id=t) for r, t in sorted(wanted - existing)), batch_size=BATCH
    )


def _audit(
    actor: Caller | None, created: list[Resource], added: list[ResourceSpec], changed: list[ResourceSpec]
) -> None:
    """One event per resource added or changed, written in bulk as `core.audit.audit_record` would."""
    actor_id = caller_id(actor)
    events = [
        AuditEvent(
            actor_id=actor_id,
            action="learning.resource_imported",
            object_type="learning.resource",
            object_id=str(resource.pk),
            summary=f"Added from a catalogue file (row {spec.row}): {spec.title}"[:300],
            changes={"row": spec.row},
        )
        for resource, spec in zip(created, added, strict=True)
    ]
    events += [
        AuditEvent(
            actor_id=actor_id,
            action="learning.resource_import_updated",
            object_type="learning.resource",
            object_id=str(spec.id),
            summary=f"Updated from a catalogue file (row {spec.row}): {spec.title}"[:300],
            changes={"row": spec.row},
        )
        for spec in changed
    ]
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)
