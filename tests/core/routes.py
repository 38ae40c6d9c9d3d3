"""Core's pages in the role matrix (tests/test_role_matrix.py): home, accessibility, privacy, policy."""

from tests.routes import SIGN_IN, AppRoutes, row

# fmt: off
EXPECTED = {
    #                                            anonymous  staff  manager  lead  national  curator
    "core:home":                         {"": row(200,      200,   200,     200,  200,      200)},
    "core:accessibility":                {"": row(200,      200,   200,     200,  200,      200)},
    "core:privacy":                      {"": row(200,      200,   200,     200,  200,      200)},
    "core:suppression_policy":           {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
}
# fmt: on

ROUTES = AppRoutes(expected=EXPECTED)
