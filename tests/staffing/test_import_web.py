"""The national team's import page and the import API: the same errors as the command line, and
nothing changes."""

import io
import re
from pathlib import Path
from typing import TypedDict

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpResponseRedirect

from lksworkforce.core.problems import Problem
from tests.conftest import World
from tests.staffing.files import (
    CENSUS_HEADER,
    CENSUS_ROWS,
    RETURN_HEADER,
    RETURN_ROWS,
    YEAR,
    csv_bytes,
    signed_in,
    snapshot,
)

BAD_ROWS = [
    RETURN_ROWS[0],
    ["RQQ", "Librarian", "librarian", "6", "1", "chartered", "", ""],
    ["RAA", "Librarian", "librarian", "6", "1.5", "chartered", "", ""],
    ["RAA", "Librarian", "librarian", "11", "0", "chartered", "", ""],
    ["RAB", "Librarian", "librarian", "6", "1", "MLIS", "", ""],
]
BAD_FILE = csv_bytes(RETURN_HEADER, BAD_ROWS)


class ExpectedError(TypedDict):
    row: int
    column: str
    value: str
    reason: str


EXPECTED_ERRORS: list[ExpectedError] = [
    {
        "row": 3,
        "column": "ods_code",
        "value": "RQQ",
        "reason": "Unknown ODS code: import the organisation (or the workforce census) first",
    },
    {"row": 4, "column": "wte", "value": "1.5", "reason": "WTE must be 1.00 or less: one row is one person in post"},
    {"row": 5, "column": "band", "value": "11", "reason": "Not an Agenda for Change band. Use 1 to 7, 8a to 8d, or 9"},
    {"row": 5, "column": "wte", "value": "0", "reason": "WTE must be more than 0"},
    {
        "row": 6,
        "column": "qualification",
        "value": "MLIS",
        "reason": "Unknown qualification. Use one of: none, studying, accredited_degree, chartered, fellow",
    },
]


def upload(data: bytes = BAD_FILE, name: str = "returns.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def cli_errors(tmp_path: Path, data: bytes = BAD_FILE) -> list[str]:
    path = tmp_path / "returns.csv"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_lks_return", str(path), "--year", str(YEAR), stderr=err)
    return err.getvalue().splitlines()


def error_table_rows(html: str) -> list[list[str]]:
    table = html.split("Problems in the file", 1)[1].split("</table>", 1)[0]
    return [
        [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", table, re.S)
    ]


def test_the_import_page_shows_every_error_and_changes_nothing(world: World, tmp_path: Path) -> None:
    client = signed_in(world.national)
    before = snapshot()
    response = client.post("/staffing/import/", {"kind": "returns", "year": str(YEAR), "file": upload()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was not imported" in html
    assert error_table_rows(html) == [
        [str(e["row"]), e["column"], e["value"], e["reason"].replace("'", "&#39;")] for e in EXPECTED_ERRORS
    ]
    assert snapshot() == before
    # The command line lists the same problems.
    assert cli_errors(tmp_path) == [str(Problem(**e)) for e in EXPECTED_ERRORS]


def test_the_import_page_loads_a_good_census(world: World) -> None:
    client = signed_in(world.national)
    data = csv_bytes(CENSUS_HEADER, CENSUS_ROWS)
    response = client.post("/staffing/import/", {"kind": "census", "year": str(YEAR), "file": upload(data, "c.csv")})
    assert response.status_code == 302
    assert isinstance(response, HttpResponseRedirect)
    assert response.url == "/staffing/"
    assert signed_in(world.national).get("/staffing/").status_code == 200


@pytest.mark.parametrize("role", ["staff", "service_manager", "regional_lead", "curator"])
def test_only_the_national_team_may_import(world: World, role: str) -> None:
    before = snapshot()
    user = world.by_role(role)
    assert user is not None
    client = signed_in(user)
    assert client.get("/staffing/import/").status_code == 403
    data = csv_bytes(RETURN_HEADER, RETURN_ROWS)
    assert (
        client.post("/staffing/import/", {"kind": "returns", "year": "2025", "file": upload(data)}).status_code == 403
    )
    response = client.post("/api/v1/staffing/imports", {"kind": "returns", "year": "2025", "file": upload(data)})
    assert response.status_code == 403
    assert snapshot() == before


def test_the_api_answers_422_with_every_error_and_changes_nothing(world: World, tmp_path: Path) -> None:
    client = signed_in(world.national)
    before = snapshot()
    response = client.post("/api/v1/staffing/imports", {"kind": "returns", "year": str(YEAR), "file": upload()})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"] == "The file was not imported: 5 errors. Nothing was changed."
    assert body["errors"] == [{"line": None, "field": None} | e for e in EXPECTED_ERRORS]
    assert snapshot() == before
    assert cli_errors(tmp_path) == [str(Problem(**e)) for e in body["errors"]]


def test_the_api_reports_column_problems_without_a_row(world: World) -> None:
    client = signed_in(world.national)
    data = csv_bytes([*CENSUS_HEADER[:4], "wte"], [r[:5] for r in CENSUS_ROWS])
    response = client.post("/api/v1/staffing/imports", {"kind": "census", "year": "2025", "file": upload(data)})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"line": None, "field": None, **e}
        for e in [
            {
                "row": None,
                "column": "wte",
                "value": "wte",
                "reason": "Unknown column. Expected one of: ods_code, organisation_name, region_code, region_name, nhs_wte, headcount, organisation_type",
            },
            {"row": None, "column": "nhs_wte", "value": None, "reason": "Required column is missing."},
        ]
    ]


def test_the_api_imports_a_good_file(world: World) -> None:
    client = signed_in(world.national)
    data = csv_bytes(RETURN_HEADER, RETURN_ROWS)
    response = client.post("/api/v1/staffing/imports", {"kind": "returns", "year": "2025", "file": upload(data)})
    assert response.status_code == 200
    assert response.json() == {"rows": 6, "notes": []}
