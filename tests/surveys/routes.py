"""Surveys in the role matrix: who gets what for every surveys URL and API operation.

Anyone may answer an open survey without signing in (the form's pages answer 200 for every role;
without answers in progress in the browser they say so). Results are for every signed-in person once
a survey has closed, and for the national team only while it is open (docs/adr/0011-privacy-over-time.md);
loading definitions and importing responses for the national team. Variants: "open", a survey open
today with no responses; "closed", one that closed yesterday; "unknown", a key no survey has (404,
after the sign-in and permission checks)."""

from typing import Any

from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, Outcome, row

SURVEY_KEY = "matrix-survey"

ANYONE = {"open": row(200, 200, 200, 200, 200, 200), "unknown": row(404, 404, 404, 404, 404, 404)}
SIGNED_IN = {"open": row(SIGN_IN, 200, 200, 200, 200, 200), "unknown": row(SIGN_IN, 404, 404, 404, 404, 404)}
API_SIGNED_IN = {"open": row(401, 200, 200, 200, 200, 200), "unknown": row(401, 404, 404, 404, 404, 404)}
RESULTS = {
    "open": row(SIGN_IN, 403, 403, 403, 200, 403),
    "closed": row(SIGN_IN, 200, 200, 200, 200, 200),
    "unknown": row(SIGN_IN, 404, 404, 404, 404, 404),
}
API_RESULTS = {
    "open": row(401, 403, 403, 403, 200, 403),
    "closed": row(401, 200, 200, 200, 200, 200),
    "unknown": row(401, 404, 404, 404, 404, 404),
}
CLOSED_KEY = "matrix-closed"

# fmt: off
EXPECTED: dict[str, dict[str, dict[str, Outcome]]] = {
    #                                                  anonymous  staff  manager  lead  national  curator
    "surveys:list":                      {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "surveys:load":                      {"": row(SIGN_IN,  403,   403,     403,  200,      403)},
    # The survey form.
    "surveys:start":                     ANYONE,
    "surveys:section":                   ANYONE,
    "surveys:saved":                     ANYONE,
    "surveys:resume":                    ANYONE,
    "surveys:check":                     ANYONE,
    "surveys:done":                      ANYONE,
    # A made-up invitation token: not a valid invitation.
    "surveys:invitation":                {"open": row(404, 404, 404, 404, 404, 404)},
    # Starting a response only accepts POST.
    "surveys:begin":                     {"open": row(405, 405, 405, 405, 405, 405)},
    # Results.
    "surveys:results":                   RESULTS,
    "surveys:questions":                 RESULTS,
    "surveys:printable":                 RESULTS,
    "surveys:cpd_offer":                 RESULTS,
    "surveys:definition":                SIGNED_IN,
    "surveys:import": {
        "open":                               row(SIGN_IN,  403,   403,     403,  200,      403),
        "unknown":                            row(SIGN_IN,  403,   403,     403,  404,      403),
    },
    # The API.
    "GET /api/v1/surveys":                  {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/surveys/{key}":            API_SIGNED_IN,
    "GET /api/v1/surveys/{key}/ranking":    API_RESULTS,
    "GET /api/v1/surveys/{key}/summary":    API_RESULTS,
    "GET /api/v1/surveys/{key}/cpd-offer":  API_RESULTS,
    # An empty upload: 403 for those who may not import, 422 (what is missing) for the national team.
    "POST /api/v1/surveys/{key}/imports": {
        "open":                               row(401,      403,   403,     403,  422,      403),
        "unknown":                            row(401,      403,   403,     403,  404,      403),
    },
}
# fmt: on


def path_kwargs(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    if not variant:
        return {}
    kwargs: dict[str, Any] = {"key": {"open": SURVEY_KEY, "closed": CLOSED_KEY}.get(variant, "no-such-survey")}
    if name == "surveys:section":
        kwargs["number"] = 1
    if name == "surveys:invitation":
        kwargs["token"] = "not-a-real-invitation"
    return kwargs


def prepare(world: World) -> None:
    from tests.surveys.factories import close, load_survey

    load_survey(key=SURVEY_KEY)
    load_survey(key=CLOSED_KEY, cycle=2024)
    close(CLOSED_KEY)


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
