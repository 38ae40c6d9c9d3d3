"""Learning in the role matrix: the catalogue's pages and API."""

from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                                    anonymous  staff  manager  lead  national  curator
    "learning:home":            {"": row(SIGN_IN,   200,   200,     200,  200,      200)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
