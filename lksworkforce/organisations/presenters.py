"""What organisation pages show: rows for tables and summary lists."""

from typing import Any

from lksworkforce.organisations.models import Organisation


def current_region_name(organisation: Organisation) -> str:
    memberships: list[Any] = getattr(organisation, "current_memberships", [])
    return memberships[0].region.name if memberships else "Not recorded"


def organisation_table_rows(organisations: Any) -> list[dict[str, str]]:
    return [
        {
            "ods_code": o.ods_code,
            "name": o.name,
            "type": o.type_label,
            "region": current_region_name(o),
            "status": "Closed" if o.is_closed else "Open",
        }
        for o in organisations
    ]


ORGANISATION_EXPORT_COLUMNS = ("ods_code", "name", "type", "region", "status")
