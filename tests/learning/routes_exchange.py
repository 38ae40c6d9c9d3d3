"""Learning in the role matrix: the catalogue's import (curators) and its exports and feeds (anyone
signed in). Topic feed variants: the topic `matrix-exchange-topic`, and an unknown one."""

from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import Topic
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
CURATORS = row(SIGN_IN, 403, 403, 403, 403, 200)
NOT_FOUND = row(SIGN_IN, 404, 404, 404, 404, 404)

# fmt: off
EXPECTED = {
    #                                              anonymous  staff  manager  lead  national  curator
    "learning:catalogue_import":              {"": CURATORS},
    "learning:catalogue_export":              {"": SIGNED_IN},
    "learning:catalogue_download":            {"csv": SIGNED_IN, "xlsx": SIGNED_IN},
    "learning:catalogue_jsonld":              {"": SIGNED_IN},
    "learning:feed":                          {"": SIGNED_IN},
    "learning:topic_feed":                    {"matrix-exchange-topic": SIGNED_IN, "unknown": NOT_FOUND},
    # No file: 422 for curators, after the permission check.
    "POST /api/v1/learning/catalogue/import": {"": row(401,      403,   403,     403,  403,      422)},
}
# fmt: on


def prepare(world: World) -> None:
    Topic.objects.get_or_create(slug="matrix-exchange-topic", defaults={"name": "Matrix exchange topic"})


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    if name == "learning:catalogue_download":
        return {"file_format": variant}
    if name == "learning:topic_feed":
        return {"slug": variant}
    return {}


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
