"""Staffing in the role matrix (tests/test_role_matrix.py). Figures are for every signed-in person;
returns and the board report for those who oversee the organisation (RAA: the manager; RBA: the
North West lead); policy and imports for the national team. Forms that only accept POST answer GET
with 405."""

from typing import Any

from tests.conftest import YEAR, World
from tests.factories import publish_staffing_figures
from tests.routes import SIGN_IN, AppRoutes, Outcome, row

# fmt: off
EXPECTED: dict[str, dict[str, dict[str, Outcome]]] = {
    #                                            anonymous  staff  manager  lead  national  curator
    "staffing:dashboard":                {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "staffing:policy":                   {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "staffing:policy_create":            {"": row(405,      405,   405,     405,  405,      405)},
    "staffing:import":                   {"": row(SIGN_IN,  403,   403,     403,  200,      403)},
    "staffing:region": {
        "london":                             row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    "staffing:organisation": {
        "RAA":                                row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    **{
        name: {
            "RAA":                            row(SIGN_IN,  403,   200,     403,  200,      403),
            "RBA":                            row(SIGN_IN,  403,   403,     200,  200,      403),
            "unknown":                        row(SIGN_IN,  404,   404,     404,  404,      404),
        }
        for name in ("staffing:board_report", "staffing:returns", "staffing:return")
    },
    **{
        name: {"RAA":                         row(405,      405,   405,     405,  405,      405)}
        for name in ("staffing:return_upload", "staffing:post_add", "staffing:post_remove", "staffing:impact_update",
                     "staffing:return_action")
    },
    "GET /api/v1/staffing/ratios":          {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/staffing/organisations/{ods_code}": {
        "RAA":                                row(401,      200,   200,     200,  200,      200),
        "unknown":                            row(401,      404,   404,     404,  404,      404),
    },
    "GET /api/v1/staffing/policy":          {"": row(401,      200,   200,     200,  200,      200)},
    # An empty upload: 403 for those who may not import, 422 (what is missing) for the national team.
    "POST /api/v1/staffing/imports":        {"": row(401,      403,   403,     403,  422,      403)},
}
# fmt: on

FOR_A_YEAR = {
    "staffing:return",
    "staffing:return_upload",
    "staffing:post_add",
    "staffing:post_remove",
    "staffing:impact_update",
    "staffing:return_action",
}


def path_kwargs(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    if name == "staffing:region":
        return {"code": "Y56" if variant == "london" else "Y99"}
    if not variant:
        return {}
    kwargs: dict[str, Any] = {"ods_code": "ZZZ" if variant == "unknown" else variant}
    if name in FOR_A_YEAR:
        kwargs["year"] = YEAR
    if name == "staffing:post_remove":
        kwargs["post_id"] = 1
    if name == "staffing:return_action":
        kwargs["action"] = "submit"
    return kwargs


def prepare(world: World) -> None:
    """A census and published returns for the world's organisations, so figure pages have a year."""
    publish_staffing_figures(world, YEAR)


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
