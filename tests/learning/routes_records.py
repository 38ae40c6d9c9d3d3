"""Learning in the role matrix: the learning record.

Record variants:
  own      a record of the viewer's own (the staff member's, for anonymous);
  shared   Sam Staff's record (RAA), shared with RAA's service managers;
  private  Cal Colleague's record (RAA), not shared: nobody else sees it;
  unknown  no such record.
Individual records are never visible to regional leads, the national team or curators."""

from datetime import date
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import LearningRecord
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
POST_ONLY = row(405, 405, 405, 405, 405, 405)
RECORD_PAGE = {
    "own": SIGNED_IN,
    "shared": row(SIGN_IN, 200, 200, 404, 404, 404),
    "private": NOT_FOUND,
    "unknown": NOT_FOUND,
}
OWNER_PAGE = {
    "own": SIGNED_IN,
    "shared": row(SIGN_IN, 200, 404, 404, 404, 404),
    "private": NOT_FOUND,
    "unknown": NOT_FOUND,
}
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200)
API_NOT_FOUND = row(401, 404, 404, 404, 404, 404)
# Writes with nothing sent, refused before anything is looked up: an empty POST body is not JSON (400);
# a PUT lacks its fields, a DELETE its `edit_version` (422).
EMPTY_POST = row(401, 400, 400, 400, 400, 400)
EMPTY_WRITE = row(401, 422, 422, 422, 422, 422)

# fmt: off
EXPECTED = {
    #                                       anonymous  staff  manager  lead  national  curator
    "learning:records":                {"": SIGNED_IN},
    "learning:record_new":             {"": SIGNED_IN},
    "learning:records_shared":         {"": SIGNED_IN},
    "learning:records_cpd":            {"": SIGNED_IN},
    "learning:record_aggregates":      {"": row(SIGN_IN, 403,   200,     200,  200,      403)},
    "learning:record":                 RECORD_PAGE,
    "learning:record_edit":            OWNER_PAGE,
    "learning:record_remove":          {"own": POST_ONLY, "private": POST_ONLY},
    "GET /api/v1/learning/records":    {"": API_SIGNED_IN},
    "POST /api/v1/learning/records":   {"": EMPTY_POST},
    "GET /api/v1/learning/records/cpd": {"": API_SIGNED_IN},
    "GET /api/v1/learning/record-aggregates": {"": row(401, 403, 200, 200, 200, 403)},
    "GET /api/v1/learning/records/{record_id}": {
        "own":                              API_SIGNED_IN,
        "shared":                           row(401, 200, 200, 404, 404, 404),
        "private":                          API_NOT_FOUND,
        "unknown":                          API_NOT_FOUND,
    },
    "PUT /api/v1/learning/records/{record_id}":    {"own": EMPTY_WRITE, "private": EMPTY_WRITE},
    "DELETE /api/v1/learning/records/{record_id}": {"own": EMPTY_WRITE, "private": EMPTY_WRITE},
}
# fmt: on

SHARED_TITLE = "Matrix: shared record"
PRIVATE_TITLE = "Matrix: private record"


def _record(person: User, title: str, *, shared: bool = False) -> LearningRecord:
    found, _ = LearningRecord.objects.get_or_create(
        person=person,
        title=title,
        defaults={
            "done_on": date(2026, 3, 2),
            "minutes": 45,
            "shared_with_manager": shared,
            "organisation": person.organisation,
            "band": person.band or "",
        },
    )
    return found


def prepare(world: World) -> None:
    _record(world.staff, SHARED_TITLE, shared=True)
    _record(world.colleague, PRIVATE_TITLE)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if not variant:
        return {}
    ids = {
        "own": lambda: _record(viewer or world.staff, "Matrix: my own record").pk,
        "shared": lambda: _record(world.staff, SHARED_TITLE, shared=True).pk,
        "private": lambda: _record(world.colleague, PRIVATE_TITLE).pk,
    }
    return {"record_id": ids.get(variant, lambda: 999_999)()}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
