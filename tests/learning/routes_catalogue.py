"""Learning in the role matrix: the catalogue's pages and API.

Resource variants: published (anyone signed in), draft (not yet shown), unknown (no such resource).
Topic variants: the topic `matrix-topic`, and an unknown one."""

from datetime import date
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import Resource, Topic
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)

# fmt: off
EXPECTED = {
    #                                    anonymous  staff  manager  lead  national  curator
    "learning:home":            {"": SIGNED_IN},
    "learning:resource":        {"published": SIGNED_IN, "draft": NOT_FOUND, "unknown": NOT_FOUND},
    "learning:topic":           {"matrix-topic": SIGNED_IN, "unknown": NOT_FOUND},
}
# fmt: on


def _resource(status: ResourceStatus) -> Resource:
    found, _ = Resource.objects.get_or_create(
        title=f"Matrix resource ({status.value})",
        defaults={
            "kind": ResourceKind.E_LEARNING,
            "url": "https://learning.example.invalid/matrix",
            "added_on": date(2026, 1, 5),
            "status": status,
        },
    )
    return found


def prepare(world: World) -> None:
    _resource(ResourceStatus.PUBLISHED)
    _resource(ResourceStatus.DRAFT)
    Topic.objects.get_or_create(slug="matrix-topic", defaults={"name": "Matrix topic"})


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if name == "learning:resource":
        ids = {"published": _resource(ResourceStatus.PUBLISHED).pk, "draft": _resource(ResourceStatus.DRAFT).pk}
        return {"resource_id": ids.get(variant, 999_999)}
    if name == "learning:topic":
        return {"slug": variant}
    return {}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
