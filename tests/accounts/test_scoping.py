"""Scoping: nobody sees people outside the organisations they oversee, on any surface."""

import csv
import io
import re

import pytest
from django.test import Client
from python_calamine import CalamineWorkbook

from lksworkforce.accounts.people import Role
from tests.conftest import World, client_for
from tests.factories import current_region, grant, place_in_region

LONDON_A = {"Sam Staff", "Cal Colleague", "Mo Manager"}  # RAA
EVERYONE = LONDON_A | {"Olu Outsider", "Lee Lead", "Nat National", "Cur Curator"}


def _page_names(html: str) -> set[str]:
    return set(re.findall(r'<a href="/people/\d+/">([^<]+)</a>', html))


def _surfaces(client: Client) -> dict[str, set[str]]:
    """The names a viewer sees in the people page, the API and the CSV and XLSX exports."""
    page = client.get("/people/")
    assert page.status_code == 200
    api = client.get("/api/v1/people", {"limit": 1000})
    assert api.status_code == 200
    as_csv = client.get("/people/", {"format": "csv"})
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"].startswith("text/csv")
    csv_rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    as_xlsx = client.get("/people/", {"format": "xlsx"})
    assert as_xlsx.status_code == 200
    sheet = CalamineWorkbook.from_object(io.BytesIO(as_xlsx.content)).get_sheet_by_index(0).to_python()
    header, *data = sheet
    assert api.json()["count"] == len(api.json()["items"])
    return {
        "page": _page_names(page.content.decode()),
        "api": {p["name"] for p in api.json()["items"]},
        "csv": {r["name"] for r in csv_rows},
        "xlsx": {dict(zip(header, r, strict=True))["name"] for r in data},
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("service_manager", LONDON_A),
        # The lead of North West sees its one organisation's people (RBA: the curator) and themselves.
        ("regional_lead", {"Cur Curator", "Lee Lead"}),
        ("national_team", EVERYONE),
    ],
)
def test_people_on_every_surface_are_those_in_scope(world: World, role: str, expected: set[str]) -> None:
    surfaces = _surfaces(client_for(world.by_role(role)))
    for surface, names in surfaces.items():
        assert names == expected, f"{role} on {surface}"


def test_service_manager_never_sees_another_organisations_people(world: World) -> None:
    client = client_for(world.manager)
    for surface, names in _surfaces(client).items():
        assert "Olu Outsider" not in names, surface
        assert "Cur Curator" not in names, surface
    # Searching for them finds nobody, in the page and in the exports.
    assert _page_names(client.get("/people/", {"q": "Olu"}).content.decode()) == set()
    assert "Olu" not in client.get("/people/", {"q": "Olu", "format": "csv"}).content.decode()
    assert client.get("/api/v1/people", {"q": "Olu"}).json()["items"] == []
    # Their pages are "not found", not "forbidden".
    assert client.get(f"/people/{world.outsider.pk}/").status_code == 404
    not_found = client.get(f"/api/v1/people/{world.outsider.pk}")
    assert not_found.status_code == 404
    assert not_found.json()["code"] == "not_found"
    assert "Olu" not in not_found.content.decode()


def test_service_manager_sees_their_colleagues(world: World) -> None:
    client = client_for(world.manager)
    page = client.get(f"/people/{world.colleague.pk}/")
    assert page.status_code == 200
    assert "Cal Colleague" in page.content.decode()
    assert client.get(f"/api/v1/people/{world.colleague.pk}").json()["name"] == "Cal Colleague"


def test_manager_of_two_organisations_sees_both(world: World) -> None:
    grant(world.manager, Role.SERVICE_MANAGER, organisation=world.london_b)
    names = _surfaces(client_for(world.manager))["api"]
    assert names == LONDON_A | {"Olu Outsider"}


def test_regional_lead_keeps_seeing_an_organisation_that_has_left_their_region(world: World) -> None:
    """ADR 3: a lead oversees every organisation that has been in their region in any year."""

    place_in_region(world.london_b, current_region("Y62"), 2019)
    names = _surfaces(client_for(world.regional_lead))["api"]
    assert names == {"Cur Curator", "Lee Lead", "Olu Outsider"}


def test_regional_lead_does_not_see_other_regions(world: World) -> None:
    client = client_for(world.regional_lead)
    for person in (world.staff, world.colleague, world.outsider, world.manager):
        assert client.get(f"/people/{person.pk}/").status_code == 404
        assert client.get(f"/api/v1/people/{person.pk}").status_code == 404


@pytest.mark.parametrize("role", ["staff", "curator"])
def test_staff_cannot_list_people_but_see_themselves(world: World, role: str) -> None:
    user = world.by_role(role)
    assert user is not None
    client = client_for(user)
    for url in ("/people/", "/people/?format=csv", "/people/?format=xlsx", "/api/v1/people"):
        assert client.get(url).status_code == 403, url
    profile = client.get("/profile/")
    assert profile.status_code == 200
    assert user.full_name in profile.content.decode()
    me = client.get("/api/v1/me").json()
    assert (me["email"], me["name"]) == (user.email, user.full_name)
    assert client.get(f"/api/v1/people/{user.pk}").json()["name"] == user.full_name
    assert client.get(f"/people/{user.pk}/").status_code == 200
    # Not even a colleague in the same organisation.
    other = world.colleague if role == "staff" else world.regional_lead
    assert client.get(f"/people/{other.pk}/").status_code == 404


def test_inactive_people_are_not_listed(world: World) -> None:
    world.colleague.is_active = False
    world.colleague.save()
    assert "Cal Colleague" not in _surfaces(client_for(world.manager))["api"]


def test_unknown_export_format_is_not_found(world: World) -> None:
    assert client_for(world.manager).get("/people/", {"format": "docx"}).status_code == 404
