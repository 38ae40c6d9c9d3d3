"""Resources and sheets for the resource sheets' tests (test_sheets_*.py)."""

from datetime import date
from itertools import count

from lksworkforce.learning.models import Resource, ResourceSheet, SheetEntry
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus, SheetKind

_numbers = count(1)


def resource(
    title: str,
    *,
    status: ResourceStatus = ResourceStatus.PUBLISHED,
    kind: ResourceKind = ResourceKind.ACTIVITY,
    length_minutes: int | None = 30,
    cost: Cost = Cost.FREE,
    cost_note: str = "",
    provider: str = "NHS England",
) -> Resource:
    return Resource.objects.create(
        title=title,
        kind=kind,
        provider=provider,
        url=f"https://learning.example.invalid/{next(_numbers)}",
        length_minutes=length_minutes,
        cost=cost,
        cost_note=cost_note,
        added_on=date(2026, 3, 1),
        status=status,
    )


def sheet_with(kind: SheetKind, *resources: Resource, title: str = "", introduction: str = "") -> ResourceSheet:
    """A saved sheet listing `resources` in order, each with the note 'Note for <title>'."""
    sheet = ResourceSheet.objects.create(kind=kind, title=title or kind.label, introduction=introduction)
    SheetEntry.objects.bulk_create(
        SheetEntry(sheet=sheet, resource=r, position=position, note=f"Note for {r.title}")
        for position, r in enumerate(resources, start=1)
    )
    return sheet


def titles_on(kind: SheetKind) -> list[str]:
    return list(
        SheetEntry.objects.filter(sheet__kind=kind).order_by("position").values_list("resource__title", flat=True)
    )


def positions_on(kind: SheetKind) -> list[int]:
    return list(SheetEntry.objects.filter(sheet__kind=kind).order_by("position").values_list("position", flat=True))
