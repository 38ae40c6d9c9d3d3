"""The pieces of the role matrix (tests/test_role_matrix.py) that apps use to write their own tables."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.conftest import ROLES, World


@dataclass(frozen=True)
class Redirect:
    """A 302 to the page named `to`; for the sign-in page, with `next` set to where you were."""

    to: str

    def __str__(self) -> str:
        return f"302->{self.to}"


SIGN_IN = Redirect("accounts:sign_in")
HOME = Redirect("core:home")
type Outcome = int | Redirect


def row(
    anonymous: Outcome, staff: Outcome, manager: Outcome, lead: Outcome, national: Outcome, curator: Outcome
) -> dict[str, Outcome]:
    return dict(zip(ROLES, (anonymous, staff, manager, lead, national, curator), strict=True))


def _no_path_parameters(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    return {}


def _nothing_to_prepare(world: World) -> None:
    return None


@dataclass(frozen=True)
class AppRoutes:
    """One app's part of the role matrix.

    `expected`: URL name or "METHOD /api/v1/path" -> variant -> role -> outcome (see test_role_matrix).
    `url_prefix` ("skills:") and `api_prefix` ("/api/v1/skills") say which keys the app answers for;
    `path_kwargs(name, variant, world, viewer)` fills in their path parameters, and
    `prepare(world)` runs before every case to create what the variants refer to."""

    expected: dict[str, dict[str, dict[str, Outcome]]]
    url_prefix: str
    api_prefix: str
    path_kwargs: Callable[[str, str, World, Any], dict[str, Any]] = _no_path_parameters
    prepare: Callable[[World], None] = _nothing_to_prepare

    def answers_for(self, name: str) -> bool:
        return name.startswith(self.url_prefix) or name.split(" ", 1)[-1].startswith(self.api_prefix)
