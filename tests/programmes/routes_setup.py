"""Programmes in the role matrix: setup (programmes, cohorts, sessions, projects, calendar feeds)."""

from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                              anonymous  staff  manager  lead  national  curator
    "programmes:home":       {"": row(SIGN_IN, 200,   200,     200,  200,      200)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
