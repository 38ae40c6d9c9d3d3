"""Programmes in the role matrix: selection (the regional fair shares of places).

The page asks its question when opened without one (200 for those who share out places); the API
operation with no places or year is refused as incomplete (422) once the caller may ask it."""

from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                                     anonymous  staff  manager  lead  national  curator
    "programmes:fair_shares":         {"": row(SIGN_IN, 403, 403, 200, 200, 403)},
    "GET /api/v1/programmes/fair-shares": {"": row(401, 403, 403, 422, 422, 403)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
