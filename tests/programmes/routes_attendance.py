"""Programmes in the role matrix: attendance.

Cohort and session variants (each cohort has one session that has happened):
  nw           a North West cohort: its regional lead (Lee Lead) takes its register;
  london       a London cohort: another region's, so not Lee's;
  facilitated  a national cohort Sam Staff facilitates (Cohort.facilitators);
  session      a national cohort one of whose sessions Sam facilitates (Session.facilitators):
               the session's register is Sam's, the cohort's register and import are not;
  participant  a national cohort Sam has a place on: a participant takes no register;
  unknown      no such cohort or session.
The national team takes every register. Cohorts are open to everyone signed in, so a register
someone may not take is 403, a missing one 404."""

from datetime import UTC, date, datetime
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Cohort, Enrolment, Programme, Session
from tests.conftest import World
from tests.factories import current_region
from tests.routes import SIGN_IN, AppRoutes, row

ONLY_NATIONAL = row(SIGN_IN, 403, 403, 403, 200, 403)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
SESSION_PAGE = {
    "nw": row(SIGN_IN, 403, 403, 200, 200, 403),
    "london": ONLY_NATIONAL,
    "facilitated": row(SIGN_IN, 200, 403, 403, 200, 403),
    "session": row(SIGN_IN, 200, 403, 403, 200, 403),
    "participant": ONLY_NATIONAL,
    "unknown": NOT_FOUND,
}
COHORT_PAGE = SESSION_PAGE | {"session": ONLY_NATIONAL}
API_ONLY_NATIONAL = row(401, 403, 403, 403, 200, 403)
API_SESSION = {
    "nw": row(401, 403, 403, 200, 200, 403),
    "london": API_ONLY_NATIONAL,
    "facilitated": row(401, 200, 403, 403, 200, 403),
    "session": row(401, 200, 403, 403, 200, 403),
    "participant": API_ONLY_NATIONAL,
    "unknown": row(401, 404, 404, 404, 404, 404),
}
API_COHORT = API_SESSION | {"session": API_ONLY_NATIONAL}
# A PUT with nothing sent is refused by its schema before anything is looked up (422); an import
# with no file is refused once the cohort is found and the person may take its attendance.
EMPTY_PUT = row(401, 422, 422, 422, 422, 422)

# fmt: off
EXPECTED = {
    #                                        anonymous  staff  manager  lead  national  curator
    "programmes:my_attendance":           {"": row(SIGN_IN, 200,   200,     200,  200,      200)},
    "programmes:session_attendance":      SESSION_PAGE,
    "programmes:cohort_attendance":       COHORT_PAGE,
    "programmes:attendance_import":       COHORT_PAGE,
    "GET /api/v1/programmes/attendance/mine": {"": row(401, 200, 200, 200, 200, 200)},
    "GET /api/v1/programmes/sessions/{session_id}/attendance": API_SESSION,
    "PUT /api/v1/programmes/sessions/{session_id}/attendance": {"nw": EMPTY_PUT, "unknown": EMPTY_PUT},
    "GET /api/v1/programmes/cohorts/{cohort_id}/attendance": API_COHORT,
    "POST /api/v1/programmes/cohorts/{cohort_id}/attendance/import": {
        "nw":                             row(401,      403,   403,     422,  422,      403),
        "london":                         row(401,      403,   403,     403,  422,      403),
        "unknown":                        row(401,      404,   404,     404,  404,      404),
    },
}
# fmt: on

NAMES = {
    "nw": "Matrix attendance: North West",
    "london": "Matrix attendance: London",
    "facilitated": "Matrix attendance: Sam facilitates",
    "session": "Matrix attendance: Sam facilitates a session",
    "participant": "Matrix attendance: Sam takes part",
}


def _cohort(world: World, variant: str) -> Cohort:
    found = Cohort.objects.filter(name=NAMES[variant]).first()
    if found is not None:
        return found
    programme, _ = Programme.objects.get_or_create(
        key="matrix-attendance", defaults={"title": "Matrix attendance", "kind": "skills", "delivery": "online"}
    )
    region = {"nw": "Y62", "london": "Y56"}.get(variant)
    cohort = Cohort.objects.create(
        programme=programme,
        name=NAMES[variant],
        region=current_region(region) if region else None,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 6, 26),
        capacity=20,
    )
    session = Session.objects.create(
        cohort=cohort,
        title="Matrix session",
        starts_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
        ends_at=datetime(2026, 3, 2, 12, tzinfo=UTC),
    )
    Enrolment.objects.create(
        cohort=cohort, person=world.colleague, organisation=world.colleague.organisation, enrolled_at=session.starts_at
    )
    if variant == "facilitated":
        cohort.facilitators.add(world.staff)
    if variant == "session":
        session.facilitators.add(world.staff)
    if variant == "participant":
        Enrolment.objects.create(cohort=cohort, person=world.staff, enrolled_at=session.starts_at)
    return cohort


def prepare(world: World) -> None:
    for variant in NAMES:
        _cohort(world, variant)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if not variant:
        return {}
    key = "session_id" if "session" in name else "cohort_id"
    if variant == "unknown":
        return {key: 999_999}
    cohort = _cohort(world, variant)
    if key == "session_id":
        first = cohort.sessions.order_by("starts_at").first()
        assert first is not None
        return {key: first.pk}
    return {key: cohort.pk}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
