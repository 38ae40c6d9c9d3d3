"""Fuzz the REST API from its own OpenAPI schema (schemathesis 4), signed in as the national team.

Every generated request must get no 5xx, a documented status code with a body that conforms to the
documented schema. Error statuses the schema does not (yet) document — 401, 403, 404, 422 — are
tolerated in the fuzz run only if the body is the API's error envelope; that the schema should
document them is asserted separately (test_error_responses_are_documented).
"""

import os
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lksworkforce.config.settings.test")

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from tests.conftest import World
from tests.factories import TEST_PASSWORD

app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

# Statuses the API returns by design (see lksworkforce/config/api.py) whether or not an operation documents them.
ERROR_STATUSES = {401, 403, 404, 422}
ERROR_CODES = {401: "not_signed_in", 403: "forbidden", 404: "not_found", 422: "invalid_input"}


def content_type(response: Any) -> str:
    value = response.headers.get("content-type") or response.headers.get("Content-Type") or ""
    return str(value[0] if isinstance(value, list) else value)


def error_envelope(response: Any) -> dict[str, Any]:
    assert content_type(response).startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body, dict), body
    assert isinstance(body.get("code"), str), body
    assert isinstance(body.get("message"), str), body
    assert body["message"], body
    return body


def status_documented_or_error_envelope(ctx: Any, response: Any, case: Any) -> bool | None:
    """status_code_conformance, except that an undocumented 401/403/404/422 passes if it is the API's
    error envelope with the matching code (missing documentation is reported by another test)."""
    documented = case.operation.responses.status_codes
    if response.status_code in ERROR_STATUSES and str(response.status_code) not in documented:
        body = error_envelope(response)
        assert body["code"] == ERROR_CODES[response.status_code], body
        if response.status_code == 422:
            assert isinstance(body.get("errors"), list), body
        return None
    return status_code_conformance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_documented_or_error_envelope,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def csrf_cookie(client: WsgiClient) -> dict[str, str]:
    client.get("/sign-in/")
    cookie = client.get_cookie("csrftoken")
    assert cookie is not None
    return {"csrftoken": cookie.value}


def sign_in(email: str) -> dict[str, str]:
    """Sign in through the real sign-in form, CSRF and all, over the same WSGI application the API
    calls use; return the session and CSRF cookies a browser would then hold."""
    client = WsgiClient(app)
    token = csrf_cookie(client)["csrftoken"]
    response = client.post(
        "/sign-in/", data={"username": email, "password": TEST_PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    cookies = {name: client.get_cookie(name) for name in ("sessionid", "csrftoken")}
    return {name: cookie.value for name, cookie in cookies.items() if cookie is not None}


def csrf_header(cookies: dict[str, str]) -> dict[str, str]:
    """Unsafe methods under session auth need the CSRF token too, as the browser would send it."""
    return {"X-CSRFToken": cookies["csrftoken"]}


def cookie_is_negated(case: Any) -> bool:
    component = case.meta.components.get(ParameterLocation.COOKIE) if case.meta else None
    return bool(component and component.mode.is_negative)


@pytest.fixture
def national_cookies(world: World) -> dict[str, str]:
    return sign_in(world.national.email)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case: Any, national_cookies: dict[str, str]) -> None:
    # The schema's security scheme is the session cookie. Sign the request in, unless this case
    # deliberately sends a missing or malformed cookie (then it must be refused).
    if cookie_is_negated(case):
        response = case.call()
    else:
        response = case.call(cookies=national_cookies, headers=csrf_header(national_cookies))
    case.validate_response(response, checks=CHECKS)


# Known resources, so that the 200 responses (which random codes and ids rarely reach) are checked too,
# with the unmodified status_code_conformance check.
KNOWN = [
    ("/api/v1/me", {}, {}),
    ("/api/v1/regions", {}, {}),
    ("/api/v1/organisations", {}, {}),
    ("/api/v1/organisations", {}, {"type": "acute", "region": "Y56", "q": "trust", "include_closed": "true"}),
    ("/api/v1/organisations", {}, {"limit": 1, "offset": 1}),
    ("/api/v1/organisations/{ods_code}", {"ods_code": "RAA"}, {}),
    ("/api/v1/organisations/{ods_code}", {"ods_code": "rba"}, {}),
    ("/api/v1/people", {}, {}),
    ("/api/v1/people", {}, {"q": "Sam", "limit": 5}),
    ("/api/v1/people/{person_id}", {"person_id": "staff"}, {}),
]


@pytest.mark.parametrize(("path", "path_parameters", "query"), KNOWN)
def test_known_resources_conform(
    world: World, path: str, path_parameters: dict[str, Any], query: dict[str, Any]
) -> None:
    if path_parameters.get("person_id") == "staff":
        path_parameters = {"person_id": world.staff.pk}
    case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
    response = case.call(cookies=sign_in(world.national.email))
    assert response.status_code == 200, response.text
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )


