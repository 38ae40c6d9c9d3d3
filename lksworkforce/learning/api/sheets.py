"""Learning over the API: the two resource sheets for bands 2 to 4, read by anyone signed in (drafts
and retired resources only for curators), and replaced whole by a curator from the version read."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.schemas import BodyIn, Text
from lksworkforce.learning.catalogue_rules import format_cost, format_length
from lksworkforce.learning.presenters.sheets import SheetLine, kind_text
from lksworkforce.learning.selectors import sheets as selectors
from lksworkforce.learning.services import sheets as services
from lksworkforce.learning.vocabulary import SheetKind

router = Router()

CURATE = "learning.curate"
VERSION = (
    "Increased by every saved change (0: the sheet has never been saved). Send it back with a change: "
    "if the sheet has changed since, nothing is saved and the answer is 409 `stale`."
)
KINDS = "`activities` (for home, or while the service is closed to users) or `cpd` (CPD opportunities)"


class SheetSummaryOut(Schema):
    kind: str = Field(description=KINDS)
    title: str
    introduction: str
    resources: int = Field(description="How many published resources the sheet shows")
    edit_version: int = Field(description=VERSION)


class SheetEntryOut(Schema):
    position: int = Field(description="1, 2, 3... in the curators' order, among the entries listed")
    resource_id: int
    title: str
    url: str
    provider: str
    kind: str = Field(description="The resource's kind, e.g. `e_learning`, `webinar`, `activity`")
    kind_label: str
    length_minutes: int | None = Field(description="How long it takes, in minutes; null when not known")
    length: str = Field(description="The length as the page shows it, e.g. `1 hour 30 minutes`")
    cost: str = Field(description="`free` or `paid`")
    cost_note: str
    cost_label: str = Field(description="The cost as the page shows it, e.g. `Paid: £40`")
    status: str = Field(description="`published`; curators also see `draft` and `retired` ones")
    note: str = Field(description="The curators' note: why it is on the sheet, or how to use it")


class SheetOut(SheetSummaryOut):
    entries: list[SheetEntryOut]


class SheetEntryIn(BodyIn):
    resource_id: int = Field(ge=1, le=services.RESOURCE_ID_LIMIT, description="A published resource's id")
    note: Annotated[str, Text(services.NOTE_LIMIT, "The note")] = ""


class SheetIn(BodyIn):
    edit_version: int = Field(ge=0, description=VERSION)
    entries: list[SheetEntryIn] = Field(
        max_length=services.ENTRIES_LIMIT, description="Every resource on the sheet, in order"
    )
    title: Annotated[str, Text(services.TITLE_LIMIT, "The title")] | None = Field(
        default=None, description="Leave out to keep the title"
    )
    introduction: Annotated[str, Text(services.INTRODUCTION_LIMIT, "The introduction")] | None = Field(
        default=None, description="Leave out to keep the introduction"
    )


def _kind(kind: str) -> SheetKind:
    found = selectors.sheet_kind(kind)
    if found is None:
        raise HttpError(404, "No such resource sheet: use activities or cpd")
    return found


def _entry(position: int, line: SheetLine) -> dict[str, Any]:
    return {
        "position": position,
        "resource_id": line.resource_id,
        "title": line.title,
        "url": line.url,
        "provider": line.provider,
        "kind": line.kind,
        "kind_label": kind_text(line.kind),
        "length_minutes": line.length_minutes,
        "length": format_length(line.length_minutes),
        "cost": line.cost,
        "cost_note": line.cost_note,
        "cost_label": format_cost(line.cost, line.cost_note),
        "status": line.status,
        "note": line.note,
    }


def _sheet_out(request: HttpRequest, kind: SheetKind) -> dict[str, Any]:
    view = selectors.sheet_view(kind, curator=request.user.has_perm(CURATE))
    return {
        "kind": kind.value,
        "title": view.title,
        "introduction": view.introduction,
        "resources": sum(1 for line in view.lines if line.status == "published"),
        "edit_version": view.edit_version,
        "entries": [_entry(position, line) for position, line in enumerate(view.lines, start=1)],
    }


@router.get("/learning/sheets", response=responses(list[SheetSummaryOut]), summary="The two resource sheets")
def sheet_list(request: HttpRequest) -> list[dict[str, Any]]:  # noqa: ARG001 - an operation
    return [
        {
            "kind": s.kind.value,
            "title": s.title,
            "introduction": s.introduction,
            "resources": s.published_count,
            "edit_version": s.edit_version,
        }
        for s in selectors.sheet_summaries()
    ]


@router.get(
    "/learning/sheets/{kind}",
    response=responses(SheetOut, 404),
    summary="One resource sheet, its resources in order",
    description=f"`kind`: {KINDS}. Curators also see draft and retired resources on it, with their status.",
)
def sheet_detail(request: HttpRequest, kind: str) -> dict[str, Any]:
    return _sheet_out(request, _kind(kind))


@router.put(
    "/learning/sheets/{kind}",
    response=write_responses(SheetOut, 404, 409),
    summary="Replace a resource sheet's resources, in order (curators)",
    description="Send every resource, in the order the sheet lists them, with the `edit_version` you read. "
    "Only published resources, each once. If the sheet changed since, nothing is saved: 409 `stale`; "
    "any problem with what you sent, nothing is saved: 422 with every problem.",
)
def sheet_replace(request: SignedInRequest, kind: str, body: SheetIn) -> dict[str, Any]:
    found = _kind(kind)
    if not request.user.has_perm(CURATE):
        raise HttpError(403, "Only curators change the resource sheets")
    services.sheet_replace(
        kind=found,
        entries=[services.EntryInput(e.resource_id, e.note) for e in body.entries],
        expected_version=body.edit_version,
        actor=request.user,
        title=body.title,
        introduction=body.introduction,
    )
    return _sheet_out(request, found)
