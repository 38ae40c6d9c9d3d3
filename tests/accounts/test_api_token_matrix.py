"""Personal API tokens in the role matrix: a program holding a person's token gets, for every API
operation and variant, exactly what the person gets in tests/test_role_matrix.py."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from lksworkforce.accounts import services
from tests.conftest import ROLES, World
from tests.routes import Outcome
from tests.test_role_matrix import EXPECTED, _kwargs, discovered_routes, prepared

__all__ = ["prepared"]  # the role matrix's fixtures, prepared before every case here too


def _token_cases() -> Iterator[Any]:
    """Every API operation and variant, for every role that can hold a token."""
    for route in discovered_routes():
        if " " not in route.key:
            continue
        for variant, by_role in EXPECTED.get(route.key, {}).items():
            for role in ROLES[1:]:
                label = f"{route.key}[{variant}]" if variant else route.key
                yield pytest.param(route.key, variant, role, by_role[role], id=f"{label}-{role}")


@pytest.mark.parametrize(("name", "variant", "role", "expected"), list(_token_cases()))
def test_an_api_token_gets_what_its_owner_gets(
    world: World, name: str, variant: str, role: str, expected: Outcome
) -> None:
    """A program with a person's API token, and no session, gets exactly what the person gets: the
    same scope, the same refusals (404 outside it). It needs no CSRF token, which is for browsers."""
    viewer = world.by_role(role)
    assert viewer is not None
    _token, secret = services.api_token_create(person=viewer, name="role matrix")
    method, path = name.split(" ", 1)
    url = path.format(**_kwargs(name, variant, world, viewer))
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method.lower())(url, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == expected, (
        f"{url} as {role} with a token: {response.status_code}, expected {expected}"
    )
