"""Organisation list (search, filters, exports), organisation page and region pages."""

import csv
import datetime
import html
import io
import re

import pytest
from python_calamine import CalamineWorkbook

from lksworkforce.organisations.models import Organisation
from tests.conftest import YEAR, World, client_for
from tests.factories import OrganisationFactory, current_region, place_in_region


@pytest.fixture
def closed(world: World) -> Organisation:
    organisation = OrganisationFactory.create(
        ods_code="RCL",
        name="Delta Closed NHS Trust",
        opened_on=datetime.date(1995, 4, 1),
        closed_on=datetime.date(2020, 3, 31),
    )
    place_in_region(organisation, current_region("Y56"), YEAR)
    return organisation


def listed(world: World, **query: str) -> list[str]:
    response = client_for(world.staff).get("/organisations/", query)
    assert response.status_code == 200
    return re.findall(r'<a href="/organisations/([A-Z0-9]+)/">', response.content.decode())


def test_list_shows_open_organisations_by_name(world: World, closed: Organisation) -> None:
    assert listed(world) == ["RAA", "RAB", "RBA"]  # Alpha, Beta, Gamma; not the closed Delta


def test_closed_organisations_are_shown_when_asked_for(world: World, closed: Organisation) -> None:
    assert listed(world, closed="on") == ["RAA", "RAB", "RCL", "RBA"]
    page = client_for(world.staff).get("/organisations/", {"closed": "on"}).content.decode()
    assert "Closed" in page


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"q": "alpha"}, ["RAA"]),
        ({"q": "  Mental Health "}, ["RAB"]),
        ({"q": "NHS Trust"}, ["RAA", "RAB", "RBA"]),
        ({"q": "rab"}, ["RAB"]),
        ({"q": "RB"}, []),  # a code matches whole, not in part
        ({"q": "nothing like it"}, []),
        ({"type": "mental_health"}, ["RAB"]),
        ({"type": "acute"}, ["RAA"]),
        ({"region": "Y56"}, ["RAA", "RAB"]),
        ({"region": "Y62"}, ["RBA"]),
        ({"region": "Y60"}, []),
        ({"region": "Y56", "type": "acute", "q": "alpha"}, ["RAA"]),
    ],
    ids=lambda v: "&".join(f"{k}={w}" for k, w in v.items()) if isinstance(v, dict) else None,
)
def test_search_and_filters(world: World, closed: Organisation, query: dict[str, str], codes: list[str]) -> None:
    assert listed(world, **query) == codes


@pytest.mark.parametrize(
    "query", [{"type": "nonsense"}, {"region": "Y99"}, {"q": "x" * 500}, {"page": "999"}, {"page": "two"}]
)
def test_bad_filter_values_answer_200_not_500(world: World, query: dict[str, str]) -> None:
    response = client_for(world.staff).get("/organisations/", query)
    assert response.status_code == 200


def test_region_filter_uses_the_latest_year(world: World) -> None:
    """RBA was in London in an earlier year: the filter goes by the current year's region."""
    place_in_region(world.north_west, current_region("Y56"), YEAR - 3)
    assert listed(world, region="Y56") == ["RAA", "RAB"]


def test_list_paginates(world: World) -> None:
    for n in range(55):
        OrganisationFactory.create(ods_code=f"Q{n:02d}", name=f"Zeta {n:02d} NHS Trust")
    first, second = listed(world), listed(world, page="2")
    assert len(first) == 50
    assert len(second) == 8
    assert not set(first) & set(second)


