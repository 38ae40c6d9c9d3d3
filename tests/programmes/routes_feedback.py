"""Programmes in the role matrix: feedback.

Variants:
  mine     a national cohort that has ended, on which Sam Staff has a place and a follow-up: Sam gives
           their reaction and answers their follow-up; no one else has a place (404); only the
           national team runs it, so only they read its report (403 for others signed in);
  nw       a North West cohort: its regional lead (Lee Lead) and the national team read its report;
  unknown  no such cohort.
The programme's report is the national team's. Writes sent with nothing are refused by their schema
(a POST's empty body is not JSON: 400; a PUT's: 422) before anything is looked up."""

from datetime import UTC, date, datetime
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Cohort, Enrolment, FollowUp, Programme, Session
from tests.conftest import World
from tests.factories import current_region
from tests.routes import SIGN_IN, AppRoutes, row

PROGRAMME_KEY = "matrix-feedback"
NAMES = {"mine": "Matrix feedback: Sam takes part", "nw": "Matrix feedback: North West"}
ONLY_SAM = row(SIGN_IN, 200, 404, 404, 404, 404)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
ONLY_NATIONAL = row(SIGN_IN, 403, 403, 403, 200, 403)
RUNNERS = row(SIGN_IN, 403, 403, 200, 200, 403)
API_NOT_FOUND = row(401, 404, 404, 404, 404, 404)
API_EMPTY = row(401, 422, 422, 422, 422, 422)
EMPTY_POST = row(401, 400, 400, 400, 400, 400)  # an empty body is not JSON: refused before any look-up

# fmt: off
EXPECTED = {
    #                                        anonymous  staff  manager  lead  national  curator
    "programmes:reaction_give":           {"mine": ONLY_SAM, "unknown": NOT_FOUND},
    "programmes:follow_up_answer":        {"mine": ONLY_SAM, "nw": NOT_FOUND, "unknown": NOT_FOUND},
    "programmes:cohort_feedback":         {"mine": ONLY_NATIONAL, "nw": RUNNERS, "unknown": NOT_FOUND},
    "programmes:programme_feedback":      {"programme": ONLY_NATIONAL, "unknown": NOT_FOUND},
    "POST /api/v1/programmes/cohorts/{cohort_id}/feedback": {"mine": EMPTY_POST, "unknown": EMPTY_POST},
    "GET /api/v1/programmes/cohorts/{cohort_id}/follow-up": {
        "mine":                           row(401,      200,   404,     404,  404,      404),
        "unknown":                        API_NOT_FOUND,
    },
    "PUT /api/v1/programmes/cohorts/{cohort_id}/follow-up": {"mine": API_EMPTY, "unknown": API_EMPTY},
    "GET /api/v1/programmes/cohorts/{cohort_id}/feedback/report": {
        "mine":                           row(401,      403,   403,     403,  200,      403),
        "nw":                             row(401,      403,   403,     200,  200,      403),
        "unknown":                        API_NOT_FOUND,
    },
    "GET /api/v1/programmes/programme/{key}/feedback": {
        "programme":                      row(401,      403,   403,     403,  200,      403),
        "unknown":                        API_NOT_FOUND,
    },
}
# fmt: on


def _cohort(world: World, variant: str) -> Cohort:
    found = Cohort.objects.filter(name=NAMES[variant]).first()
    if found is not None:
        return found
    programme, _ = Programme.objects.get_or_create(
        key=PROGRAMME_KEY, defaults={"title": "Matrix feedback", "kind": "skills", "delivery": "online"}
    )
    cohort = Cohort.objects.create(
        programme=programme,
        name=NAMES[variant],
        region=current_region("Y62") if variant == "nw" else None,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 6, 26),
        capacity=20,
    )
    Session.objects.create(
        cohort=cohort,
        title="Matrix last session",
        starts_at=datetime(2026, 6, 26, 9, tzinfo=UTC),
        ends_at=datetime(2026, 6, 26, 12, tzinfo=UTC),
    )
    colleague = Enrolment.objects.create(
        cohort=cohort, person=world.colleague, enrolled_at=datetime(2026, 2, 1, tzinfo=UTC)
    )
    FollowUp.objects.create(enrolment=colleague, due_on=date(2026, 9, 26))
    if variant == "mine":
        place = Enrolment.objects.create(
            cohort=cohort, person=world.staff, enrolled_at=datetime(2026, 2, 1, tzinfo=UTC)
        )
        FollowUp.objects.create(enrolment=place, due_on=date(2026, 9, 26))
    return cohort


def prepare(world: World) -> None:
    for variant in NAMES:
        _cohort(world, variant)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if "programme_feedback" in name or "{key}" in name:
        return {"key": PROGRAMME_KEY if variant == "programme" else "no-such-programme"}
    if variant == "unknown":
        return {"cohort_id": 999_999}
    return {"cohort_id": _cohort(world, variant).pk}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
