"""Learning in the role matrix: suggesting, your suggestions, and the curators' queue.

Queue item variants: `waiting` (a person's suggestion waiting for a curator) and `unknown`. Only
curators work the queue: anyone else is refused (403) before anything is looked up."""

from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.vocabulary import SuggestionKind
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
CURATORS = row(SIGN_IN, 403, 403, 403, 403, 200)
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200)
API_CURATORS = row(401, 403, 403, 403, 403, 200)
# A write with no body: a POST's empty form body is not JSON (400), for anyone signed in.
EMPTY_POST = row(401, 400, 400, 400, 400, 400)

# fmt: off
EXPECTED = {
    #                                    anonymous  staff  manager  lead  national  curator
    "learning:suggest":          {"": SIGNED_IN},
    "learning:suggestions_mine": {"": SIGNED_IN},
    "learning:queue":            {"": CURATORS},
    "learning:queue_item":       {"waiting": CURATORS, "unknown": row(SIGN_IN, 403, 403, 403, 403, 404)},
    "POST /api/v1/learning/suggestions":      {"": EMPTY_POST},
    "GET /api/v1/learning/suggestions/mine":  {"": API_SIGNED_IN},
    "GET /api/v1/learning/queue":             {"": API_CURATORS},
    "POST /api/v1/learning/queue/{suggestion_id}/decision": {"waiting": EMPTY_POST, "unknown": EMPTY_POST},
}
# fmt: on

MATRIX_TITLE = "Matrix suggestion"


def _waiting(world: World) -> Suggestion:
    found, _ = Suggestion.objects.get_or_create(
        title=MATRIX_TITLE,
        defaults={"kind": SuggestionKind.NEW_RESOURCE, "suggested_by": world.staff, "url": "https://matrix.invalid/"},
    )
    return found


def prepare(world: World) -> None:
    _waiting(world)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if name in {"learning:queue_item", "POST /api/v1/learning/queue/{suggestion_id}/decision"}:
        return {"suggestion_id": _waiting(world).pk if variant == "waiting" else 999_999}
    return {}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
