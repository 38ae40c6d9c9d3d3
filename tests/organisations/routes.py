"""Organisations and regions in the role matrix (tests/test_role_matrix.py): for every signed-in
person; the import for the national team."""

from typing import Any

from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                                            anonymous  staff  manager  lead  national  curator
    "organisations:list":                {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "organisations:import":              {"": row(SIGN_IN,  403,   403,     403,  200,      403)},
    "organisations:detail": {
        "RAA":                                row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    "organisations:region_list":         {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "organisations:region_detail": {
        "london":                             row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    # The API (session authentication): 401 rather than a redirect when not signed in.
    "GET /api/v1/organisations":            {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/organisations/{ods_code}": {
        "RAA":                                row(401,      200,   200,     200,  200,      200),
        "unknown":                            row(401,      404,   404,     404,  404,      404),
    },
    "GET /api/v1/regions":                  {"": row(401,      200,   200,     200,  200,      200)},
}
# fmt: on


def path_kwargs(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    if name in {"organisations:detail", "GET /api/v1/organisations/{ods_code}"}:
        return {"ods_code": "RAA" if variant == "RAA" else "ZZZ"}
    if name == "organisations:region_detail":
        return {"geography": "nhse-regions", "code": "Y56" if variant == "london" else "Y99"}
    return {}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs)
