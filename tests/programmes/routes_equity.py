"""Programmes in the role matrix: equity. The dashboard (and its CSV, XLSX and PDF) and its API
operation are for regional leads and the national team (`programmes.view_equity`); a lead sees the
national figures with their own region's row marked. No path parameters: the year is a query
parameter (its bad values are tested in test_equity_surfaces.py)."""

from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                                  anonymous  staff  manager  lead  national  curator
    "programmes:equity":            {"": row(SIGN_IN, 403,   403,     200,  200,      403)},
    "GET /api/v1/programmes/equity": {"": row(401,     403,   403,     200,  200,      403)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
