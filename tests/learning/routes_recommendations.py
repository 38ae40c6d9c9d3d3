"""Learning in the role matrix: recommendations and their weights.

Resource variants: published (a published resource, `Matrix recommended`), unknown (no such resource)."""

from datetime import date
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import Resource
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
POST_ONLY = row(405, 405, 405, 405, 405, 405)
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200)

# fmt: off
EXPECTED = {
    #                                                        anonymous staff manager lead national curator
    "learning:recommendations":                    {"": SIGNED_IN},
    "learning:weights":                            {"": SIGNED_IN},
    "learning:recommendation_dismiss":             {"published": POST_ONLY},
    "learning:recommendation_undismiss":           {"published": POST_ONLY},
    "learning:recommendation_plan":                {"published": POST_ONLY},
    "GET /api/v1/learning/recommendations":        {"": API_SIGNED_IN},
    "POST /api/v1/learning/recommendations/{resource_id}/dismiss": {
        "published":                                   API_SIGNED_IN,
        "unknown":                                     row(401, 404, 404,    404, 404,     404),
    },
    "GET /api/v1/learning/recommendation-weights": {"": API_SIGNED_IN},
    # A PUT without a body lacks its fields (422) for anyone signed in, before the permission is asked.
    "PUT /api/v1/learning/recommendation-weights": {"": row(401, 422, 422,    422, 422,     422)},
}
# fmt: on


def _resource() -> Resource:
    found, _ = Resource.objects.get_or_create(
        title="Matrix recommended",
        defaults={
            "kind": ResourceKind.E_LEARNING,
            "url": "https://learning.example.invalid/matrix-recommended",
            "added_on": date(2026, 1, 5),
            "status": ResourceStatus.PUBLISHED,
        },
    )
    return found


def prepare(world: World) -> None:
    _resource()


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if name in EXPECTED and variant in {"published", "unknown"}:
        return {"resource_id": _resource().pk if variant == "published" else 999_999}
    return {}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
