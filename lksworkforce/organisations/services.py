"""Writes for organisations: one transaction each, audited."""

from dataclasses import dataclass, field

from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.tabular import Table, check_year, noting, read_table
from lksworkforce.core.viewers import Caller
from lksworkforce.organisations.importers import ORGANISATIONS_SPEC, validate_organisation_rows
from lksworkforce.organisations.models import CURRENT_GEOGRAPHY_KEY, Geography, Organisation, RegionMembership


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships_set: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"{self.created} organisations added, {self.updated} updated, {self.unchanged} unchanged; "
            f"region set for {self.memberships_set}."
        )


def organisations_import(
    *,
    data: bytes,
    filename: str,
    year: int,
    actor: Caller | None,
    geography_key: str = CURRENT_GEOGRAPHY_KEY,
    max_bytes: int | None = None,
) -> ImportOutcome:
    """Reads and validates the whole file first; any error raises Rejected and nothing is written."""
    check_year(year)
    geography = Geography.objects.get(key=geography_key)
    regions = {r.code: r for r in geography.regions.all()}
    table: Table = read_table(
        data, filename=filename, spec=ORGANISATIONS_SPEC, **({"max_bytes": max_bytes} if max_bytes else {})
    )
    with noting(table):
        rows = validate_organisation_rows(table, known_region_codes=set(regions))

    outcome = ImportOutcome(notes=list(table.notes))
    with transaction.atomic():
        existing = {o.ods_code: o for o in Organisation.objects.filter(ods_code__in=[r.ods_code for r in rows])}
        for row in rows:
            values = {"name": row.name, "type": row.type.value, "opened_on": row.opened_on, "closed_on": row.closed_on}
            organisation = existing.get(row.ods_code)
            if organisation is None:
                organisation = Organisation.objects.create(ods_code=row.ods_code, **values)
                outcome.created += 1
                audit_record(
                    actor=actor,
                    action="organisation.created",
                    obj=organisation,
                    summary=f"Imported {row.ods_code}",
                    changes={"values": {k: str(v) if v else v for k, v in values.items()}},
                )
            else:
                changed = {
                    k: [str(getattr(organisation, k)), str(v)]
                    for k, v in values.items()
                    if getattr(organisation, k) != v
                }
                if changed:
                    for key, value in values.items():
                        setattr(organisation, key, value)
                    organisation.save()
                    outcome.updated += 1
                    audit_record(
                        actor=actor,
                        action="organisation.updated",
                        obj=organisation,
                        summary=f"Imported {row.ods_code}",
                        changes=changed,
                    )
                else:
                    outcome.unchanged += 1
            if row.region_code:
                RegionMembership.objects.update_or_create(
                    organisation=organisation,
                    geography=geography,
                    year=year,
                    defaults={"region": regions[row.region_code]},
                )
                outcome.memberships_set += 1
    return outcome
