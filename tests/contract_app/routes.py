"""The test capability in the role matrix: its page and API operation, for every role."""

from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                                            anonymous  staff  manager  lead  national  curator
    "contract_app:probe":                {"": row(SIGN_IN,  403,   200,     200,  200,      403)},
    "GET /api/v1/contract-probe":           {"": row(401,      200,   200,     200,  200,      200)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
