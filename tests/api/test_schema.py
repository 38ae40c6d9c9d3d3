"""Fuzz the REST API from its own OpenAPI schema (schemathesis 4), over WSGI (no network): every
operation, for each role that sees a different API (staff, a service manager, the national team) and
signed out, with generated data that fits the schema and data that does not.

Every response must have a status the operation documents, the documented content type, a body that
fits the documented schema for that status and the documented headers; data that does not fit the
schema must be refused. Nothing undocumented is excused. Each case runs in a savepoint rolled back
after it, so the writes one generated request makes cannot change what the next one gets.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lksworkforce.config.settings.test")

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from lksworkforce.accounts import services as account_services
from tests.conftest import YEAR, World
from tests.factories import TEST_PASSWORD, publish_staffing_figures
from tests.skills.conftest import load_framework
from tests.surveys.factories import close, load_survey, people, respond

app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
# Small, repeatable and quick: a handful of positive and negative cases per operation and role,
# the same ones every run, not shrunk (a failure prints its case as found).
schema.config.generation.update(
    modes=list(GenerationMode),
    max_examples=6,
    no_shrink=True,
    deterministic=True,
    with_security_parameters=False,  # the test sends the role's token itself
)
schema.config.phases.update(phases=["examples", "fuzzing"])

ERROR_CODES = {401: "not_signed_in", 403: "forbidden", 404: "not_found", 422: "invalid_input"}

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]

# The roles whose API differs: what they may list, see and change. Anonymous: every answer is 401.
FUZZED_ROLES = ("anonymous", "staff", "service_manager", "national_team")


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


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def token_for(world: World, role: str) -> dict[str, str]:
    """The Authorization header of a fresh personal API token of the world's person in `role`."""
    person = world.by_role(role)
    assert person is not None
    _token, secret = account_services.api_token_create(person=person, name=f"schemathesis {role}")
    return bearer(secret)


@pytest.fixture
def data(world: World) -> World:
    """The world with something to answer with: a census and published returns, a skills
    framework and a closed survey with answers, so generated requests reach 200 answers too."""
    publish_staffing_figures(world, YEAR)
    load_framework()
    respond(load_survey(), people(6, band="6", needs="searching"))
    close("test-survey")
    return world


@pytest.fixture
def role_headers(data: World, role: str) -> dict[str, str]:
    return {} if role == "anonymous" else token_for(data, role)


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run one generated request in a savepoint undone after it (the test's own transaction holds
    the world and the tokens), so that no case sees another's writes."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", FUZZED_ROLES)
@schema.parametrize()
@settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case: Any, role: str, role_headers: dict[str, str]) -> None:
    with rolled_back():
        response = case.call(headers=role_headers)
    case.validate_response(response, checks=CHECKS)
    if role == "anonymous":
        assert response.status_code in {400, 401, 413}, response.text
    if response.status_code in ERROR_CODES:
        assert error_envelope(response)["code"] == ERROR_CODES[response.status_code]


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
    response = case.call(headers=token_for(world, "national_team"))
    assert response.status_code == 200, response.text
    case.validate_response(response, checks=CHECKS)


def test_known_resources_return_the_world(world: World) -> None:
    auth = token_for(world, "national_team")
    organisations = schema["/api/v1/organisations"]["GET"].Case(query={"region": "Y56"}).call(headers=auth).json()
    assert organisations["count"] == 2
    assert {o["ods_code"] for o in organisations["items"]} == {"RAA", "RAB"}
    detail = (
        schema["/api/v1/organisations/{ods_code}"]["GET"]
        .Case(path_parameters={"ods_code": "RBA"})
        .call(headers=auth)
        .json()
    )
    assert detail["region"] == "North West"
    assert any(r["region_code"] == "Y62" for r in detail["regions"])
    me = schema["/api/v1/me"]["GET"].Case().call(headers=auth).json()
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
    client = WsgiClient(app)
    client.get("/sign-in/")
    csrf = client.get_cookie("csrftoken")
    assert csrf is not None
    response = operation.Case(path_parameters=path_parameters).call(
        cookies={"csrftoken": csrf.value}, headers={"X-CSRFToken": csrf.value}
    )
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
    parameters = {"person_id": world.curator.pk, "ods_code": "ZZZ"}
    operation = schema[path]["GET"]
    case = operation.Case(
        path_parameters={p.name: parameters[p.name] for p in operation.path_parameters},
        query={"limit": 0} if status == 422 else {},
    )
    response = case.call(headers=token_for(world, role))
    assert response.status_code == status, response.text
    assert error_envelope(response)["code"] == ERROR_CODES[status]


def expected_error_statuses(operation: Any) -> set[str]:
    # Every operation: refused characters, no credentials, a body too large, input refused.
    expected = {"400", "401", "413", "422"}
    if list(operation.path_parameters):
        expected.add("404")  # a lookup within the viewer's scope
    if operation.method.upper() in {"POST", "PUT", "PATCH", "DELETE"} or operation.path == "/api/v1/people":
        expected.add("403")  # a write under the session without the CSRF token; rules that refuse
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
    response = case.call(headers=token_for(world, "national_team"))
    assert response.status_code < 500, f"{path} {path_parameters or query}: HTTP {response.status_code}"
    case.validate_response(response, checks=CHECKS)


def test_import_validation_errors_match_the_documented_422(world: World) -> None:
    """POST /api/v1/staffing/imports documents its 422 as ImportErrorOut (row, column, value, reason);
    input the API's validation rejects must come back in that shape too."""
    case = schema["/api/v1/staffing/imports"]["POST"].Case(
        body={"kind": "bogus", "year": "not-a-year"}, media_type="multipart/form-data"
    )
    response = case.call(headers=token_for(world, "national_team"))
    assert response.status_code == 422, response.text
    case.validate_response(response, checks=CHECKS)


def test_a_session_write_without_the_csrf_token_is_the_documented_403(world: World) -> None:
    """Under the browser session a write needs the CSRF token; without it the refusal is a 403 the
    operation documents, in the error body (a token request needs no CSRF token)."""
    client = WsgiClient(app)
    client.get("/sign-in/")
    csrf = client.get_cookie("csrftoken")
    assert csrf is not None
    signed_in = client.post(
        "/sign-in/",
        data={"username": world.staff.email, "password": TEST_PASSWORD, "csrfmiddlewaretoken": csrf.value},
    )
    assert signed_in.status_code == 302
    session = client.get_cookie("sessionid")
    assert session is not None
    case = schema["/api/v1/skills/plan"]["POST"].Case(body={"kind": "course", "description": "A course"})
    response = case.call(cookies={"sessionid": session.value})
    assert response.status_code == 403, response.text
    assert error_envelope(response)["code"] == "forbidden"
    case.validate_response(response, checks=CHECKS)
