"""The regional fair shares on every surface: the page, its CSV and XLSX, the API and the command
give the same rows; bad questions are refused with the reason, by field; only those who share out
places may ask."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from lksworkforce.programmes.presenters.selection import FAIR_SHARE_COLUMNS
from tests.conftest import YEAR, World, client_for
from tests.factories import publish_staffing_figures

pytestmark = pytest.mark.django_db
PAGE = "/programmes/fair-shares/"
API = "/api/v1/programmes/fair-shares"


@pytest.fixture
def published(world: World) -> World:
    publish_staffing_figures(world, YEAR)  # one person in post in each of RAA, RAB (London) and RBA (North West)
    return world


def _command_rows(places: int, minimum: int) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command(
        "programme_fair_shares", "--places", str(places), "--year", str(YEAR), "--min-per-region", str(minimum),
        "--format", "csv", stdout=out,
    )  # fmt: skip
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_page_csv_xlsx_api_and_command_agree(published: World) -> None:
    query = f"places=12&year={YEAR}&min_per_region=0"
    national = client_for(published.national)
    expected = _command_rows(12, 0)
    assert sum(int(row["places"]) for row in expected) == 12

    page = national.get(f"{PAGE}?{query}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Places for each region (12 in all)" in text
    for row in expected:
        assert f">{row['region']}</th>" in text

    as_csv = national.get(f"{PAGE}?{query}&format=csv")
    assert as_csv["Content-Disposition"] == f'attachment; filename="fair-shares-{YEAR}-12.csv"'
    assert list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig")))) == expected

    as_xlsx = national.get(f"{PAGE}?{query}&format=xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(as_xlsx.content)).get_sheet_by_index(0).to_python()
    assert [str(cell) for cell in sheet[0]] == list(FAIR_SHARE_COLUMNS)
    in_sheet = [dict(zip(FAIR_SHARE_COLUMNS, map(str, row), strict=True)) for row in sheet[1:]]
    assert [(r["region_code"], float(r["places"]), float(r["lks_headcount"])) for r in in_sheet] == [
        (r["region_code"], int(r["places"]), int(r["lks_headcount"])) for r in expected
    ]

    api = national.get(f"{API}?{query}")
    assert api.status_code == 200
    body = api.json()
    assert (body["year"], body["places"], body["min_per_region"]) == (YEAR, 12, 0)
    assert [{k: str(v) for k, v in row.items()} for row in body["rows"]] == expected


def test_the_regional_lead_asks_too_and_the_default_minimum_is_one(published: World) -> None:
    lead = client_for(published.regional_lead)
    body = lead.get(f"{API}?places=20&year={YEAR}").json()
    assert body["min_per_region"] == 1
    assert all(row["places"] >= 1 for row in body["rows"])
    assert [{k: str(v) for k, v in row.items()} for row in body["rows"]] == _command_rows(20, 1)


@pytest.mark.parametrize("role", ["staff", "manager", "curator"])
def test_others_may_not_ask(published: World, role: str) -> None:
    client = client_for(getattr(published, role))
    assert client.get(f"{PAGE}?places=5&year={YEAR}").status_code == 403
    assert client.get(f"{API}?places=5&year={YEAR}").status_code == 403


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("places=0&year=2025", "places", "The number of places must be from 1 to 10,000"),
        ("places=ten&year=2025", "places", "Enter the number of places as a whole number"),
        ("places=5&year=20x6", "year", "Enter the year as four digits"),
        ("places=5&year=2025&min_per_region=101", "min_per_region", "The minimum per region must be from 0 to 100"),
        ("year=2025", "places", "Enter how many places to share"),
    ],
)
def test_the_page_says_what_is_wrong_by_field(published: World, query: str, field: str, message: str) -> None:
    page = client_for(published.national).get(f"{PAGE}?{query}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text
    assert f'href="#id_{field}"' in text
    assert message in text
    assert "Places for each region" not in text


def test_a_year_without_published_returns_is_explained_everywhere(published: World) -> None:
    national = client_for(published.national)
    page = national.get(f"{PAGE}?places=5&year={YEAR + 3}")
    assert f"No LKS annual return for {YEAR + 3} is published" in page.content.decode()
    assert national.get(f"{PAGE}?places=5&year={YEAR + 3}&format=csv")["Content-Type"].startswith("text/html")
    api = national.get(f"{API}?places=5&year={YEAR + 3}")
    assert api.status_code == 422
    assert f"No LKS annual return for {YEAR + 3} is published" in json.dumps(api.json())


@pytest.mark.parametrize(
    "query", ["places=0&year=2025", "places=10001&year=2025", "places=5&year=1999", "places=5&year=2025&min_per_region=-1",
              "places=5", "year=2025", "places=99999999999999999999&year=2025"],
)  # fmt: skip
def test_the_api_refuses_bad_questions_with_422(published: World, query: str) -> None:
    assert client_for(published.national).get(f"{API}?{query}").status_code == 422


def test_an_unknown_download_format_is_not_found(published: World) -> None:
    assert client_for(published.national).get(f"{PAGE}?places=5&year={YEAR}&format=doc").status_code == 404
