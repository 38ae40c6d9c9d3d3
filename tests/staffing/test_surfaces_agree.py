"""One set of figures, every surface: the page, the API, CSV, XLSX and PDF exports, and the CLI show
the same organisation rows for the same data."""

import csv
import io
import json
import re
import shutil
import subprocess
from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook

from tests.conftest import World
from tests.staffing.files import YEAR, census, published_return, signed_in

HEADER = "area_code,area_name,nhs_wte,qualified_wte,staff_per_qualified,ratio,target_ratio,meets_target,gap_wte"
COLUMNS = HEADER.split(",")
# Worked by hand. Ranked best ratio first; no qualified staff last. Ratios are truncated, never rounded.
EXPECTED = [
    ["RAA", "Alpha Hospitals NHS Trust", "5000.00", "4.00", "1250.00", "1:1,250", "1:1,250", "true", "0.00"],
    # 4,321.50 / 2.50 = 1,728.6 -> 1:1,728; gap 4,321.50 / 1,250 - 2.50 = 0.9572
    ["RAB", "Beta Mental Health NHS Trust", "4321.50", "2.50", "1728.60", "1:1,728", "1:1,250", "false", "0.96"],
    # Only a student and a para-professional: no qualified staff; gap 2,500 / 1,250
    ["RBA", "Gamma Community NHS Trust", "2500.00", "0.00", "", "no qualified staff", "1:1,250", "false", "2.00"],
]
EXPECTED_ROWS = [dict(zip(COLUMNS, row, strict=True)) for row in EXPECTED]


def build(world: World) -> None:
    """Three organisations in two regions (RAA, RAB in London; RBA in North West), census and published returns."""
    census(world.london_a, "5000")
    census(world.london_b, "4321.50")
    census(world.north_west, "2500")
    published_return(
        world.london_a,
        [("1", "chartered"), ("1", "chartered"), ("1", "fellow"), ("1", "accredited_degree"), ("1", "none")],
    )
    published_return(
        world.london_b, [("1", "accredited_degree"), ("1", "chartered"), ("0.5", "fellow"), ("0.8", "studying")]
    )
    published_return(world.north_west, [("1", "studying"), ("0.6", "none")])


