"""Programmes in the role matrix: setup (programmes, cohorts, sessions, projects, calendar feeds).

Cohort variants (the regional lead leads North West):
  own_region    a North West cohort: its regional lead and the national team run it;
  other_region  a London cohort: only the national team runs it;
  national      a national cohort: only the national team runs it;
  unknown       no such cohort (or session, or project).
Group projects are seen only by a cohort's participants, facilitators and runners (404 otherwise)."""

from datetime import UTC, date, datetime
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import Cohort, GroupProject, Programme, Session
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, Outcome, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
NATIONAL_ONLY = row(SIGN_IN, 403, 403, 403, 200, 403)
RUNNERS = row(SIGN_IN, 403, 403, 200, 200, 403)
POST_ONLY = row(405, 405, 405, 405, 405, 405)
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200)
API_NOT_FOUND = row(401, 404, 404, 404, 404, 404)
EMPTY_POST = row(401, 400, 400, 400, 400, 400)  # no body: not JSON, refused before any lookup
EMPTY_WRITE = row(401, 422, 422, 422, 422, 422)  # a PUT without its fields, a DELETE without edit_version


def _by_cohort(own: dict[str, Outcome], other: dict[str, Outcome], unknown: dict[str, Outcome]) -> dict[str, Any]:
    return {"own_region": own, "other_region": other, "national": other, "unknown": unknown}


# fmt: off
EXPECTED = {
    #                                     anonymous  staff  manager  lead  national  curator
    "programmes:home":                {"": SIGNED_IN},
    "programmes:programme_new":       {"": NATIONAL_ONLY},
    "programmes:programme":           {"known": SIGNED_IN, "unknown": NOT_FOUND},
    "programmes:programme_edit":      {"known": NATIONAL_ONLY, "unknown": NOT_FOUND},
    "programmes:cohort_new":          {"known": RUNNERS, "unknown": NOT_FOUND},
    "programmes:cohort":              _by_cohort(SIGNED_IN, SIGNED_IN, NOT_FOUND),
    "programmes:cohort_edit":         _by_cohort(RUNNERS, NATIONAL_ONLY, NOT_FOUND),
    "programmes:session_new":         _by_cohort(RUNNERS, NATIONAL_ONLY, NOT_FOUND),
    "programmes:session_edit":        _by_cohort(RUNNERS, NATIONAL_ONLY, NOT_FOUND),
    "programmes:session_remove":      {"own_region": POST_ONLY},
    "programmes:project_new":         _by_cohort(RUNNERS, NATIONAL_ONLY, NOT_FOUND),
    "programmes:project_edit":        _by_cohort(row(SIGN_IN, 404, 404, 200, 200, 404),
                                                 row(SIGN_IN, 404, 404, 404, 200, 404), NOT_FOUND),
    "programmes:project_remove":      {"own_region": POST_ONLY},
    "programmes:project_file":        {"own_region": NOT_FOUND},  # a project without a file
    "programmes:cohort_calendar":     _by_cohort(SIGNED_IN, SIGNED_IN, NOT_FOUND),
    "programmes:my_calendar":         {"": SIGNED_IN},
    "programmes:my_calendar_download": {"": SIGNED_IN},
    "programmes:feed_renew":          {"": POST_ONLY},
    "programmes:feed_revoke":         {"": POST_ONLY},
    "programmes:feed":                {"unknown": row(404, 404, 404, 404, 404, 404)},
    "GET /api/v1/programmes":         {"": API_SIGNED_IN},
    "POST /api/v1/programmes":        {"": EMPTY_POST},
    "GET /api/v1/programmes/programme/{key}": {"known": API_SIGNED_IN, "unknown": API_NOT_FOUND},
    "PUT /api/v1/programmes/programme/{key}": {"known": EMPTY_WRITE},
    "GET /api/v1/programmes/programme/{key}/cohorts": {"known": API_SIGNED_IN, "unknown": API_NOT_FOUND},
    "POST /api/v1/programmes/programme/{key}/cohorts": {"known": EMPTY_POST},
    "GET /api/v1/programmes/cohorts/{cohort_id}": _by_cohort(API_SIGNED_IN, API_SIGNED_IN, API_NOT_FOUND),
    "PUT /api/v1/programmes/cohorts/{cohort_id}": {"own_region": EMPTY_WRITE},
    "GET /api/v1/programmes/cohorts/{cohort_id}/sessions": _by_cohort(API_SIGNED_IN, API_SIGNED_IN, API_NOT_FOUND),
    "POST /api/v1/programmes/cohorts/{cohort_id}/sessions": {"own_region": EMPTY_POST},
    "PUT /api/v1/programmes/sessions/{session_id}": {"own_region": EMPTY_WRITE},
    "DELETE /api/v1/programmes/sessions/{session_id}": {"own_region": EMPTY_WRITE},
    "GET /api/v1/programmes/cohorts/{cohort_id}/projects": _by_cohort(
        row(401, 404, 404, 200, 200, 404), row(401, 404, 404, 404, 200, 404), API_NOT_FOUND),
    "POST /api/v1/programmes/cohorts/{cohort_id}/projects": {"own_region": EMPTY_POST},
    "PUT /api/v1/programmes/projects/{project_id}": {"own_region": EMPTY_WRITE},
    "DELETE /api/v1/programmes/projects/{project_id}": {"own_region": EMPTY_WRITE},
}
# fmt: on

KEY = "matrix-programme"


def _programme() -> Programme:
    found, _ = Programme.objects.get_or_create(
        key=KEY, defaults={"title": "Matrix programme", "kind": "skills", "delivery": "blended"}
    )
    return found


def _cohort(variant: str) -> Cohort:
    region = {"own_region": "Y62", "other_region": "Y56"}.get(variant)
    region_id = Region.objects.current().get(code=region).pk if region else None
    found, _ = Cohort.objects.get_or_create(
        programme=_programme(),
        name=f"Matrix cohort {variant}",
        defaults={"region_id": region_id, "starts_on": date(2026, 3, 2), "ends_on": date(2026, 6, 26), "capacity": 20},
    )
    return found


def _session(variant: str) -> Session:
    found, _ = Session.objects.get_or_create(
        cohort=_cohort(variant),
        title="Matrix session",
        defaults={
            "starts_at": datetime(2026, 3, 2, 9, tzinfo=UTC),
            "ends_at": datetime(2026, 3, 2, 12, tzinfo=UTC),
            "place": "Room 1",
        },
    )
    return found


def _project(variant: str) -> GroupProject:
    found, _ = GroupProject.objects.get_or_create(cohort=_cohort(variant), name="Matrix group")
    return found


def prepare(world: World) -> None:
    del world
    for variant in ("own_region", "other_region", "national"):
        _session(variant)
        _project(variant)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    del world, viewer
    if not variant:
        return {}
    unknown = variant == "unknown"
    if "{key}" in name or name in {"programmes:programme", "programmes:programme_edit", "programmes:cohort_new"}:
        return {"key": "no-such-programme" if unknown else _programme().key}
    if name == "programmes:feed":
        return {"token": "x" * 43}
    if "session_id" in name or name in {"programmes:session_edit", "programmes:session_remove"}:
        return {"session_id": 999_999 if unknown else _session(variant).pk}
    if "{project_id}" in name or (name.startswith("programmes:project_") and name != "programmes:project_new"):
        return {"project_id": 999_999 if unknown else _project(variant).pk}
    return {"cohort_id": 999_999 if unknown else _cohort(variant).pk}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
