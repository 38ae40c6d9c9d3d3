"""Curating the two resource sheets: the title and introduction, adding a published resource,
removing one, moving one up or down, its note, and replacing the whole list (the API). Every change
claims the sheet's `edit_version` (ADR 12: a change from an older version is refused with StaleEdit,
nothing written) and is audited. Positions stay 1..n with no gaps. A sheet that was never saved is
at version 0; the first change creates it. Callers check `learning.curate`."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.utils import timezone

from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import StaleEdit, claim_version, differences, expected
from lksworkforce.core.params import ParamError, check_text
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.learning.models import Resource, ResourceSheet, SheetEntry
from lksworkforce.learning.selectors.sheets import default_title
from lksworkforce.learning.vocabulary import SheetKind

TITLE_LIMIT = 200  # ResourceSheet.title
INTRODUCTION_LIMIT = 5_000
NOTE_LIMIT = 300  # SheetEntry.note
ENTRIES_LIMIT = 300  # resources on one sheet: a printable page or few, not a catalogue
RESOURCE_ID_LIMIT = 2**31 - 1

NOT_SAVED = "The resource sheet was not saved"
WHAT = "This resource sheet"
SHEET_LABELS = {"title": "Title", "introduction": "Introduction", "resources": "Resources on the sheet"}

type Direction = Literal["up", "down"]


@dataclass(frozen=True)
class EntryInput:
    resource_id: int
    note: str = ""


# Checks -------------------------------------------------------------------------------------


def _text_problem(field: str, text: str, limit: int, what: str) -> Problem | None:
    try:
        check_text(text, max_length=limit, what=what)
    except ParamError as problem:
        return Problem(field=field, value=text, reason=str(problem))
    return None


def describe_problems(title: str, introduction: str) -> list[Problem]:
    title_problem = _text_problem("title", title, TITLE_LIMIT, "The title")
    if title_problem is None and not title.strip():
        title_problem = Problem(field="title", reason="Enter a title for the sheet")
    introduction_problem = _text_problem("introduction", introduction, INTRODUCTION_LIMIT, "The introduction")
    return [p for p in (title_problem, introduction_problem) if p is not None]


def note_problem(note: str, field: str = "note") -> Problem | None:
    return _text_problem(field, note, NOTE_LIMIT, "The note")


def _entries_problems(entries: Sequence[EntryInput], published: Mapping[int, Resource]) -> list[Problem]:
    problems: list[Problem] = []
    if len(entries) > ENTRIES_LIMIT:
        problems.append(Problem(field="entries", reason=f"A sheet can list at most {ENTRIES_LIMIT:,} resources"))
    seen: set[int] = set()
    for index, entry in enumerate(entries):
        field = f"entries.{index}"
        if entry.resource_id not in published:
            problems.append(
                Problem(
                    field=f"{field}.resource_id",
                    value=str(entry.resource_id),
                    reason="No published resource has this number",
                )
            )
        elif entry.resource_id in seen:
            problems.append(
                Problem(
                    field=f"{field}.resource_id", value=str(entry.resource_id), reason="This resource is listed twice"
                )
            )
        seen.add(entry.resource_id)
        if (problem := note_problem(entry.note, f"{field}.note")) is not None:
            problems.append(problem)
    return problems


def _published(resource_ids: Sequence[int]) -> dict[int, Resource]:
    ids = [i for i in resource_ids if 1 <= i <= RESOURCE_ID_LIMIT]
    return {r.pk: r for r in Resource.objects.published().filter(pk__in=ids).only("id", "title")}


# The version claim ---------------------------------------------------------------------------


def _claimed(kind: SheetKind, version: int | None, stale: Callable[[], StaleEdit], **values: Any) -> ResourceSheet:
    """The sheet, its version claimed and `values` written; created at version 0 (to version 1).
    `stale` says what is refused, when the claim fails."""
    at = expected(version)
    if at == 0:
        try:
            with transaction.atomic():  # a savepoint: another curator may create it at the same moment
                return ResourceSheet.objects.create(
                    kind=kind,
                    title=values.get("title", default_title(kind)),
                    introduction=values.get("introduction", ""),
                )
        except IntegrityError:
            raise stale() from None
    sheet = ResourceSheet.objects.filter(kind=kind).only("id").first()
    if sheet is None or not claim_version(
        ResourceSheet.objects, pk=sheet.pk, version=at, updated_at=timezone.now(), **values
    ):
        raise stale()
    sheet.refresh_from_db()
    return sheet


def _stale(kind: SheetKind, yours: Mapping[str, Any] | None = None) -> StaleEdit:
    """What was sent beside what is saved now (nothing to compare for a single move or removal)."""
    if yours is None:
        return StaleEdit(WHAT)
    sheet = ResourceSheet.objects.filter(kind=kind).first()
    saved: dict[str, Any] = {
        "title": sheet.title if sheet else default_title(kind),
        "introduction": sheet.introduction if sheet else "",
        "resources": [str(i) for i in _resource_ids(kind)],
    }
    return StaleEdit(WHAT, differences(SHEET_LABELS, yours, saved))


def _resource_ids(kind: SheetKind) -> list[int]:
    return list(
        SheetEntry.objects.filter(sheet__kind=kind).order_by("position", "id").values_list("resource_id", flat=True)
    )


def _renumber(order: Sequence[SheetEntry]) -> None:
    """Positions 1..n in `order`, writing only those that moved."""
    moved = []
    for position, entry in enumerate(order, start=1):
        if entry.position != position:
            entry.position = position
            moved.append(entry)
    if moved:
        SheetEntry.objects.bulk_update(moved, ["position"])


def _entries(sheet: ResourceSheet) -> list[SheetEntry]:
    return list(SheetEntry.objects.filter(sheet=sheet).select_related("resource").order_by("position", "id"))


# Changes -----------------------------------------------------------------------------------


@transaction.atomic
def sheet_describe(
    *, kind: SheetKind, title: str, introduction: str, expected_version: int | None, actor: Caller
) -> ResourceSheet:
    """A new title and introduction. Refused whole (Rejected) when either is not acceptable."""
    if problems := describe_problems(title, introduction):
        raise Rejected(problems, subject=NOT_SAVED)
    values = {"title": title.strip(), "introduction": introduction.strip()}
    saved = ResourceSheet.objects.filter(kind=kind).only("title", "introduction").first()
    before = {"title": saved.title, "introduction": saved.introduction} if saved else {}
    sheet = _claimed(kind, expected_version, lambda: _stale(kind, values), **values)
    audit_record(
        actor=actor,
        action="learning.sheet_described",
        obj=sheet,
        summary=f"Resource sheet '{sheet.title}': title and introduction saved",
        changes={k: [before.get(k), v] for k, v in values.items() if before.get(k) != v},
    )
    return sheet


@transaction.atomic
def sheet_entry_add(
    *, kind: SheetKind, resource_id: int, note: str, expected_version: int | None, actor: Caller
) -> SheetEntry:
    """A published resource at the end of the sheet, with its note."""
    problems = [p for p in [note_problem(note)] if p is not None]
    resource = _published([resource_id]).get(resource_id)
    if resource is None:
        problems.insert(
            0, Problem(field="resource_id", value=str(resource_id), reason="No published resource has this number")
        )
    elif SheetEntry.objects.filter(sheet__kind=kind, resource=resource).exists():
        problems.insert(0, Problem(field="resource_id", value=str(resource_id), reason="It is on the sheet already"))
    if problems or resource is None:
        raise Rejected(problems, subject="The resource was not added")
    sheet = _claimed(kind, expected_version, lambda: _stale(kind))
    position = SheetEntry.objects.filter(sheet=sheet).count() + 1
    entry = SheetEntry.objects.create(sheet=sheet, resource=resource, position=position, note=note.strip())
    audit_record(
        actor=actor,
        action="learning.sheet_entry_added",
        obj=sheet,
        summary=f"'{resource.title}' added to the resource sheet '{sheet.title}' at {position}",
        changes={"resource": resource.pk, "position": position},
    )
    return entry


@transaction.atomic
def sheet_entry_remove(*, kind: SheetKind, entry_id: int, expected_version: int | None, actor: Caller) -> None:
    sheet = _claimed(kind, expected_version, lambda: _stale(kind))
    entries = _entries(sheet)
    gone = next((e for e in entries if e.pk == entry_id), None)
    if gone is None:
        raise _stale(kind)
    left = [e for e in entries if e.pk != entry_id]
    gone.delete()
    _renumber(left)
    audit_record(
        actor=actor,
        action="learning.sheet_entry_removed",
        obj=sheet,
        summary=f"'{gone.resource.title}' removed from the resource sheet '{sheet.title}'",
        changes={"resource": gone.resource_id},
    )


@transaction.atomic
def sheet_entry_move(
    *, kind: SheetKind, entry_id: int, direction: Direction, expected_version: int | None, actor: Caller
) -> None:
    """One place up or down; at the top (or bottom) already, nothing moves but the version."""
    sheet = _claimed(kind, expected_version, lambda: _stale(kind))
    entries = _entries(sheet)
    index = next((i for i, e in enumerate(entries) if e.pk == entry_id), None)
    if index is None:
        raise _stale(kind)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(entries):
        entries[index], entries[other] = entries[other], entries[index]
    _renumber(entries)
    moved = entries[other] if 0 <= other < len(entries) else entries[index]
    audit_record(
        actor=actor,
        action="learning.sheet_entry_moved",
        obj=sheet,
        summary=f"'{moved.resource.title}' moved {direction} on the resource sheet '{sheet.title}'",
        changes={"resource": moved.resource_id, "position": moved.position},
    )


@transaction.atomic
def sheet_entry_note(
    *, kind: SheetKind, entry_id: int, note: str, expected_version: int | None, actor: Caller
) -> SheetEntry:
    if (problem := note_problem(note)) is not None:
        raise Rejected([problem], subject="The note was not saved")
    sheet = _claimed(kind, expected_version, lambda: _stale(kind))
    entry = SheetEntry.objects.filter(sheet=sheet, pk=entry_id).select_related("resource").first()
    if entry is None:
        raise _stale(kind)
    before, entry.note = entry.note, note.strip()
    entry.save(update_fields=["note"])
    audit_record(
        actor=actor,
        action="learning.sheet_entry_note_changed",
        obj=sheet,
        summary=f"Note for '{entry.resource.title}' on the resource sheet '{sheet.title}' saved",
        changes={"resource": entry.resource_id, "note": [before, entry.note]},
    )
    return entry


@transaction.atomic
def sheet_replace(
    *,
    kind: SheetKind,
    entries: Sequence[EntryInput],
    expected_version: int | None,
    actor: Caller,
    title: str | None = None,
    introduction: str | None = None,
) -> ResourceSheet:
    """The whole list, in order (and the title and introduction, where sent). Refused whole
    (Rejected, every problem) for an unknown, unpublished or repeated resource or a bad note."""
    published = _published([e.resource_id for e in entries])
    saved = ResourceSheet.objects.filter(kind=kind).first()
    new_title = title if title is not None else (saved.title if saved else default_title(kind))
    new_introduction = introduction if introduction is not None else (saved.introduction if saved else "")
    problems = describe_problems(new_title, new_introduction) + _entries_problems(entries, published)
    if problems:
        raise Rejected(problems, subject=NOT_SAVED)
    values = {"title": new_title.strip(), "introduction": new_introduction.strip()}
    yours: dict[str, Any] = {
        k: values[k] for k, sent in (("title", title), ("introduction", introduction)) if sent is not None
    }
    yours["resources"] = [str(e.resource_id) for e in entries]
    before = _resource_ids(kind)
    sheet = _claimed(kind, expected_version, lambda: _stale(kind, yours), **values)
    SheetEntry.objects.filter(sheet=sheet).delete()
    SheetEntry.objects.bulk_create(
        SheetEntry(sheet=sheet, resource_id=e.resource_id, position=position, note=e.note.strip())
        for position, e in enumerate(entries, start=1)
    )
    audit_record(
        actor=actor,
        action="learning.sheet_replaced",
        obj=sheet,
        summary=f"Resource sheet '{sheet.title}' saved with {len(entries):,} resources",
        changes={"resources": [before, [e.resource_id for e in entries]]},
    )
    return sheet
