"""Accounts in the role matrix (tests/test_role_matrix.py): signing in and out, password resets,
profiles and people, and subject access.

People outside the viewer's scope answer 404, not 403: whether someone exists outside your scope is
not yours to know. Person variants name whose page it is:
  self       the viewer themselves (staff for anonymous);
  colleague  Cal, in RAA (London), the manager's own organisation;
  outsider   Olu, in RAB (London), outside the manager's organisation;
  north_west Cur (the curator), in RBA, the regional lead's region.

Subject access (everything held about a person: page, JSON, PDF and API): the person themselves and
the national team get it; anyone else who may see the person (their
service manager, their regional lead) gets 403; anyone who may not see the person at all, 404.
"""

from typing import Any

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lksworkforce.accounts import services
from lksworkforce.accounts.models import ApiToken, User
from tests.conftest import World
from tests.routes import HOME, SIGN_IN, AppRoutes, Outcome, row

PAGE = {
    "self":       row(SIGN_IN, 200, 200, 200, 200, 200),
    "colleague":  row(SIGN_IN, 404, 403, 404, 200, 404),
    "outsider":   row(SIGN_IN, 404, 404, 404, 200, 404),
    "north_west": row(SIGN_IN, 404, 404, 403, 200, 200),
}  # fmt: skip
API = {
    "self":       row(401, 200, 200, 200, 200, 200),
    "colleague":  row(401, 404, 403, 404, 200, 404),
    "outsider":   row(401, 404, 404, 404, 200, 404),
    "north_west": row(401, 404, 404, 403, 200, 200),
}  # fmt: skip

# fmt: off
EXPECTED: dict[str, dict[str, dict[str, Outcome]]] = {
    #                                            anonymous  staff  manager  lead  national  curator
    "accounts:sign_in":                  {"": row(200,      HOME,  HOME,    HOME, HOME,     HOME)},
    "accounts:sign_out":                 {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:password_reset":           {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:password_reset_done":      {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:password_reset_confirm":   {"bad_token": row(200, 200, 200,   200,  200,      200)},
    "accounts:password_reset_complete":  {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:profile":                  {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "accounts:people":                   {"": row(SIGN_IN,  403,   200,     200,  200,      403)},
    "accounts:person": {
        "self":                               row(SIGN_IN,  200,   200,     200,  200,      200),
        "colleague":                          row(SIGN_IN,  404,   200,     404,  200,      404),
        "outsider":                           row(SIGN_IN,  404,   404,     404,  200,      404),
        "north_west":                         row(SIGN_IN,  404,   404,     200,  200,      200),
    },
    "GET /api/v1/me":                       {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/people":                   {"": row(401,      403,   200,     200,  200,      403)},
    "GET /api/v1/people/{person_id}": {
        "self":                               row(401,      200,   200,     200,  200,      200),
        "colleague":                          row(401,      404,   200,     404,  200,      404),
        "outsider":                           row(401,      404,   404,     404,  200,      404),
        "north_west":                         row(401,      404,   404,     200,  200,      200),
    },
    "accounts:person_data": PAGE,
    "accounts:person_data_json": PAGE,
    "accounts:person_data_pdf": PAGE,
    "GET /api/v1/people/{person_id}/personal-data": API,
}
# fmt: on


def _path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if name == "accounts:password_reset_confirm":
        return {"uidb64": urlsafe_base64_encode(force_bytes(world.colleague.pk)), "token": "not-a-real-token"}
    if not variant:
        return {}
    if variant == "self":
        return {"person_id": (viewer or world.staff).pk}
    return {
        "person_id": {"colleague": world.colleague, "outsider": world.outsider, "north_west": world.curator}[variant].pk
    }


# Personal API tokens: made and revoked on the profile page (POST only: GET is 405), listed and
# revoked over the API. Variants: "own", a token of the viewer's (the staff member's for anonymous);
# "other", the colleague's, which nobody else may revoke (404: not theirs to know it exists).
TOKEN_EXPECTED: dict[str, dict[str, dict[str, Outcome]]] = {
    "accounts:api_token_create": {"": row(405, 405, 405, 405, 405, 405)},
    "accounts:api_token_revoke": {
        "own":   row(405, 405, 405, 405, 405, 405),
        "other": row(405, 405, 405, 405, 405, 405),
    },
    "GET /api/v1/me/api-tokens": {"": row(401, 200, 200, 200, 200, 200)},
    "POST /api/v1/me/api-tokens/{token_id}/revoke": {
        "own":   row(401, 200, 200, 200, 200, 200),
        "other": row(401, 404, 404, 404, 404, 404),
    },
}  # fmt: skip


def _token_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if not variant:
        return {}
    owner = world.colleague if variant == "other" else (viewer or world.staff)
    if variant == "other" and owner == viewer:  # pragma: no cover - the colleague is not a role of the matrix
        raise AssertionError("the colleague must not be a viewer")
    token = ApiToken.objects.filter(person=owner).first() or services.api_token_create(person=owner, name="matrix")[0]
    return {"token_id": token.pk}


def _any_path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if name in TOKEN_EXPECTED:
        return _token_kwargs(name, variant, world, viewer)
    return _path_kwargs(name, variant, world, viewer)


ROUTES = AppRoutes(
    expected={**EXPECTED, **TOKEN_EXPECTED},
    path_kwargs=_any_path_kwargs,
    must_contain={("accounts:password_reset_confirm", "bad_token"): "This link has expired"},
)
