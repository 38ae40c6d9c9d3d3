"""Learning in the role matrix: search (the page and the API), for everyone signed in."""

from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                                     anonymous  staff  manager  lead  national  curator
    "learning:search":               {"": row(SIGN_IN, 200, 200, 200, 200, 200)},
    "GET /api/v1/learning/search":   {"": row(401, 200, 200, 200, 200, 200)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
