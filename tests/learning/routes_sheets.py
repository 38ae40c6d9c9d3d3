"""Learning in the role matrix: the resource sheets' pages and API.

Sheet variants: `activities` (with one published resource on it), `cpd` (never saved), `unknown`.
Entry variants: `on-sheet` (the activities sheet's one entry), `unknown`. Anyone signed in reads
the sheets; only curators edit them (others 403, before the sheet is looked up)."""

from datetime import date
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import Resource, ResourceSheet, SheetEntry
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus, SheetKind
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

MATRIX_TITLE = "Matrix sheet resource"

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
CURATORS = row(SIGN_IN, 403, 403, 403, 403, 200)
CURATORS_NOT_FOUND = row(SIGN_IN, 403, 403, 403, 403, 404)
POST_ONLY = row(405, 405, 405, 405, 405, 405)
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200)
API_NOT_FOUND = row(401, 404, 404, 404, 404, 404)
# A PUT without a body lacks its fields: refused for anyone signed in before anything is looked up.
EMPTY_PUT = row(401, 422, 422, 422, 422, 422)

# fmt: off
EXPECTED = {
    #                                       anonymous  staff  manager  lead  national  curator
    "learning:sheets":              {"": SIGNED_IN},
    "learning:sheet":               {"activities": SIGNED_IN, "cpd": SIGNED_IN, "unknown": NOT_FOUND},
    "learning:sheet_pdf":           {"activities": SIGNED_IN, "unknown": NOT_FOUND},
    "learning:sheet_csv":           {"activities": SIGNED_IN, "unknown": NOT_FOUND},
    "learning:sheet_edit":          {"activities": CURATORS, "cpd": CURATORS, "unknown": CURATORS_NOT_FOUND},
    "learning:sheet_entry_add":     {"activities": POST_ONLY},
    "learning:sheet_entry":         {"on-sheet": CURATORS, "unknown": CURATORS_NOT_FOUND},
    "learning:sheet_entry_move":    {"on-sheet": POST_ONLY},
    "learning:sheet_entry_remove":  {"on-sheet": POST_ONLY},
    "GET /api/v1/learning/sheets":  {"": API_SIGNED_IN},
    "GET /api/v1/learning/sheets/{kind}": {"activities": API_SIGNED_IN, "cpd": API_SIGNED_IN, "unknown": API_NOT_FOUND},
    "PUT /api/v1/learning/sheets/{kind}": {"activities": EMPTY_PUT, "unknown": EMPTY_PUT},
}
# fmt: on

MUST_CONTAIN = {
    ("learning:sheet", "activities"): MATRIX_TITLE,
    ("learning:sheet_csv", "activities"): MATRIX_TITLE,
}


def _entry() -> SheetEntry:
    resource, _ = Resource.objects.get_or_create(
        title=MATRIX_TITLE,
        defaults={
            "kind": ResourceKind.ACTIVITY,
            "url": "https://learning.example.invalid/matrix-sheet",
            "added_on": date(2026, 1, 5),
            "status": ResourceStatus.PUBLISHED,
            "length_minutes": 45,
        },
    )
    sheet, _ = ResourceSheet.objects.get_or_create(kind=SheetKind.ACTIVITIES, defaults={"title": "Matrix activities"})
    entry, _ = SheetEntry.objects.get_or_create(sheet=sheet, resource=resource, defaults={"position": 1})
    return entry


def prepare(world: World) -> None:
    _entry()


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if name in {"learning:sheet_entry", "learning:sheet_entry_move", "learning:sheet_entry_remove"}:
        return {"kind": "activities", "entry_id": _entry().pk if variant == "on-sheet" else 999_999}
    if name == "learning:sheets" or name == "GET /api/v1/learning/sheets":
        return {}
    return {"kind": variant}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare, must_contain=MUST_CONTAIN)
