"""The app contract (lksworkforce/core/capability.py): the test capability in tests/contract_app,
added to INSTALLED_APPS in the test settings and nowhere else, is found in the URLs, the API, the
navigation, the home page, the role matrix, the browser walk and the demo seed."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse

from lksworkforce.config.api import api
from lksworkforce.core.capability import capabilities
from tests.browser.pages import discovered_browser_pages
from tests.conftest import World, client_for
from tests.contract_app import browser_pages, routes
from tests.routes import discovered_tables
from tests.test_role_matrix import EXPECTED, discovered_routes


def test_the_registry_reads_capabilities_in_installed_apps_order() -> None:
    labels = [c.label for c in capabilities()]
    assert labels == [
        "core",
        "organisations",
        "accounts",
        "staffing",
        "skills",
        "surveys",
        "learning",
        "programmes",
        "nonprod",
        "contract_app",
    ]


def test_its_page_is_in_the_url_resolver() -> None:
    assert reverse("contract_app:probe") == "/contract-probe/"
    assert resolve("/contract-probe/").view_name == "contract_app:probe"


def test_its_operation_is_in_the_api_schema(world: World) -> None:
    paths = api.get_openapi_schema()["paths"]
    assert any(path.endswith("/contract-probe") and "get" in ops for path, ops in paths.items())
    body = client_for(world.staff).get(next(p for p in paths if p.endswith("/contract-probe"))).json()
    assert body == {"answer": "probed"}


@pytest.mark.parametrize(("role", "shown"), [("staff", False), ("service_manager", True), ("national_team", True)])
def test_its_navigation_entry_shows_for_those_with_its_permission(world: World, role: str, shown: bool) -> None:
    page = client_for(world.by_role(role)).get("/").content.decode()
    assert ('href="/contract-probe/"' in page) is shown
    assert ("Contract probe" in page) is shown  # the home page's section too


def test_its_navigation_entry_follows_the_others_by_position(world: World) -> None:
    page = client_for(world.national).get("/organisations/").content.decode()
    assert page.index('href="/profile/"') < page.index('href="/contract-probe/"')


def test_the_role_matrix_asks_its_routes_for_every_role() -> None:
    assert routes.ROUTES in discovered_tables()
    found = {route.key for route in discovered_routes()}
    assert {"contract_app:probe", "GET /api/v1/contract-probe"} <= found
    for key in routes.EXPECTED:
        assert EXPECTED[key] == routes.EXPECTED[key]


def test_the_browser_walk_visits_its_page() -> None:
    assert browser_pages.browser_pages in discovered_browser_pages()


@pytest.mark.django_db
def test_the_demo_seed_runs_its_seed_after_the_others() -> None:
    err = StringIO()
    call_command("seed_demo", "--seed", "3", stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    probe = next(line for line in lines if line.startswith("Contract probe: seeded"))
    assert lines.index(probe) > next(i for i, line in enumerate(lines) if line.startswith("Development needs surveys"))
    assert "after 4 things" in probe  # the organisations and their ids, and the demo cohorts and places, in the context


def test_anonymous_people_are_sent_to_sign_in() -> None:
    response = Client().get("/contract-probe/")
    assert response.status_code == 302


ROOT = Path(__file__).resolve().parents[2]
CENTRAL = (
    "lksworkforce/config/urls.py",
    "lksworkforce/config/api.py",
    "lksworkforce/core/navigation.py",
    "lksworkforce/core/views.py",
    "lksworkforce/nonprod/services.py",
    "tests/test_role_matrix.py",
    "tests/browser/test_accessibility.py",
    "benchmarks/__main__.py",
)


@pytest.mark.parametrize("path", CENTRAL)
def test_the_central_files_name_no_capability(path: str) -> None:
    """Adding an app touches its own folder and INSTALLED_APPS only: no central file imports or names one."""
    source = (ROOT / path).read_text()
    for capability in capabilities():
        if capability.label == "core":
            continue
        assert not re.search(rf"\b(lksworkforce|tests|benchmarks)\.{capability.label}\b", source), (
            f"{path} names {capability.label}"
        )
        assert f'"{capability.label}:' not in source, f"{path} names a URL of {capability.label}"