def test_known_resources_return_the_world(world: World) -> None:
    cookies = sign_in(world.national.email)
    organisations = schema["/api/v1/organisations"]["GET"].Case(query={"region": "Y56"}).call(cookies=cookies).json()
    assert organisations["count"] == 2
    assert {o["ods_code"] for o in organisations["items"]} == {"RAA", "RAB"}
    detail = (
        schema["/api/v1/organisations/{ods_code}"]["GET"]
        .Case(path_parameters={"ods_code": "RBA"})
        .call(cookies=cookies)
        .json()
    )
    assert detail["region"] == "North West"
    assert any(r["region_code"] == "Y62" for r in detail["regions"])
    me = schema["/api/v1/me"]["GET"].Case().call(cookies=cookies).json()
    assert me["email"] == world.national.email


def all_operations() -> list[Any]:
    """Every operation in the schema; a part of the schema schemathesis cannot read fails here."""
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operations.append(result.ok())
    return operations


@pytest.mark.parametrize("operation", all_operations(), ids=lambda o: o.label)
def test_signed_out_requests_get_the_401_envelope(db: None, operation: Any) -> None:
    path_parameters = {p.name: "RAA" if p.name == "ods_code" else 1 for p in operation.path_parameters}
    # A CSRF token but no session: the refusal must be about signing in, not about CSRF.
    csrf = csrf_cookie(WsgiClient(app))
    response = operation.Case(path_parameters=path_parameters).call(cookies=csrf, headers=csrf_header(csrf))
    assert response.status_code == 401, response.text
    assert error_envelope(response)["code"] == "not_signed_in"


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("staff", "/api/v1/people", 403),
        ("curator", "/api/v1/people", 403),
        ("staff", "/api/v1/people/{person_id}", 404),  # someone outside their scope
        ("service_manager", "/api/v1/organisations/{ods_code}", 404),  # no such code
        ("national_team", "/api/v1/organisations", 422),  # limit below its minimum
    ],
)
def test_error_statuses_use_the_error_envelope(world: World, role: str, path: str, status: int) -> None:
    user = world.by_role(role)
    assert user is not None
    parameters = {"person_id": world.curator.pk, "ods_code": "ZZZ"}
    operation = schema[path]["GET"]
    case = operation.Case(
        path_parameters={p.name: parameters[p.name] for p in operation.path_parameters},
        query={"limit": 0} if status == 422 else {},
    )
    response = case.call(cookies=sign_in(user.email))
    assert response.status_code == status, response.text
    assert error_envelope(response)["code"] == ERROR_CODES[status]


def can_fail_validation(parameter: Any) -> bool:
    """Whether some value of this parameter is rejected with 422 (any string passes a plain string)."""
    schema_ = parameter.definition.get("schema", {})
    return parameter.location != ParameterLocation.PATH or schema_.get("type") != "string" or len(schema_) > 2


def expected_error_statuses(operation: Any) -> set[str]:
    expected = {"401"}  # every operation requires a session
    if list(operation.path_parameters):
        expected.add("404")
    if any(can_fail_validation(p) for p in [*operation.path_parameters, *operation.query]) or operation.body:
        expected.add("422")
    if operation.path == "/api/v1/people":
        expected.add("403")
    return expected


def test_error_responses_are_documented() -> None:
    missing = {}
    for operation in all_operations():
        documented = set(operation.responses.status_codes)
        if gaps := expected_error_statuses(operation) - documented:
            missing[operation.label] = sorted(gaps)
    assert not missing, f"operations that do not document their error responses: {missing}"


@pytest.mark.parametrize(
    ("path", "path_parameters", "query"),
    [
        ("/api/v1/organisations", {}, {"q": "a\x00b"}),
        ("/api/v1/organisations", {}, {"region": "\x00"}),
        ("/api/v1/people", {}, {"q": "\x00"}),
        ("/api/v1/organisations/{ods_code}", {"ods_code": "R\x00A"}, {}),
    ],
    ids=["organisations-q", "organisations-region", "people-q", "organisation-code"],
)
def test_nul_characters_are_refused_not_a_server_error(
    world: World, path: str, path_parameters: dict[str, Any], query: dict[str, Any]
) -> None:
    """Strings with U+0000 are valid per the schema; PostgreSQL cannot store or compare them."""
    case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
    response = case.call(cookies=sign_in(world.national.email))
    assert response.status_code < 500, f"{path} {path_parameters or query}: HTTP {response.status_code}"
    case.validate_response(response, checks=CHECKS)


def test_import_validation_errors_match_the_documented_422(world: World) -> None:
    """POST /api/v1/staffing/imports documents its 422 as ImportErrorOut (row, column, value, reason);
    input the API's validation rejects must come back in that shape too."""
    cookies = sign_in(world.national.email)
    case = schema["/api/v1/staffing/imports"]["POST"].Case(
        body={"kind": "bogus", "year": "not-a-year"}, media_type="multipart/form-data"
    )
    response = case.call(cookies=cookies, headers=csrf_header(cookies))
    assert response.status_code == 422, response.text
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance, response_schema_conformance])
