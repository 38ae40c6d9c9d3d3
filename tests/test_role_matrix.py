"""Who gets what: every URL and every API operation, for every role.

`test_role_matrix` walks Django's URL resolver (and the ninja API's operations) and asks
each in turn, as each role in `tests.conftest.ROLES`, answering with the status written
in `EXPECTED`. `test_every_url_has_expectations` fails when a URL or API operation exists
without an entry there (or an entry names one that no longer exists): adding a URL means
writing down who may see it.

Each capability writes its part of `EXPECTED` in its own table, `tests/<app>/routes.py` (found
through its capability's `tests`; see tests/routes.py), so this file names no app. A URL with
path parameters has one entry per *variant*: the parameters to fill in, taken from the `world`
fixture by the app's `path_kwargs`. People outside the viewer's scope answer 404, not 403:
whether someone exists outside your scope is not yours to know.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lksworkforce.config.api import api
from tests.conftest import ROLES, Person, World, client_for
from tests.routes import SIGN_IN, Outcome, Redirect, discovered_tables

# Every capability keeps its own table (tests/<app>/routes.py, named by its capability's `tests`).
APP_ROUTES = discovered_tables()

# Routes that the matrix does not ask: the admin (Django's own permissions) and the
# API's schema and docs pages and root, and the list of versions at /api/, checked in
# test_api_schema_and_docs below.
NOT_IN_MATRIX = frozenset({"api:openapi-json", "api:openapi-view", "api:api-root", "api_versions"})

EXPECTED: dict[str, dict[str, dict[str, Outcome]]] = {}
# Text the answer must contain, for answers whose status alone says too little.
MUST_CONTAIN: dict[tuple[str, str], str] = {}
for _app in APP_ROUTES:
    listed_twice = EXPECTED.keys() & _app.expected.keys()
    assert not listed_twice, f"routes listed in two tables: {sorted(listed_twice)}"
    EXPECTED.update(_app.expected)
    MUST_CONTAIN.update(_app.must_contain)


def _kwargs(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    """The path parameters of a variant, from the world fixture, as the app's table fills them in."""
    for app in APP_ROUTES:
        if app.answers_for(name):
            return app.path_kwargs(name, variant, world, viewer)
    return {}


@pytest.fixture(autouse=True)
def prepared(world: World) -> None:
    """What each app's variants refer to (e.g. staffing's published figures, skills' assessments)."""
    for app in APP_ROUTES:
        app.prepare(world)


# Discovery ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the URL name, or "METHOD /api/v1/path" for an API operation
    route: str  # the pattern as written, for messages


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            if pattern.namespace == "admin":
                continue
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or f"<unnamed {prefix}{pattern.pattern}>"), prefix + str(pattern.pattern)


def _api_operations() -> Iterator[tuple[str, str]]:
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            yield f"{method.upper()} {path}", path


def discovered_routes() -> list[Route]:
    """Every page URL (by name) and every API operation (by method and path)."""
    routes = [
        Route(name, route)
        for name, route in _walk(get_resolver().url_patterns)
        if not name.startswith("api:") and name not in NOT_IN_MATRIX
    ]
    routes += [Route(key, path) for key, path in _api_operations()]
    return routes


def _api_url_patterns_are_operations() -> list[str]:
    """API routes in the resolver that are neither an OpenAPI operation nor set aside."""
    paths = {path for _key, path in _api_operations()}
    stray = []
    for name, route in _walk(get_resolver().url_patterns):
        if name.startswith("api:") and name not in NOT_IN_MATRIX:
            as_openapi = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            if as_openapi not in paths:
                stray.append(f"{name} ({route})")
    return stray


def _cases() -> Iterator[Any]:
    for route in discovered_routes():
        variants = EXPECTED.get(route.key)
        if variants is None:  # one failing case, not one per role
            yield pytest.param(route.key, "", "anonymous", None, id=f"{route.key}-(no entry in EXPECTED)")
            continue
        for variant, by_role in variants.items():
            for role in ROLES:
                label = f"{route.key}[{variant}]" if variant else route.key
                yield pytest.param(route.key, variant, role, by_role.get(role), id=f"{label}-{role}")


