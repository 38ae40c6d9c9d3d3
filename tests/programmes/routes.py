"""Programmes in the role matrix: each part's table (routes_<part>.py), answered together."""

from typing import Any

from lksworkforce.accounts.models import User
from tests.conftest import World
from tests.programmes import (
    routes_applications,
    routes_attendance,
    routes_certificates,
    routes_equity,
    routes_facilitators,
    routes_feedback,
    routes_selection,
    routes_setup,
)
from tests.routes import AppRoutes, Outcome

PARTS: tuple[AppRoutes, ...] = tuple(
    module.ROUTES
    for module in (
        routes_setup,
        routes_applications,
        routes_selection,
        routes_attendance,
        routes_certificates,
        routes_feedback,
        routes_facilitators,
        routes_equity,
    )
)


def _path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    part = next(p for p in PARTS if p.answers_for(name))
    return part.path_kwargs(name, variant, world, viewer)


def _prepare(world: World) -> None:
    for part in PARTS:
        part.prepare(world)


def _expected() -> dict[str, dict[str, dict[str, Outcome]]]:
    expected: dict[str, dict[str, dict[str, Outcome]]] = {}
    for part in PARTS:
        overlap = expected.keys() & part.expected.keys()
        assert not overlap, f"two programmes parts answer for {sorted(overlap)}"
        expected |= part.expected
    return expected


ROUTES = AppRoutes(
    expected=_expected(),
    path_kwargs=_path_kwargs,
    prepare=_prepare,
    must_contain={key: text for part in PARTS for key, text in part.must_contain.items()},
)
