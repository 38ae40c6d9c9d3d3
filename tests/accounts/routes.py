"""Subject access in the role matrix: everything held about a person (page, JSON, PDF and API).

The person themselves and the national team get it; anyone else who may see the person (their
service manager, their regional lead) gets 403; anyone who may not see the person at all, 404.
Person variants are those of tests/test_role_matrix.py: self, colleague (Cal, RAA), outsider (Olu,
RAB) and north_west (Cur the curator, RBA)."""

from typing import Any

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
