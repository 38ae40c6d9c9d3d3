"""The pieces of the role matrix (tests/test_role_matrix.py) that apps use to write their own tables,
and the discovery of those tables: `<tests>.routes.ROUTES` of every capability that names a `tests`
package (lksworkforce/core/capability.py)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.core.capability import capabilities, optional_module
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


def _no_path_parameters(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    return {}


def _nothing_to_prepare(world: World) -> None:
    return None


@dataclass(frozen=True)
class AppRoutes:
    """One app's part of the role matrix.

    `expected`: URL name or "METHOD /api/v1/path" -> variant -> role -> outcome (see test_role_matrix);
    the app answers for exactly these keys. `path_kwargs(name, variant, world, viewer)` fills in their
    path parameters, `prepare(world)` runs before every case to create what the variants refer to, and
    `must_contain` names (key, variant) -> text the answer must contain, where the status says too little."""

    expected: dict[str, dict[str, dict[str, Outcome]]]
    path_kwargs: Callable[[str, str, World, User | None], dict[str, Any]] = _no_path_parameters
    prepare: Callable[[World], None] = _nothing_to_prepare
    must_contain: dict[tuple[str, str], str] = field(default_factory=dict)

    def answers_for(self, name: str) -> bool:
        return name in self.expected


def discovered_tables() -> list[AppRoutes]:
    """Every capability's role-matrix table, in INSTALLED_APPS order."""
    tables = []
    for capability in capabilities():
        module = optional_module(f"{capability.tests}.routes") if capability.tests else None
        routes = getattr(module, "ROUTES", None)
        if routes is not None:
            assert isinstance(routes, AppRoutes), f"{capability.tests}.routes.ROUTES must be an AppRoutes"
            tables.append(routes)
    return tables


def joined(parts: tuple[AppRoutes, ...], app: str) -> AppRoutes:
    """One app's table from its parts' tables (each part answers for its own keys, none twice)."""

    def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
        part = next(p for p in parts if p.answers_for(name))
        return part.path_kwargs(name, variant, world, viewer)

    def prepare(world: World) -> None:
        for part in parts:
            part.prepare(world)

    expected: dict[str, dict[str, dict[str, Outcome]]] = {}
    for part in parts:
        overlap = expected.keys() & part.expected.keys()
        assert not overlap, f"two {app} parts answer for {sorted(overlap)}"
        expected |= part.expected
    return AppRoutes(
        expected=expected,
        path_kwargs=path_kwargs,
        prepare=prepare,
        must_contain={key: text for part in parts for key, text in part.must_contain.items()},
    )
