"""Programmes in the role matrix: applications and selection.

Variants:
  open       a national leadership cohort open for applications (anyone signed in may apply);
  own        an application of the viewer's own (Sam Staff's, for anonymous);
  another    Cal Colleague's application: nobody else sees it as theirs;
  mine_org   Sam Staff's (RAA) application asking support: RAA's manager decides, no other;
  other_org  Olu Outsider's (RAB) application asking support: not RAA's manager's;
  national   a national cohort: its panel is the national team;
  north_west a North West cohort: its panel is the North West lead (and the national team);
  london     a London cohort: not the North West lead's;
  unknown    no such record."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.organisations.models import Region
from lksworkforce.programmes.models import Application, Cohort, Programme
from lksworkforce.programmes.vocabulary import ApplicationStatus, ProgrammeKind
from tests.conftest import World
from tests.factories import current_region
from tests.routes import SIGN_IN, AppRoutes, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
POST_ONLY = row(405, 405, 405, 405, 405, 405)
MANAGERS = row(SIGN_IN, 403, 200, 403, 403, 403)
PANEL_NW = row(SIGN_IN, 403, 403, 200, 200, 403)
PANEL_NATIONAL = row(SIGN_IN, 403, 403, 404, 200, 403)
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200)
API_NOT_FOUND = row(401, 404, 404, 404, 404, 404)
EMPTY_POST = row(401, 400, 400, 400, 400, 400)  # an empty body is not JSON: refused before any look-up
EMPTY_PUT = row(401, 422, 422, 422, 422, 422)
PANEL_VARIANTS = {"north_west": PANEL_NW, "national": PANEL_NATIONAL, "london": PANEL_NATIONAL}

# fmt: off
EXPECTED = {
    "programmes:applications":          {"": SIGNED_IN},
    "programmes:application_new":       {"open": SIGNED_IN, "unknown": NOT_FOUND},
    "programmes:application":           {"own": SIGNED_IN, "another": NOT_FOUND, "unknown": NOT_FOUND},
    "programmes:application_reply":     {"own": POST_ONLY},
    "programmes:application_withdraw":  {"own": POST_ONLY},
    "programmes:support_list":          {"": MANAGERS},
    "programmes:support_decide":        {"mine_org": MANAGERS, "other_org": row(SIGN_IN, 403, 404, 403, 403, 403)},
    "programmes:selection":             PANEL_VARIANTS | {"unknown": row(SIGN_IN, 403, 403, 404, 404, 403)},
    "programmes:selection_offer":       {"north_west": POST_ONLY},
    "programmes:selection_score":       {"north_west": PANEL_NW, "national": PANEL_NATIONAL},
    "programmes:offer_reply_by":        {"north_west": POST_ONLY},
    "GET /api/v1/programmes/applications": {"": API_SIGNED_IN},
    "POST /api/v1/programmes/cohorts/{cohort_id}/applications": {"open": EMPTY_POST},
    "GET /api/v1/programmes/applications/{application_id}": {"own": API_SIGNED_IN, "another": API_NOT_FOUND},
    "POST /api/v1/programmes/applications/{application_id}/reply": {"own": EMPTY_POST},
    "POST /api/v1/programmes/applications/{application_id}/withdraw": {"own": EMPTY_POST},
    "GET /api/v1/programmes/support":   {"": row(401, 403, 200, 403, 403, 403)},
    "POST /api/v1/programmes/support/{application_id}": {"mine_org": EMPTY_POST},
    "GET /api/v1/programmes/cohorts/{cohort_id}/selection": {
        "north_west": row(401, 403, 403, 200, 200, 403),
        "london":     row(401, 403, 403, 404, 200, 403),
    },
    "PUT /api/v1/programmes/cohorts/{cohort_id}/selection/{application_id}/scores": {"north_west": EMPTY_PUT},
    "POST /api/v1/programmes/cohorts/{cohort_id}/offers": {"north_west": EMPTY_POST},
    "PUT /api/v1/programmes/cohorts/{cohort_id}/selection/{application_id}/reply-by": {"north_west": EMPTY_PUT},
}
# fmt: on


def _programme() -> Programme:
    found, _ = Programme.objects.get_or_create(
        key="matrix-leadership",
        defaults={
            "title": "Matrix: leadership",
            "kind": ProgrammeKind.LEADERSHIP.value,
            "delivery": "blended",
            "needs_manager_support": True,
            "selection_criteria": ["Motivation"],
        },
    )
    return found


def _cohort(name: str, region: Region | None) -> Cohort:
    today = timezone.localdate()
    found, _ = Cohort.objects.get_or_create(
        programme=_programme(),
        name=name,
        defaults={
            "region": region,
            "starts_on": today + timedelta(days=60),
            "ends_on": today + timedelta(days=120),
            "capacity": 10,
            "applications_open_on": today - timedelta(days=5),
            "applications_close_on": today + timedelta(days=5),
        },
    )
    return found


def _application(cohort: Cohort, person: User, status: str = ApplicationStatus.SUBMITTED.value) -> Application:
    found, _ = Application.objects.get_or_create(
        cohort=cohort,
        person=person,
        defaults={
            "statement": "Matrix statement",
            "status": status,
            "organisation": person.organisation,
            "band": person.band or "",
            "submitted_at": timezone.now(),
        },
    )
    return found


def prepare(world: World) -> None:
    _cohort("Matrix national", None)
    _cohort("Matrix North West", current_region("Y62"))
    _cohort("Matrix London", current_region("Y56"))


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if not variant:
        return {}
    national = _cohort("Matrix national", None)
    north_west = _cohort("Matrix North West", current_region("Y62"))
    cohorts = {"open": national, "national": national, "north_west": north_west,
               "london": _cohort("Matrix London", current_region("Y56"))}  # fmt: skip
    applications = {
        "own": lambda: _application(national, viewer or world.staff),
        "another": lambda: _application(national, world.colleague),
        "mine_org": lambda: _application(
            _cohort("Matrix London", current_region("Y56")), world.staff, ApplicationStatus.AWAITING_SUPPORT.value
        ),
        "other_org": lambda: _application(national, world.outsider, ApplicationStatus.AWAITING_SUPPORT.value),
    }
    kwargs: dict[str, Any] = {}
    if "{cohort_id}" in name or (name.startswith("programmes:") and name.split(":")[1] in {
        "application_new", "selection", "selection_offer", "selection_score", "offer_reply_by",
    }):  # fmt: skip
        kwargs["cohort_id"] = cohorts[variant].pk if variant in cohorts else 999_999
    if "{application_id}" in name or name.split(":")[-1] in {
        "application", "application_reply", "application_withdraw", "support_decide", "selection_score", "offer_reply_by",
    }:  # fmt: skip
        if variant in applications:
            kwargs["application_id"] = applications[variant]().pk
        elif variant in {"north_west", "national"}:
            kwargs["application_id"] = _application(cohorts[variant], world.colleague).pk
        else:
            kwargs["application_id"] = 999_999
    return kwargs


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