# Tests -----------------------------------------------------------------------------------


def test_every_url_has_expectations() -> None:
    found = {route.key for route in discovered_routes()}
    missing = sorted(found - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - found)
    assert not missing, (
        f"URLs or API operations with no entry in any app's routes table (add one for every role): {missing}"
    )
    assert not stale, f"Entries in EXPECTED for URLs that no longer exist: {stale}"
    for key, variants in EXPECTED.items():
        for variant, by_role in variants.items():
            assert set(by_role) == set(ROLES), f"{key}[{variant}] must give an outcome for every role"
    assert not _api_url_patterns_are_operations()


def _request(name: str, variant: str, world: World, viewer: Person | None) -> tuple[Any, str]:
    kwargs = _kwargs(name, variant, world, viewer)
    if " " in name:  # an API operation: "METHOD /api/v1/path/{param}"
        method, path = name.split(" ", 1)
        url = path.format(**kwargs)
    else:
        method, url = "GET", reverse(name, kwargs=kwargs or None)
    client = client_for(viewer)
    call: Callable[..., Any] = getattr(client, method.lower())
    return call(url), url


@pytest.mark.parametrize(("name", "variant", "role", "expected"), list(_cases()))
def test_role_matrix(world: World, name: str, variant: str, role: str, expected: Outcome | None) -> None:
    assert expected is not None, (
        f"{name} has no expectations: add it, for every role, to its app's tests/<app>/routes.py"
    )
    viewer = world.by_role(role)
    response, url = _request(name, variant, world, viewer)
    if isinstance(expected, Redirect):
        assert response.status_code == 302, f"{url} as {role}: {response.status_code}, expected {expected}"
        location = urlsplit(response["Location"])
        assert location.path == reverse(expected.to)
        if expected is SIGN_IN:
            assert f"next={url}" in response["Location"].replace("%2F", "/")
        return
    assert response.status_code == expected, f"{url} as {role}: {response.status_code}, expected {expected}"
    if response.get("Content-Type", "").startswith("text/html"):
        # A template that names a macro where it meant a value shows the macro's name, not the thing.
        assert b"&lt;Macro " not in response.content, f"{url} as {role} shows a template macro's name"
        assert b"<Macro " not in response.content, f"{url} as {role} shows a template macro's name"
    if name.startswith(("GET /api/", "POST /api/", "PUT /api/", "PATCH /api/", "DELETE /api/")):
        assert response["Content-Type"].startswith("application/json")
        if expected >= 400:
            body = response.json()
            # 422: an upload with nothing in it or a write without its fields: invalid_input either way.
            assert (
                body["code"]
                in {
                    400: {"bad_request"},
                    401: {"not_signed_in"},
                    403: {"forbidden"},
                    404: {"not_found"},
                    422: {"invalid_input"},
                }[expected]
            )
            assert body["message"]
    if (text := MUST_CONTAIN.get((name, variant))) is not None:
        assert text in response.content.decode()


def test_api_schema_and_docs(world: World) -> None:
    """The OpenAPI schema and the docs page answer anyone, so the API can be learnt before signing in."""
    for role in ("anonymous", "staff"):
        client = client_for(world.by_role(role))
        schema = client.get("/api/v1/openapi.json")
        assert schema.status_code == 200
        assert schema.json()["info"]["title"] == "LKS Workforce API"
        served = {f"{method.upper()} {path}" for path, ops in schema.json()["paths"].items() for method in ops}
        assert served == {key for key in EXPECTED if " " in key}
        docs = client.get("/api/v1/docs")
        assert docs.status_code == 200
        assert b"openapi.json" in docs.content
        # /api/ has no operations, only where each version is; an address outside a version is a
        # 404 in the API's error body, not a page.
        versions = client.get("/api/")
        assert versions.status_code == 200
        assert versions.json()["versions"][0]["url"] == "/api/v1/"
        unversioned = client.get("/api/me")
        assert unversioned.status_code == 404
        assert unversioned.json()["code"] == "not_found"