def cli(*args: str) -> str:
    out = io.StringIO()
    call_command("ratio_report", "--year", str(YEAR), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def html_rows(html: str) -> dict[str, list[str]]:
    """The organisations table of a region page: name -> [NHS WTE, qualified WTE, ratio, status, gap]."""
    table = html.split("Organisations, best ratio first", 1)[1].split("</table>", 1)[0]
    rows: dict[str, list[str]] = {}
    for row in re.findall(r'<tr class="nhsuk-table__row">(.*?)</tr>', table, re.S):
        heading = re.search(r"<th[^>]*>(.*?)</th>", row, re.S)
        assert heading is not None
        name = re.sub(r"<[^>]+>", "", heading.group(1)).strip()
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[unescape(name)] = [unescape(c) for c in cells]
    return rows


API_ONLY = {"status", "target_staff_per_qualified"}  # in place of the ratio labels


def as_api_figures(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the API sends its figures: numbers (null when the cell is empty) and a boolean."""
    number = {
        k: float(row[k]) if row[k] else None for k in ("nhs_wte", "qualified_wte", "staff_per_qualified", "gap_wte")
    }
    meets = {"true": True, "false": False, "": None}[row["meets_target"]]
    return {"area_code": row["area_code"], "area_name": row["area_name"], **number, "meets_target": meets}


def as_displayed(value: str, fallback: str = "Not available") -> str:
    """A CSV figure as a page shows it: 2 places with thousands separators."""
    return f"{Decimal(value):,.2f}" if value else fallback


def test_every_surface_shows_the_same_figures(world: World) -> None:
    build(world)
    client = signed_in(world.national)

    # CLI, CSV: the header exactly, and the hand-worked figures.
    cli_csv = cli("--by", "organisation", "--format", "csv")
    assert cli_csv.splitlines()[0] == HEADER
    from_cli = list(csv.DictReader(io.StringIO(cli_csv)))
    assert from_cli == EXPECTED_ROWS

    # API: the same figures as numbers, booleans and nulls (the ratio's 1:N label is the pages' and files').
    response = client.get(f"/api/v1/staffing/ratios?year={YEAR}&by=organisation")
    assert response.status_code == 200
    from_api = response.json()["rows"]
    assert [{k: v for k, v in row.items() if k not in API_ONLY} for row in from_api] == [
        as_api_figures(row) for row in from_cli
    ]
    assert {row["target_staff_per_qualified"] for row in from_api} == {1250.0}

    # Dashboard CSV export.
    response = client.get(f"/staffing/?year={YEAR}&format=csv&table=organisations")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert list(csv.DictReader(io.StringIO(response.content.decode()))) == from_cli

    # Dashboard XLSX export.
    response = client.get(f"/staffing/?year={YEAR}&format=xlsx&table=organisations")
    assert response.status_code == 200
    sheet = CalamineWorkbook.from_object(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert [str(c) for c in sheet[0]] == COLUMNS
    assert [dict(zip(COLUMNS, [str(c) for c in row], strict=True)) for row in sheet[1:]] == from_cli

    # Dashboard PDF export: the table's text, laid out as on paper, one line per organisation.
    response = client.get(f"/staffing/?year={YEAR}&format=pdf&table=organisations")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    lines = [line.strip() for line in pdf_text(response.content).splitlines() if line.strip()]
    header_at = lines.index(next(line for line in lines if line.startswith("area_code")))
    assert re.split(r"\s{2,}", lines[header_at]) == COLUMNS
    from_pdf = [re.split(r"\s{2,}", line) for line in lines[header_at + 1 : header_at + 1 + len(from_cli)]]
    assert from_pdf == [[value for value in row.values() if value] for row in from_cli]  # blank cells vanish

    # Pages: each region page ranks its organisations with the same figures, formatted for people.
    shown: dict[str, list[str]] = {}
    for code in ("Y56", "Y62"):
        response = client.get(f"/staffing/regions/{code}/?year={YEAR}")
        assert response.status_code == 200
        shown |= html_rows(response.content.decode())
    assert list(shown) == [row["area_name"] for row in from_cli]
    for row in from_cli:
        nhs, qualified, ratio, _status, gap = shown[row["area_name"]]
        assert [nhs, qualified, ratio, gap] == [
            as_displayed(row["nhs_wte"]),
            as_displayed(row["qualified_wte"]),
            row["ratio"],
            as_displayed(row["gap_wte"]),
        ]
    # And each organisation's own page.
    for row in from_cli:
        page = client.get(f"/staffing/organisations/{row['area_code']}/?year={YEAR}").content.decode()
        assert f'<dd class="nhsuk-summary-list__value">{row["ratio"]}</dd>' in page
        assert f'<dd class="nhsuk-summary-list__value">{as_displayed(row["gap_wte"])}</dd>' in page


def pdf_text(pdf: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:  # pragma: no cover - poppler-utils is on the project's machines
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(  # noqa: S603 - a fixed tool on our own bytes
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def test_the_cli_by_nation_json_and_table(world: World) -> None:
    build(world)
    nation = list(csv.DictReader(io.StringIO(cli("--by", "nation", "--format", "csv"))))
    assert nation == [
        {
            "area_code": "ENG",
            "area_name": "England",
            "nhs_wte": "11821.50",
            "qualified_wte": "6.50",
            "staff_per_qualified": "1818.69",
            "ratio": "1:1,818",
            "target_ratio": "1:1,250",
            "meets_target": "false",
            "gap_wte": "2.96",  # the sum of the organisations' gaps, not the pooled shortfall
        }
    ]
    regions = list(csv.DictReader(io.StringIO(cli("--by", "region", "--format", "csv"))))
    assert [(r["area_code"], r["ratio"], r["gap_wte"]) for r in regions] == [
        ("Y56", "1:1,434", "0.96"),  # 9,321.50 / 6.50 = 1,434.08; gap 0.00 + 0.9572
        ("Y62", "no qualified staff", "2.00"),
    ]
    report = json.loads(cli("--by", "organisation", "--format", "json"))
    assert report == {"year": YEAR, "by": "organisation", "rows": EXPECTED_ROWS}
    table = cli("--by", "organisation")
    assert table.splitlines()[0].split() == COLUMNS
    assert "1:1,728" in table


def test_the_cli_exits_2_for_a_year_without_a_census(world: World) -> None:
    build(world)
    with pytest.raises(CommandError) as raised:
        call_command("ratio_report", "--year", "2019", stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 2
    assert "No NHS workforce census for 2019. Years with a census: 2025" in str(raised.value)


def test_the_cli_exits_2_with_no_census_at_all(db: None) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("ratio_report", stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 2
