"""Subject access in the role matrix: everything held about a person (page, JSON, PDF and API).

The person themselves and the national team get it; anyone else who may see the person (their
service manager, their regional lead) gets 403; anyone who may not see the person at all, 404.
Person variants are those of tests/test_role_matrix.py: self, colleague (Cal, RAA), outsider (Olu,
RAB) and north_west (Cur the curator, RBA)."""

from typing import Any

from lksworkforce.accounts import services
from lksworkforce.accounts.models import ApiToken
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

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

EXPECTED = {
    "accounts:person_data": PAGE,
    "accounts:person_data_json": PAGE,
    "accounts:person_data_pdf": PAGE,
    "GET /api/v1/people/{person_id}/personal-data": API,
}


def _path_kwargs(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    if variant == "self":
        return {"person_id": (viewer or world.staff).pk}
    return {
        "person_id": {"colleague": world.colleague, "outsider": world.outsider, "north_west": world.curator}[variant].pk
    }


ROUTES = AppRoutes(
    expected=EXPECTED,
    url_prefix="accounts:person_data",
    api_prefix="/api/v1/people/{person_id}/personal-data",
    path_kwargs=_path_kwargs,
)


# Personal API tokens: made and revoked on the profile page (POST only: GET is 405), listed and
# revoked over the API. Variants: "own", a token of the viewer's (the staff member's for anonymous);
# "other", the colleague's, which nobody else may revoke (404: not theirs to know it exists).
TOKEN_EXPECTED = {
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


def _token_kwargs(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    if not variant:
        return {}
    owner = world.colleague if variant == "other" else (viewer or world.staff)
    if variant == "other" and owner == viewer:  # pragma: no cover - the colleague is not a role of the matrix
        raise AssertionError("the colleague must not be a viewer")
    token = ApiToken.objects.filter(person=owner).first() or services.api_token_create(person=owner, name="matrix")[0]
    return {"token_id": token.pk}


TOKEN_ROUTES = AppRoutes(
    expected=TOKEN_EXPECTED,
    url_prefix="accounts:api_token",
    api_prefix="/api/v1/me/api-tokens",
    path_kwargs=_token_kwargs,
)
