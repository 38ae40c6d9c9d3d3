"""Learning in the role matrix: the catalogue's pages and API.

Resource variants: published and retired (anyone signed in), draft (curators only: others 404),
unknown (no such resource). Topic variants: the topic `matrix-topic`, and an unknown one.
The curators' pages answer 403 to everyone else, before anything is looked up (so an unknown
resource or topic is 403 to them, 404 to a curator)."""

from datetime import date
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import Resource, Topic
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)
CURATORS = row(SIGN_IN, 403, 403, 403, 403, 200)
CURATORS_UNKNOWN = row(SIGN_IN, 403, 403, 403, 403, 404)
CURATORS_DRAFT = row(SIGN_IN, 404, 404, 404, 404, 200)
POST_ONLY = row(405, 405, 405, 405, 405, 405)
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200)
API_NOT_FOUND = row(401, 404, 404, 404, 404, 404)
# A write with no body is refused for anyone signed in before anything is looked up: a POST's
# empty form body is not JSON (400); a PUT without a body lacks its fields (422).
EMPTY_POST = row(401, 400, 400, 400, 400, 400)
EMPTY_PUT = row(401, 422, 422, 422, 422, 422)

# fmt: off
EXPECTED = {
    #                                    anonymous  staff  manager  lead  national  curator
    "learning:home":            {"": SIGNED_IN},
    "learning:resource": {
        "published": SIGNED_IN, "retired": SIGNED_IN, "draft": CURATORS_DRAFT, "unknown": NOT_FOUND,
    },
    "learning:resource_new":    {"": CURATORS},
    "learning:resource_edit":   {"published": CURATORS, "draft": CURATORS, "unknown": CURATORS_UNKNOWN},
    "learning:resource_status": {"published": POST_ONLY},
    "learning:topics":          {"": SIGNED_IN},
    "learning:topic":           {"matrix-topic": SIGNED_IN, "unknown": NOT_FOUND},
    "learning:topic_new":       {"": CURATORS},
    "learning:topic_edit":      {"matrix-topic": CURATORS, "unknown": CURATORS_UNKNOWN},
    "learning:topic_list":      {"matrix-topic": POST_ONLY},
    "GET /api/v1/learning/resources": {"": API_SIGNED_IN},
    "GET /api/v1/learning/resources/{resource_id}": {
        "published": API_SIGNED_IN,
        "retired": API_SIGNED_IN,
        "draft": row(401, 404, 404, 404, 404, 200),
        "unknown": API_NOT_FOUND,
    },
    "POST /api/v1/learning/resources": {"": EMPTY_POST},
    "PUT /api/v1/learning/resources/{resource_id}": {"published": EMPTY_PUT, "unknown": EMPTY_PUT},
    "GET /api/v1/learning/topics": {"": API_SIGNED_IN},
    "GET /api/v1/learning/topics/{slug}": {"matrix-topic": API_SIGNED_IN, "unknown": API_NOT_FOUND},
    "POST /api/v1/learning/topics": {"": EMPTY_POST},
    "PUT /api/v1/learning/topics/{slug}": {"matrix-topic": EMPTY_PUT, "unknown": EMPTY_PUT},
}
# fmt: on

MUST_CONTAIN = {
    ("learning:resource", "retired"): "Retired: kept for history",
    ("learning:topics", ""): "Matrix topic",
    ("learning:home", ""): 'action="/learning/search/"',
}


def _resource(status: ResourceStatus) -> Resource:
    found, _ = Resource.objects.get_or_create(
        title=f"Matrix resource ({status.value})",
        defaults={
            "kind": ResourceKind.E_LEARNING,
            "url": f"https://learning.example.invalid/matrix/{status.value}",
            "added_on": date(2026, 1, 5),
            "status": status,
        },
    )
    return found


def prepare(world: World) -> None:
    for status in ResourceStatus:
        _resource(status)
    Topic.objects.get_or_create(slug="matrix-topic", defaults={"name": "Matrix topic"})


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if "resource" in name and variant:
        known = {status.value: status for status in ResourceStatus}
        return {"resource_id": _resource(known[variant]).pk if variant in known else 999_999}
    if "topic" in name and variant:
        return {"slug": variant}
    return {}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare, must_contain=MUST_CONTAIN)
