"""Who gets what: every URL and every API operation, for every role.

`test_role_matrix` walks Django's URL resolver (and the ninja API's operations) and asks
each in turn, as each role in `tests.conftest.ROLES`, answering with the status written
in `EXPECTED`. `test_every_url_has_expectations` fails when a URL or API operation exists
without an entry there (or an entry names one that no longer exists): adding a URL means
writing down who may see it.

A URL with path parameters has one entry per *variant*: the parameters to fill in, taken
from the `world` fixture (see `_kwargs`). People outside the viewer's scope answer 404, not
403: whether someone exists outside your scope is not yours to know.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lksworkforce.accounts import services
from lksworkforce.config.api import api
from tests.accounts.routes import ROUTES as SUBJECT_ACCESS_ROUTES
from tests.accounts.routes import TOKEN_ROUTES
from tests.conftest import ROLES, YEAR, World, client_for
from tests.factories import publish_staffing_figures
from tests.routes import HOME, SIGN_IN, AppRoutes, Outcome, Redirect, row
from tests.skills.routes import ROUTES as SKILLS_ROUTES
from tests.surveys.routes import ROUTES as SURVEYS_ROUTES

# Apps that keep their own table (tests/<app>/routes.py), merged into EXPECTED below.
APP_ROUTES: tuple[AppRoutes, ...] = (SKILLS_ROUTES, SURVEYS_ROUTES, SUBJECT_ACCESS_ROUTES, TOKEN_ROUTES)


# Routes that the matrix does not ask: the admin (Django's own permissions) and the
# API's schema and docs pages and root, and the list of versions at /api/, checked in
# test_api_schema_and_docs below.
NOT_IN_MATRIX = frozenset({"api:openapi-json", "api:openapi-view", "api:api-root", "api_versions"})

# Variants: "" when the URL has no parameters. Person variants name whose page it is:
#   self       the viewer themselves (staff for anonymous);
#   colleague  Cal, in RAA (London), the manager's own organisation;
#   outsider   Olu, in RAB (London), outside the manager's organisation;
#   north_west Cur (the curator), in RBA, the regional lead's region.
# fmt: off
EXPECTED: dict[str, dict[str, dict[str, Outcome]]] = {
    #                                                  anonymous  staff  manager  lead  national  curator
    "core:home":                         {"": row(200,      200,   200,     200,  200,      200)},
    "core:accessibility":                {"": row(200,      200,   200,     200,  200,      200)},
    "core:privacy":                      {"": row(200,      200,   200,     200,  200,      200)},
    "core:suppression_policy":           {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "accounts:sign_in":                  {"": row(200,      HOME,  HOME,    HOME, HOME,     HOME)},
    "accounts:sign_out":                 {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:password_reset":           {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:password_reset_done":      {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:password_reset_confirm":   {"bad_token": row(200, 200, 200,   200,  200,      200)},
    "accounts:password_reset_complete":  {"": row(200,      200,   200,     200,  200,      200)},
    "accounts:profile":                  {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "accounts:people":                   {"": row(SIGN_IN,  403,   200,     200,  200,      403)},
    "accounts:person": {
        "self":                               row(SIGN_IN,  200,   200,     200,  200,      200),
        "colleague":                          row(SIGN_IN,  404,   200,     404,  200,      404),
        "outsider":                           row(SIGN_IN,  404,   404,     404,  200,      404),
        "north_west":                         row(SIGN_IN,  404,   404,     200,  200,      200),
    },
    "organisations:list":                {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "organisations:import":              {"": row(SIGN_IN,  403,   403,     403,  200,      403)},
    "organisations:detail": {
        "RAA":                                row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    "organisations:region_list":         {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "organisations:region_detail": {
        "london":                             row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    # The API (session authentication): 401 rather than a redirect when not signed in.
    "GET /api/v1/organisations":            {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/organisations/{ods_code}": {
        "RAA":                                row(401,      200,   200,     200,  200,      200),
        "unknown":                            row(401,      404,   404,     404,  404,      404),
    },
    "GET /api/v1/regions":                  {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/me":                       {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/people":                   {"": row(401,      403,   200,     200,  200,      403)},
    # Staffing. Figures are for every signed-in person; returns and the board report for those
    # who oversee the organisation (RAA: the manager; RBA: the North West lead); policy and
    # imports for the national team. Forms that only accept POST answer GET with 405.
    "staffing:dashboard":                {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "staffing:policy":                   {"": row(SIGN_IN,  200,   200,     200,  200,      200)},
    "staffing:policy_create":            {"": row(405,      405,   405,     405,  405,      405)},
    "staffing:import":                   {"": row(SIGN_IN,  403,   403,     403,  200,      403)},
    "staffing:region": {
        "london":                             row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    "staffing:organisation": {
        "RAA":                                row(SIGN_IN,  200,   200,     200,  200,      200),
        "unknown":                            row(SIGN_IN,  404,   404,     404,  404,      404),
    },
    **{
        name: {
            "RAA":                            row(SIGN_IN,  403,   200,     403,  200,      403),
            "RBA":                            row(SIGN_IN,  403,   403,     200,  200,      403),
            "unknown":                        row(SIGN_IN,  404,   404,     404,  404,      404),
        }
        for name in ("staffing:board_report", "staffing:returns", "staffing:return")
    },
    **{
        name: {"RAA":                         row(405,      405,   405,     405,  405,      405)}
        for name in ("staffing:return_upload", "staffing:post_add", "staffing:post_remove", "staffing:impact_update",
                     "staffing:return_action")
    },
    "GET /api/v1/staffing/ratios":          {"": row(401,      200,   200,     200,  200,      200)},
    "GET /api/v1/staffing/organisations/{ods_code}": {
        "RAA":                                row(401,      200,   200,     200,  200,      200),
        "unknown":                            row(401,      404,   404,     404,  404,      404),
    },
    "GET /api/v1/staffing/policy":          {"": row(401,      200,   200,     200,  200,      200)},
    # An empty upload: 403 for those who may not import, 422 (what is missing) for the national team.
    "POST /api/v1/staffing/imports":        {"": row(401,      403,   403,     403,  422,      403)},
    "GET /api/v1/people/{person_id}": {
        "self":                               row(401,      200,   200,     200,  200,      200),
        "colleague":                          row(401,      404,   200,     404,  200,      404),
        "outsider":                           row(401,      404,   404,     404,  200,      404),
        "north_west":                         row(401,      404,   404,     200,  200,      200),
    },
}
# fmt: on
for _app in APP_ROUTES:
    assert not EXPECTED.keys() & _app.expected.keys(), f"{_app.url_prefix} routes listed twice"
    EXPECTED.update(_app.expected)

# Text the answer must contain, for answers whose status alone says too little.
MUST_CONTAIN = {("accounts:password_reset_confirm", "bad_token"): "This link has expired"}


def _person_id(world: World, viewer: Any, variant: str) -> int:
    if variant == "self":
        return (viewer or world.staff).pk
    return {"colleague": world.colleague, "outsider": world.outsider, "north_west": world.curator}[variant].pk


def _kwargs(name: str, variant: str, world: World, viewer: Any) -> dict[str, Any]:
    """The path parameters of a variant, from the world fixture."""
    if name in {"accounts:person", "GET /api/v1/people/{person_id}"}:
        return {"person_id": _person_id(world, viewer, variant)}
    if name in {"organisations:detail", "GET /api/v1/organisations/{ods_code}"}:
        return {"ods_code": "RAA" if variant == "RAA" else "ZZZ"}
    if name == "organisations:region_detail":
        return {"geography": "nhse-regions", "code": "Y56" if variant == "london" else "Y99"}
    if name.startswith("staffing:") or name == "GET /api/v1/staffing/organisations/{ods_code}":
        return _staffing_kwargs(name, variant)
    for app in APP_ROUTES:
        if app.answers_for(name):
            return app.path_kwargs(name, variant, world, viewer)
    if name == "accounts:password_reset_confirm":
        return {"uidb64": urlsafe_base64_encode(force_bytes(world.colleague.pk)), "token": "not-a-real-token"}
    return {}


def _staffing_kwargs(name: str, variant: str) -> dict[str, Any]:
    if name == "staffing:region":
        return {"code": "Y56" if variant == "london" else "Y99"}
    if not variant:
        return {}
    kwargs: dict[str, Any] = {"ods_code": "ZZZ" if variant == "unknown" else variant}
    if name in {
        "staffing:return",
        "staffing:return_upload",
        "staffing:post_add",
        "staffing:post_remove",
        "staffing:impact_update",
        "staffing:return_action",
    }:
        kwargs["year"] = YEAR
    if name == "staffing:post_remove":
        kwargs["post_id"] = 1
    if name == "staffing:return_action":
        kwargs["action"] = "submit"
    return kwargs


@pytest.fixture(autouse=True)
def staffing_figures(world: World) -> None:
    """A census and published returns for the world's organisations, so figure pages have a year."""
    publish_staffing_figures(world, YEAR)
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
    assert not missing, f"URLs or API operations with no entry in EXPECTED (add one for every role): {missing}"
    assert not stale, f"Entries in EXPECTED for URLs that no longer exist: {stale}"
    for key, variants in EXPECTED.items():
        for variant, by_role in variants.items():
            assert set(by_role) == set(ROLES), f"{key}[{variant}] must give an outcome for every role"
    assert not _api_url_patterns_are_operations()


