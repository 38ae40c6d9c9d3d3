"""Reading the resource sheets: a sheet with its resources in order (published only, unless the viewer
curates), both sheets at a glance (one query, for the home page too), and the published resources a
curator could add to a sheet. A sheet that has never been saved reads as empty, at version 0."""

from dataclasses import dataclass

from django.db.models import Count, Q

from lksworkforce.learning.models import Resource, ResourceSheet, SheetEntry
from lksworkforce.learning.presenters.sheets import SheetLine
from lksworkforce.learning.vocabulary import ResourceStatus, SheetKind

SEARCH_LIMIT = 20  # resources a curator's search by title lists at once
QUERY_LIMIT = 200  # characters of a search that are used


@dataclass(frozen=True)
class SheetView:
    kind: SheetKind
    title: str
    introduction: str
    edit_version: int  # 0: never saved yet; the first edit creates it
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True)
class SheetSummary:
    kind: SheetKind
    title: str
    introduction: str
    edit_version: int
    published_count: int


def sheet_kind(text: str) -> SheetKind | None:
    """The sheet a URL or API path names ("activities", "cpd"), or None."""
    return next((kind for kind in SheetKind if kind.value == text), None)


def default_title(kind: SheetKind) -> str:
    return kind.label


def sheet_view(kind: SheetKind, *, curator: bool) -> SheetView:
    """The sheet and its resources in order: two queries. Curators see drafts and retired ones too."""
    sheet = ResourceSheet.objects.filter(kind=kind).first()
    entries = list(
        SheetEntry.objects.filter(sheet__kind=kind)
        .select_related("resource")
        .order_by("position", "id")
        .only(
            "id",
            "position",
            "note",
            "resource__id",
            "resource__title",
            "resource__url",
            "resource__provider",
            "resource__kind",
            "resource__length_minutes",
            "resource__cost",
            "resource__cost_note",
            "resource__status",
        )
    )
    lines = tuple(_line(e) for e in entries if curator or e.resource.status == ResourceStatus.PUBLISHED)
    return SheetView(
        kind=kind,
        title=sheet.title if sheet else default_title(kind),
        introduction=sheet.introduction if sheet else "",
        edit_version=sheet.edit_version if sheet else 0,
        lines=lines,
    )


def _line(entry: SheetEntry) -> SheetLine:
    r = entry.resource
    return SheetLine(
        entry_id=entry.pk,
        position=entry.position,
        resource_id=r.pk,
        title=r.title,
        url=r.url,
        provider=r.provider,
        kind=r.kind,
        length_minutes=r.length_minutes,
        cost=r.cost,
        cost_note=r.cost_note,
        status=r.status,
        note=entry.note,
    )


def sheet_summaries() -> list[SheetSummary]:
    """Both sheets, in SheetKind's order, with how many published resources each shows: one query."""
    published = Count("entries", filter=Q(entries__resource__status=ResourceStatus.PUBLISHED))
    saved = {
        s.kind: s
        for s in ResourceSheet.objects.annotate(published_count=published).only(
            "kind", "title", "introduction", "edit_version"
        )
    }
    summaries = []
    for kind in SheetKind:
        sheet = saved.get(kind.value)
        summaries.append(
            SheetSummary(
                kind=kind,
                title=sheet.title if sheet else default_title(kind),
                introduction=sheet.introduction if sheet else "",
                edit_version=sheet.edit_version if sheet else 0,
                published_count=sheet.published_count if sheet else 0,
            )
        )
    return summaries


def addable_resources(kind: SheetKind, query: str) -> list[Resource]:
    """Published resources whose title holds `query`, that are not on the sheet yet, by title."""
    words = query[:QUERY_LIMIT].split()
    if not words:
        return []
    found = Resource.objects.published().exclude(sheet_entries__sheet__kind=kind)
    for word in words:
        found = found.filter(title__icontains=word)
    return list(found.order_by("title", "id").only("id", "title", "provider", "kind")[:SEARCH_LIMIT])


def entry_on_sheet(kind: SheetKind, entry_id: int) -> SheetEntry | None:
    return SheetEntry.objects.filter(sheet__kind=kind, pk=entry_id).select_related("resource").first()