def _export(world: World, fmt: str, **query: str) -> list[dict[str, object]]:
    response = client_for(world.staff).get("/organisations/", {**query, "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="organisations.{fmt}"'
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode())))
    header, *rows = CalamineWorkbook.from_object(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    return [dict(zip(map(str, header), r, strict=True)) for r in rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_follow_the_filters(world: World, closed: Organisation, fmt: str) -> None:
    rows = _export(world, fmt, region="Y56")
    assert rows == [
        {
            "ods_code": "RAA",
            "name": "Alpha Hospitals NHS Trust",
            "type": "Acute trust",
            "region": "London",
            "status": "Open",
        },
        {
            "ods_code": "RAB",
            "name": "Beta Mental Health NHS Trust",
            "type": "Mental health trust",
            "region": "London",
            "status": "Open",
        },
    ]
    assert [r["status"] for r in _export(world, fmt, closed="on", region="Y56")] == ["Open", "Open", "Closed"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", ['=HYPERLINK("http://example.com","x")', "+1+2", "-1+cmd", "@SUM(A1)"])
def test_exports_escape_cells_a_spreadsheet_would_run(world: World, fmt: str, name: str) -> None:
    OrganisationFactory.create(ods_code="RZZ", name=name, type="other")
    rows = {r["ods_code"]: r for r in _export(world, fmt)}
    assert rows["RZZ"]["name"] == "'" + name
    assert rows["RAA"]["name"] == "Alpha Hospitals NHS Trust"


def test_organisation_page_shows_the_organisation_and_its_region_history(world: World) -> None:
    place_in_region(world.london_a, current_region("Y62"), YEAR - 1)
    response = client_for(world.staff).get("/organisations/RAA/")
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "<h1>Alpha Hospitals NHS Trust</h1>" in text
    assert "Acute trust" in text
    history = re.findall(
        r"<td[^>]*>(\d{4})</td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*><a href=\"([^\"]+)\">([^<]+)</a>", text
    )
    assert history == [
        (str(YEAR), "NHS England regions", "/regions/nhse-regions/Y56/", "London"),
        (str(YEAR - 1), "NHS England regions", "/regions/nhse-regions/Y62/", "North West"),
    ]


def test_organisation_page_accepts_a_lower_case_code(world: World) -> None:
    assert client_for(world.staff).get("/organisations/raa/").status_code == 200


def test_closed_organisation_page_says_so(world: World, closed: Organisation) -> None:
    text = client_for(world.staff).get("/organisations/RCL/").content.decode()
    assert "Closed on" in text


def test_unknown_organisation_is_not_found(world: World) -> None:
    response = client_for(world.staff).get("/organisations/ZZZ/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _region_codes(world: World, url: str) -> list[str]:
    response = client_for(world.staff).get(url)
    assert response.status_code == 200
    return re.findall(r'<a href="/organisations/([A-Z0-9]+)/">', response.content.decode())


def test_region_page_shows_the_organisations_in_the_region_in_the_latest_year(world: World) -> None:
    place_in_region(world.north_west, current_region("Y56"), YEAR - 1)  # an earlier year: not shown
    assert _region_codes(world, "/regions/nhse-regions/Y56/") == ["RAA", "RAB"]
    assert _region_codes(world, "/regions/nhse-regions/Y62/") == ["RBA"]
    assert _region_codes(world, "/regions/nhse-regions/Y60/") == []
    page = client_for(world.staff).get("/regions/nhse-regions/Y56/").content.decode()
    assert "<h1>London</h1>" in page
    assert f"2 organisations in this region in {YEAR}." in page


def test_region_page_of_the_2018_geography_uses_its_own_years(world: World) -> None:
    from lksworkforce.organisations.models import Region

    place_in_region(world.north_west, Region.objects.get(geography__key="lks-geographies-2018", code="NORTH"), 2018)
    assert _region_codes(world, "/regions/lks-geographies-2018/NORTH/") == ["RBA"]
    assert _region_codes(world, "/regions/lks-geographies-2018/SOUTH/") == []


def test_regions_page_lists_both_geographies(world: World) -> None:
    text = html.unescape(client_for(world.staff).get("/regions/").content.decode())
    assert "NHS England regions" in text
    assert "LKS geographies (2018)" in text
    assert len(re.findall(r'href="/regions/nhse-regions/Y\d\d/"', text)) == 7
    assert len(re.findall(r'href="/regions/lks-geographies-2018/[A-Z]+/"', text)) == 4


@pytest.mark.parametrize(
    "url", ["/regions/nhse-regions/Y99/", "/regions/no-such-geography/Y56/", "/regions/lks-geographies-2018/Y56/"]
)
def test_unknown_region_is_not_found(world: World, url: str) -> None:
    assert client_for(world.staff).get(url).status_code == 404
