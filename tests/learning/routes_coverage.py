"""Learning in the role matrix: coverage (curators and the national team; others 403)."""

from tests.routes import SIGN_IN, AppRoutes, row

POST_ONLY = row(405, 405, 405, 405, 405, 405)

# fmt: off
EXPECTED = {
    #                                          anonymous  staff  manager  lead  national  curator
    "learning:coverage":                {"": row(SIGN_IN, 403,   403,     403,  200,      200)},
    "learning:coverage_queue":          {"": POST_ONLY},
    "GET /api/v1/learning/coverage":    {"": row(401,     403,   403,     403,  200,      200)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
