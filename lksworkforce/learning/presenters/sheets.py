"""How a resource sheet's rows read, on the page, in the CSV and XLSX download and in the PDF: one
row builder, so every surface shows the same rows. Pure: no Django."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lksworkforce.learning.catalogue_rules import format_cost, format_length
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus

MINUTES_IN_HOUR = 60


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One resource on a sheet, as the selector reads it."""

    entry_id: int
    position: int
    resource_id: int
    title: str
    url: str
    provider: str
    kind: str
    length_minutes: int | None
    cost: str
    cost_note: str
    status: str
    note: str


# (key, heading, numeric): the columns of the page's table, the CSV and the PDF, in this order.
SHEET_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("number", "No.", True),
    ("title", "Resource", False),
    ("provider", "Provider", False),
    ("kind", "Kind", False),
    ("length", "Length", False),
    ("cost", "Cost", False),
    ("note", "Note", False),
    ("url", "Web address", False),
)
# Curators also see each resource's status: a draft or retired one is on the sheet, but not shown to others.
STATUS_COLUMN = ("status", "Status", False)


def columns_for(*, curator: bool) -> tuple[tuple[str, str, bool], ...]:
    return (*SHEET_COLUMNS, STATUS_COLUMN) if curator else SHEET_COLUMNS


def kind_text(kind: str) -> str:
    return ResourceKind(kind).label if kind in ResourceKind.__members__.values() else kind


def status_text(status: str) -> str:
    return ResourceStatus(status).label if status in ResourceStatus.__members__.values() else status


def sheet_rows(lines: Iterable[SheetLine], *, curator: bool) -> list[dict[str, Any]]:
    """The rows every surface shows, numbered 1, 2, 3... in the sheet's order. `entry_id` and
    `resource_id` ride along for the page's links; the downloads write only the columns."""
    rows = []
    for number, line in enumerate(lines, start=1):
        row: dict[str, Any] = {
            "number": number,
            "title": line.title,
            "provider": line.provider,
            "kind": kind_text(line.kind),
            "length": format_length(line.length_minutes),
            "cost": format_cost(line.cost, line.cost_note),
            "note": line.note,
            "url": line.url,
            "entry_id": line.entry_id,
            "resource_id": line.resource_id,
            "published": line.status == ResourceStatus.PUBLISHED,
        }
        if curator:
            row["status"] = status_text(line.status)
        rows.append(row)
    return rows


def column_keys(columns: Sequence[tuple[str, str, bool]]) -> list[str]:
    return [key for key, _heading, _numeric in columns]


def by_heading(columns: Sequence[tuple[str, str, bool]], rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows keyed by the columns' headings: what the CSV's header row names."""
    return [{heading: row.get(key) for key, heading, _numeric in columns} for row in rows]
