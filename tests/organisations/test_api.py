"""The organisations API: list with filters, detail with region history, JSON errors."""

import datetime

import pytest
from django.test import Client

from tests.conftest import YEAR, TestResponse, World, client_for
from tests.factories import OrganisationFactory, current_region, place_in_region


def codes(response: TestResponse) -> list[str]:
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"])
    return [o["ods_code"] for o in body["items"]]


@pytest.fixture
def api(world: World) -> Client:
    OrganisationFactory.create(ods_code="RCL", name="Delta Closed NHS Trust", closed_on=datetime.date(2020, 3, 31))
    return client_for(world.staff)


def test_list(api: Client) -> None:
    response = api.get("/api/v1/organisations")
    assert codes(response) == ["RAA", "RAB", "RBA"]
    assert response.json()["items"][0] == {
        "ods_code": "RAA",
        "name": "Alpha Hospitals NHS Trust",
        "type": "acute",
        "region": "London",
        "opened_on": None,
        "closed_on": None,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "beta"}, ["RAB"]),
        ({"q": "rba"}, ["RBA"]),
        ({"type": "community"}, ["RBA"]),
        ({"region": "Y56"}, ["RAA", "RAB"]),
        ({"region": "Y62", "type": "acute"}, []),
        ({"include_closed": "true"}, ["RAA", "RAB", "RCL", "RBA"]),
        ({"include_closed": "true", "q": "delta"}, ["RCL"]),
        ({"limit": "2"}, ["RAA", "RAB"]),
        ({"limit": "2", "offset": "2"}, ["RBA"]),
    ],
)
def test_list_filters(api: Client, query: dict[str, str], expected: list[str]) -> None:
    response = api.get("/api/v1/organisations", query)
    assert [o["ods_code"] for o in response.json()["items"]] == expected


def test_detail_with_region_history(world: World, api: Client) -> None:
    place_in_region(world.london_a, current_region("Y62"), YEAR - 1)
    response = api.get("/api/v1/organisations/RAA")
    assert response.status_code == 200
    assert response.json() == {
        "ods_code": "RAA",
        "name": "Alpha Hospitals NHS Trust",
        "type": "acute",
        "region": "London",
        "opened_on": None,
        "closed_on": None,
        "regions": [
            {"year": YEAR, "geography": "nhse-regions", "region_code": "Y56", "region_name": "London"},
            {"year": YEAR - 1, "geography": "nhse-regions", "region_code": "Y62", "region_name": "North West"},
        ],
    }


def test_detail_accepts_a_lower_case_code(api: Client) -> None:
    assert api.get("/api/v1/organisations/rab").json()["name"] == "Beta Mental Health NHS Trust"


def test_unknown_code_is_a_json_404(api: Client) -> None:
    response = api.get("/api/v1/organisations/ZZZ")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "No organisation with that ODS code"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"type": "nonsense"}, "type"),
        ({"include_closed": "perhaps"}, "include_closed"),
        ({"limit": "-1"}, "limit"),
        ({"offset": "x"}, "offset"),
    ],
)
def test_invalid_query_is_a_json_422(api: Client, query: dict[str, str], field: str) -> None:
    response = api.get("/api/v1/organisations", query)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"]
    assert field in [e["field"] for e in body["errors"]]
    assert all(e["reason"] for e in body["errors"])


def test_regions(api: Client) -> None:
    regions = api.get("/api/v1/regions").json()
    assert len(regions) == 11
    assert {"geography": "nhse-regions", "code": "Y56", "name": "London"} in regions


def test_signed_out_is_a_json_401(world: World) -> None:
    response = client_for(None).get("/api/v1/organisations")
    assert response.status_code == 401
    assert response.json() == {
        "code": "not_signed_in",
        "message": "Sign in to use the API: send a personal API token as Authorization: Bearer <token>, "
        "or use a signed-in session",
    }
