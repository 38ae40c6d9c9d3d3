"""Programmes in the role matrix: facilitators (the register, training events, facilitated sessions
and the cascade). Only regional leads and the national team may see them (403 for anyone else,
before anything is looked up).

Variants (the regional lead, Lee Lead, leads North West):
  own       a North West facilitator, session or event: Lee's and the national team's;
  other     a London one: not Lee's to know of (404), the national team's;
  national  a national training event: Lee sees it but only the national team changes it (403);
  unknown   no such record."""

from datetime import date
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import FacilitatedSession, Facilitator, TrainingEvent
from tests.conftest import World
from tests.factories import current_region
from tests.routes import SIGN_IN, AppRoutes, row

RUNNERS = row(SIGN_IN, 403, 403, 200, 200, 403)
OTHER = row(SIGN_IN, 403, 403, 404, 200, 403)
UNKNOWN = row(SIGN_IN, 403, 403, 404, 404, 403)
BY_RECORD = {"own": RUNNERS, "other": OTHER, "unknown": UNKNOWN}
API_RUNNERS = row(401, 403, 403, 200, 200, 403)
API_BY_RECORD = {
    "own": API_RUNNERS,
    "other": row(401, 403, 403, 404, 200, 403),
    "unknown": row(401, 403, 403, 404, 404, 403),
}
EMPTY_POST = row(401, 400, 400, 400, 400, 400)  # no body: not JSON, refused before any lookup
EMPTY_WRITE = row(401, 422, 422, 422, 422, 422)  # a PUT without its fields

# fmt: off
EXPECTED = {
    #                                       anonymous  staff  manager  lead  national  curator
    "programmes:facilitators":              {"": RUNNERS},
    "programmes:facilitator_new":           {"": RUNNERS},
    "programmes:facilitator":               BY_RECORD,
    "programmes:facilitator_edit":          BY_RECORD,
    "programmes:facilitated_session_new":   BY_RECORD,
    "programmes:facilitated_session_edit":  BY_RECORD,
    "programmes:training_events":           {"": RUNNERS},
    "programmes:training_event_new":        {"": RUNNERS},
    "programmes:training_event_edit":       BY_RECORD | {"national": row(SIGN_IN, 403, 403, 403, 200, 403)},
    "programmes:cascade":                   {"": RUNNERS},
    "GET /api/v1/programmes/facilitators":  {"": API_RUNNERS},
    "POST /api/v1/programmes/facilitators": {"": EMPTY_POST},
    "GET /api/v1/programmes/facilitators/{facilitator_id}": API_BY_RECORD,
    "PUT /api/v1/programmes/facilitators/{facilitator_id}": {"own": EMPTY_WRITE},
    "GET /api/v1/programmes/facilitators/{facilitator_id}/sessions": API_BY_RECORD,
    "POST /api/v1/programmes/facilitators/{facilitator_id}/sessions": {"own": EMPTY_POST},
    "PUT /api/v1/programmes/facilitated-sessions/{session_id}": {"own": EMPTY_WRITE},
    "GET /api/v1/programmes/training-events": {"": API_RUNNERS},
    "POST /api/v1/programmes/training-events": {"": EMPTY_POST},
    "PUT /api/v1/programmes/training-events/{event_id}": {"own": EMPTY_WRITE},
    "GET /api/v1/programmes/cascade":       {"": API_RUNNERS},
}
# fmt: on

REGIONS = {"own": "Y62", "other": "Y56"}


def _event(variant: str) -> TrainingEvent:
    region = current_region(REGIONS[variant]) if variant in REGIONS else None
    found, _ = TrainingEvent.objects.get_or_create(
        title=f"Matrix event {variant}",
        defaults={"kind": "action_learning_sets", "held_on": date(2026, 3, 2), "region": region},
    )
    return found


def _facilitator(world: World, variant: str) -> Facilitator:
    person = world.colleague if variant == "own" else world.outsider
    found, _ = Facilitator.objects.get_or_create(
        person=person,
        kind="action_learning_sets",
        defaults={
            "trained_on": date(2026, 3, 2),
            "trained_at": _event(variant),
            "region": current_region(REGIONS[variant]),
            "sessions_per_year": 4,
        },
    )
    return found


def _session(world: World, variant: str) -> FacilitatedSession:
    found, _ = FacilitatedSession.objects.get_or_create(
        facilitator=_facilitator(world, variant),
        title="Matrix set",
        defaults={"held_on": date(2026, 4, 6), "people_reached": 7},
    )
    return found


def prepare(world: World) -> None:
    _event("national")
    for variant in REGIONS:
        _session(world, variant)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    del viewer
    if not variant:
        return {}
    unknown = variant == "unknown"
    if "event" in name:
        return {"event_id": 999_999 if unknown else _event(variant).pk}
    if name == "programmes:facilitated_session_edit" or "{session_id}" in name:
        return {"session_id": 999_999 if unknown else _session(world, variant).pk}
    return {"facilitator_id": 999_999 if unknown else _facilitator(world, variant).pk}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