def _request(name: str, variant: str, world: World, viewer: Any) -> tuple[Any, str]:
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
    assert expected is not None, f"{name} has no expectations: add it, for every role, to EXPECTED in {__name__}"
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
            # 422: an upload with nothing in it (import_rejected) or a write without its fields (invalid_input).
            assert (
                body["code"]
                in {
                    400: {"bad_request"},
                    401: {"not_signed_in"},
                    403: {"forbidden"},
                    404: {"not_found"},
                    422: {"import_rejected", "invalid_input"},
                }[expected]
            )
            assert body["message"]
    if (text := MUST_CONTAIN.get((name, variant))) is not None:
        assert text in response.content.decode()


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


def test_api_schema_and_docs(world: World) -> None:
    """The OpenAPI schema and the docs page answer anyone, so the API can be learnt before signing in."""
    for role in ("anonymous", "staff"):
        client = client_for(world.by_role(role))
        schema = client.get("/api/v1/openapi.json")
        assert schema.status_code == 200
        assert schema.json()["info"]["title"] == "LKS Workforce API"
        assert "/api/v1/people/{person_id}" in schema.json()["paths"]
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


def test_password_reset_link_for_someone_else_is_not_valid_with_a_real_token_for_another(world: World) -> None:
    """A genuine token is bound to its person: the colleague's token does not open the outsider's reset."""
    token = default_token_generator.make_token(world.colleague)
    uid = urlsafe_base64_encode(force_bytes(world.outsider.pk))
    response = client_for(None).get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()
