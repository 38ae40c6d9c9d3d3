"""Hostile input to every surface: no 5xx, and nothing written by a refused request.

Driven by the role matrix (tests/test_role_matrix.py and tests/<app>/routes.py), so a new URL or API
operation is covered as soon as it is in the matrix. Each case is asked as a role that gets in (the
outcome it expects is 200, or 422 for an API write), so hostile values reach the code behind the
permission checks:

- every page, with hostile values for the query parameters it reads: those in its own links and
  GET forms, and those any view reads (`year`, `format`, `top`...);
- every form on those pages (POST), with hostile values for each of its fields and hostile files;
- every API operation, with hostile values for its query parameters, JSON bodies built from its
  schema (and raw hostile bodies), and multipart fields.

Hostile values: unicode digits ("²", Arabic-Indic, fullwidth), huge numbers (5,000 digits,
99999999999999999999999, 1e999), NaN and infinities, NUL, unpaired surrogates (JSON only: a form
cannot carry them), over-long strings, deep YAML and deep JSON. A refused request (a page that does
not redirect, an API answer of 400 or more) must leave every table of the service as it was.

Each test first sweeps the values that were 500s through every field or parameter at once (so
they are asked every run, not by chance), then draws hostile values per field. Examples per case
come from the hypothesis profile "hostile" (a few, to keep `make test` fast);
`LKSW_HOSTILE_PROFILE=hostile-thorough` runs many more."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lksworkforce.config.api import api
from tests.conftest import ROLES, World, client_for
from tests.routes import Redirect
from tests.surveys.routes import SURVEY_KEY
from tests.test_role_matrix import APP_ROUTES, EXPECTED, _kwargs, discovered_routes

settings.register_profile(
    "hostile",
    max_examples=2,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("hostile-thorough", parent=settings.get_profile("hostile"), max_examples=40)
PROFILE = settings.get_profile(os.environ.get("LKSW_HOSTILE_PROFILE", "hostile"))

# Hostile text ---------------------------------------------------------------------------

HUGE = "9" * 5000
DEEP_YAML = "a: " + "[" * 20_000 + "]" * 20_000 + "\n"
HOSTILE_TEXT = (
    "²",
    "\u0662\u0660\u0662\u0665",  # 2025 in Arabic-Indic digits
    "\uff12\uff10\uff12\uff15",  # 2025 in fullwidth digits
    HUGE,
    "-" + HUGE,
    "99999999999999999999999",
    "-1",
    "0",
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "-inf",
    "a\x00b",
    "\x00",
    "x" * 20_000,
    DEEP_YAML,
    "<<: *x",
    "'; DROP TABLE x; --",
    " ",
    "",
)
PLAUSIBLE = ("2025", "1", "10", "RAA", "Y56", "csv", "pdf", "nation", "region", "organisation", "area", "searching")
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(PLAUSIBLE),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=30),
    st.builds(lambda d, n: d * n, st.sampled_from(["9", "²", "\x00", "é"]), st.integers(1, 6000)),
)
# Only JSON can carry an unpaired surrogate.
json_text = st.one_of(hostile_text, st.sampled_from(["\ud800", "a\udfffb", "\ud83d"]))
json_number = st.sampled_from([10**30, -(10**30), -1, 0, 1, 2025, 1e308, -1e308, 3.5, True, None])
HOSTILE_FILES = (
    b"ods_code,nhs_wte\nRAA,1e999\n",
    b"a,b\n" + b"9" * 5000 + b",\xc2\xb2\n",
    DEEP_YAML.encode(),
    b"key: x\n<<: {a: 1}\n",
    b"\xff\xfe\xfa not text",
    b"",
)
hostile_file = st.tuples(st.sampled_from(HOSTILE_FILES), st.sampled_from(["upload.csv", "upload.yaml", "upload.xlsx"]))

# Which role asks each case ----------------------------------------------------------------

PREFERENCE = ("national_team", "service_manager", "regional_lead", "staff", "curator", "anonymous")


def _role_for(by_role: dict[str, Any], *, api_write: bool) -> str:
    """A role that gets in: 200 (or 422 for an API write, which needs its body); else anyone signed in."""
    wanted = {200, 422} if api_write else {200}
    for role in PREFERENCE:
        outcome = by_role[role]
        if not isinstance(outcome, Redirect) and outcome in wanted:
            return role
    return "national_team"


@dataclass(frozen=True)
class Case:
    key: str  # URL name or "METHOD /api/v1/path"
    variant: str
    role: str

    def __str__(self) -> str:
        return f"{self.key}[{self.variant}] as {self.role}"


def _cases() -> Iterator[Case]:
    for route in discovered_routes():
        for variant, by_role in EXPECTED.get(route.key, {}).items():
            api_write = route.key.split(" ", 1)[0] in {"POST", "PUT", "PATCH", "DELETE"}
            yield Case(route.key, variant, _role_for(by_role, api_write=api_write))


CASES = list(_cases())
PAGES = [c for c in CASES if " " not in c.key]
OPERATIONS = [c for c in CASES if " " in c.key]

# What a refused request must leave unchanged ------------------------------------------------


_SERVICE_MODELS = [m for m in apps.get_models() if m.__module__.startswith("lksworkforce.")]


def _service_tables() -> dict[str, int]:
    """How many rows each of the service's tables has, in one query."""
    quote = connection.ops.quote_name
    tables = [quote(m._meta.db_table) for m in _SERVICE_MODELS]  # names from the models, quoted
    counts = ", ".join(f"(SELECT COUNT(*) FROM {table})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    return {m._meta.label: n for m, n in zip(_SERVICE_MODELS, row, strict=True)}


@pytest.fixture
def hostile_world(world: World) -> World:
    """The role matrix's world: each app's prepared records (staffing's published figures among them)."""
    for app in APP_ROUTES:
        app.prepare(world)
    # What earlier tests saw belongs to their worlds (whose id this one may reuse).
    for cache in (_SEEN, _ASKED, _FORMS, _CLIENTS):
        cache.clear()
    return world


_CLIENTS: dict[tuple[int, str], Client] = {}


def _client(world: World, role: str, *, fresh: bool = False) -> Client:
    """A signed-in browser for the role, kept between requests; a fresh one to sign out with."""
    if fresh:
        return client_for(world.by_role(role))
    key = (id(world), role)
    if key not in _CLIENTS:
        _CLIENTS[key] = client_for(world.by_role(role))
    return _CLIENTS[key]


def _url(world: World, case: Case) -> str:
    kwargs = _kwargs(case.key, case.variant, world, world.by_role(case.role))
    if " " in case.key:
        return case.key.split(" ", 1)[1].format(**kwargs)
    return reverse(case.key, kwargs=kwargs or None)


def _check(response: Any, what: str, before: dict[str, int], *, refused: bool) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if refused:
        assert _service_tables() == before, f"{what} was refused ({response.status_code}) but wrote"


# Pages: query parameters ----------------------------------------------------------------------

# Read by some view whatever the page's links say.
KNOWN_QUERY = (
    "year",
    "format",
    "table",
    "version",
    "top",
    "growth",
    "target_year",
    "question",
    "by",
    "region",
    "q",
    "page",
)
_LINK = re.compile(r'href="([^"#]*\?[^"#]*)"')
_GET_FORM = re.compile(r'<form(?![^>]*method="post")[^>]*>(.*?)</form>', re.S | re.I)
_NAME = re.compile(r'name="([^"]+)"')


def _query_names(html: str) -> set[str]:
    names = {name for href in _LINK.findall(html) for name, _v in parse_qsl(urlsplit(unescape(href)).query)}
    for body in _GET_FORM.findall(html):
        names |= set(_NAME.findall(body))
    return names - {"csrfmiddlewaretoken"}


@dataclass(frozen=True)
class Seen:
    """A page as its role first sees it, without hostile input: asked once per test."""

    status: int
    html: str  # "" for a download
    query_names: tuple[str, ...]


_SEEN: dict[tuple[int, Case], Seen] = {}


def _seen(world: World, case: Case) -> Seen:
    key = (id(world), case)
    if key not in _SEEN:
        url = _url(world, case)
        response = _client(world, case.role).get(url)
        html = response.content.decode() if response["Content-Type"].startswith("text/html") else ""
        names = set(KNOWN_QUERY) | (_query_names(html) if response.status_code == 200 else set())
        _SEEN[key] = Seen(response.status_code, html, tuple(sorted(names)))
    return _SEEN[key]


@PROFILE
@given(data=st.data())
def test_no_page_answers_hostile_query_parameters_with_a_5xx(hostile_world: World, data: st.DataObject) -> None:
    asked = _ASKED.setdefault(id(hostile_world), set())
    for case in PAGES:
        seen = _seen(hostile_world, case)
        # Drawn for every page in every example, so that hypothesis replays a failure the same way.
        chosen = data.draw(
            st.lists(st.sampled_from(seen.query_names), min_size=1, max_size=4, unique=True), label=str(case)
        )
        query = {name: data.draw(hostile_text, label=f"{case} ?{name}") for name in chosen}
        if seen.status == 200 and not seen.html and case in asked:
            continue  # a download (a PDF takes a second to draw): asked in the first example only
        asked.add(case)
        url = _url(hostile_world, case)
        before = _service_tables()
        response = _client(hostile_world, case.role).get(url, query)
        _check(response, f"GET {url} {sorted(query)} as {case.role}", before, refused=True)


_ASKED: dict[int, set[Case]] = {}


def test_no_page_answers_known_hostile_numbers_with_a_5xx(hostile_world: World) -> None:
    """The hostile numbers in every parameter at once ("format" and "table" aside: an unknown format is refused first)."""
    for value in ("²", HUGE):
        for case in PAGES:
            seen = _seen(hostile_world, case)
            if seen.status == 200 and not seen.html:
                continue  # downloads: asked by the property test above
            query = dict.fromkeys((n for n in seen.query_names if n not in {"format", "table"}), value)
            url = _url(hostile_world, case)
            before = _service_tables()
            response = _client(hostile_world, case.role).get(url, query)
            _check(response, f"GET {url} {value[:10]!r} as {case.role}", before, refused=True)


# Pages: every form --------------------------------------------------------------------------

_POST_FORM = re.compile(r'<form([^>]*method="post"[^>]*)>(.*?)</form>', re.S | re.I)
_ACTION = re.compile(r'action="([^"]*)"')
_FIELD = re.compile(r"<(input|select|textarea)([^>]*)>", re.I)


@dataclass(frozen=True)
class Form:
    action: str
    role: str
    fields: tuple[str, ...]
    files: tuple[str, ...]
    client: Client | None = None  # the browser that reached it, when the form needs one (a survey in progress)


def _forms_on(html: str, page_url: str, role: str) -> Iterator[Form]:
    for attributes, body in _POST_FORM.findall(html):
        action = _ACTION.search(attributes)
        target = unescape(action.group(1)) if action and action.group(1) else page_url
        fields: list[str] = []
        files: list[str] = []
        for _tag, field in _FIELD.findall(body):
            name = _NAME.search(field)
            if name is None or name.group(1) == "csrfmiddlewaretoken":
                continue
            (files if 'type="file"' in field else fields).append(unescape(name.group(1)))
        yield Form(target, role, tuple(dict.fromkeys(fields)), tuple(dict.fromkeys(files)))


def _every_form(world: World) -> list[Form]:
    """The forms of every page the matrix reaches, each once (by where it posts and its fields),
    and those only reached on a journey (see `_survey_forms`)."""
    found: dict[tuple[str, tuple[str, ...]], Form] = {}
    for case in PAGES:
        seen = _seen(world, case)
        if seen.status == 200 and seen.html:
            for form in _forms_on(seen.html, _url(world, case), case.role):
                found.setdefault((urlsplit(form.action).path, form.fields), form)
    return [*found.values(), *_survey_forms()]


def _survey_forms() -> list[Form]:
    """The survey's own pages only show their questions to a browser with answers in progress:
    start a response, then read every section and the check page with that browser."""
    client = Client()
    assert client.post(reverse("surveys:begin", args=[SURVEY_KEY])).status_code == 302
    forms = []
    pages = [reverse("surveys:section", args=[SURVEY_KEY, n]) for n in range(1, 20)]
    for url in [*pages, reverse("surveys:check", args=[SURVEY_KEY])]:
        response = client.get(url)
        if response.status_code != 200:
            continue
        for form in _forms_on(response.content.decode(), url, "anonymous"):
            forms.append(Form(form.action, form.role, form.fields, form.files, client))
    assert len(forms) >= 3, "the survey's section forms were not reached"
    return forms


def _post_form(world: World, form: Form, values: dict[str, Any], files: dict[str, tuple[bytes, str]]) -> None:
    body: dict[str, Any] = dict(values)
    for name, (content, filename) in files.items():
        upload = io.BytesIO(content)
        upload.name = filename
        body[name] = upload
    signs_out = urlsplit(form.action).path == reverse("accounts:sign_out")
    client = form.client or _client(world, form.role, fresh=signs_out)
    before = _service_tables()
    response = client.post(form.action, body)
    what = f"POST {form.action} {sorted(body)} as {form.role}"
    # A form that saves redirects (302), or, where what it made is shown once (an API token), is 201.
    _check(response, what, before, refused=response.status_code not in {201, 302})


def _forms(world: World) -> list[Form]:
    return _FORMS.get(id(world)) or _FORMS.setdefault(id(world), _every_form(world))


@PROFILE
@given(data=st.data())
def test_no_form_answers_hostile_fields_with_a_5xx_or_a_partial_write(
    hostile_world: World, data: st.DataObject
) -> None:
    forms = _forms(hostile_world)
    assert len(forms) >= 10, "the pages' forms were not found"
    for form in forms:
        values = {
            name: data.draw(st.one_of(hostile_text, st.lists(hostile_text, max_size=3)), label=f"{form.action} {name}")
            for name in form.fields
        }
        files = {name: data.draw(hostile_file, label=f"{form.action} {name} (file)") for name in form.files}
        _post_form(hostile_world, form, values, files)


# Each of these, in every field of every form at once (and in every query parameter and JSON string
# of every API operation): the values that were 500s, asked every time rather than by chance.
SWEEP = ("²", HUGE, "1e999", "a\x00b", "x" * 20_000, DEEP_YAML)


def test_no_form_answers_known_hostile_values_with_a_5xx_or_a_partial_write(hostile_world: World) -> None:
    """Each value of SWEEP in every field of every form at once."""
    for value in SWEEP:
        for form in _forms(hostile_world):
            files = {name: (value.encode(), "upload.yaml") for name in form.files}
            _post_form(hostile_world, form, dict.fromkeys(form.fields, value), files)


_FORMS: dict[int, list[Form]] = {}


# The API --------------------------------------------------------------------------------------

SCHEMA = api.get_openapi_schema()


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _hostile_for(schema: dict[str, Any], depth: int = 0, *, texts: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A body shaped like the schema (so it gets past the first checks) with hostile leaves."""
    schema = _resolve(schema)
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return st.one_of(*(_hostile_for(o, depth + 1, texts=texts) for o in options))
    kind = schema.get("type")
    if kind == "object" and depth < 3:
        properties = schema.get("properties", {})
        return st.fixed_dictionaries({k: _hostile_for(v, depth + 1, texts=texts) for k, v in properties.items()})
    if kind == "array" and depth < 3:
        return st.lists(_hostile_for(schema.get("items", {}), depth + 1, texts=texts), min_size=1, max_size=3)
    return texts


DEEP_JSON = "[" * 50_000 + "]" * 50_000
raw_bodies = st.sampled_from([DEEP_JSON, "NaN", '{"a": Infinity}', '"\x00"', "{", "", '{"a": "\\u0000"}', "9" * 5000])


def _operation(key: str) -> dict[str, Any]:
    method, path = key.split(" ", 1)
    operation: dict[str, Any] = SCHEMA["paths"][path][method.lower()]
    return operation


def _fixed(value: Any) -> st.SearchStrategy[Any]:
    return st.just(value)


def _formable(value: Any) -> str:
    """A value as a query string or form can carry it: no unpaired surrogates (only JSON can)."""
    return str(value).encode("utf-8", "replace").decode()


def _ask_operation(
    world: World, case: Case, data: st.DataObject, texts: st.SearchStrategy[Any], *, raw: bool = True
) -> None:
    operation = _operation(case.key)
    method = case.key.split(" ", 1)[0].lower()
    url = _url(world, case)
    query_names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    query = {n: data.draw(texts, label=f"{case} ?{n}") for n in query_names}
    if query:
        url += "?" + "&".join(f"{k}={_quoted(_formable(v))}" for k, v in query.items())
    content = operation.get("requestBody", {}).get("content", {})
    client = _client(world, case.role)
    before = _service_tables()
    if "application/json" in content:
        schema = content["application/json"]["schema"]
        shaped = _hostile_for(schema, texts=texts).map(json.dumps)
        body = data.draw(st.one_of(shaped, raw_bodies) if raw else shaped, label=f"{case} body")
        response = getattr(client, method)(url, body, content_type="application/json")
    elif "multipart/form-data" in content:
        properties = _resolve(content["multipart/form-data"]["schema"]).get("properties", {})
        form: dict[str, Any] = {}
        for name, prop in properties.items():
            if any(o.get("format") == "binary" for o in [_resolve(prop), *_resolve(prop).get("anyOf", [])]):
                contents, filename = data.draw(hostile_file, label=f"{case} {name} (file)")
                upload = io.BytesIO(contents)
                upload.name = filename
                form[name] = upload
            else:
                form[name] = _formable(data.draw(texts, label=f"{case} {name}"))
        response = getattr(client, method)(url, form)
    else:
        response = getattr(client, method)(url)
    _check(response, f"{case} {url[:200]}", before, refused=response.status_code >= 400)
    assert response["Content-Type"].startswith("application/json"), f"{case}: {response['Content-Type']}"


@PROFILE
@given(data=st.data())
def test_no_api_operation_answers_hostile_input_with_a_5xx_or_a_partial_write(
    hostile_world: World, data: st.DataObject
) -> None:
    for case in OPERATIONS:
        _ask_operation(hostile_world, case, data, st.one_of(json_text, json_number))


@settings(PROFILE, max_examples=1)
@given(data=st.data())
def test_no_api_operation_answers_known_hostile_values_with_a_5xx_or_a_partial_write(
    hostile_world: World, data: st.DataObject
) -> None:
    """Every query parameter and every string or number in the body set to each value in turn
    (hypothesis only draws the shapes of the bodies and the uploaded files)."""
    for value in ("²", HUGE, "1e999", "a\x00b", "x" * 20_000, "\ud800", 10**30, -1):
        for case in OPERATIONS:
            _ask_operation(hostile_world, case, data, _fixed(value), raw=False)


def _quoted(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def test_every_role_and_route_is_asked() -> None:
    """The cases are the matrix's: every URL and API operation, each variant, as a role that gets in."""
    assert {c.key for c in CASES} == {r.key for r in discovered_routes()}
    assert {c.role for c in CASES} <= set(ROLES)
