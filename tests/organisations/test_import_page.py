"""The organisations upload page: national team only; the same errors as the command; nothing changed."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lksworkforce.organisations.models import Organisation
from tests.conftest import TestResponse, World, client_for
from tests.organisations.files import (
    GOOD_CODES,
    GOOD_ROWS,
    HEADER,
    WITH_REGION,
    as_xlsx_cells,
    csv_bytes,
    snapshot,
    xlsx_bytes,
)

URL = "/organisations/import/"


def upload(client: Client, data: bytes, name: str = "organisations.csv", year: str = "2025") -> TestResponse:
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "year": year})


def page_text(response: TestResponse) -> str:
    return html.unescape(response.content.decode())


def table_rows(response: TestResponse) -> list[list[str]]:
    """The body rows of the page's tables, as the text of their cells."""
    body = response.content.decode()
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r'<tr class="nhsuk-table__row">(.*?)</tr>', body, re.S)
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [("o.csv", csv_bytes(GOOD_ROWS)), ("o.xlsx", xlsx_bytes(as_xlsx_cells(GOOD_ROWS)))],
    ids=["csv", "xlsx"],
)
def test_a_good_upload_imports_and_redirects_with_a_message(world: World, name: str, data: bytes) -> None:
    client = client_for(world.national)
    response = upload(client, data, name)
    assert response.status_code == 302
    assert response["Location"] == "/organisations/"
    assert set(Organisation.objects.filter(ods_code__in=GOOD_CODES).values_list("ods_code", flat=True)) == GOOD_CODES
    listing = page_text(client.get("/organisations/"))
    assert (
        f"Organisations imported: 5 organisations added, 0 updated, 0 unchanged; region set for {WITH_REGION}."
        in listing
    )


def test_a_bad_upload_shows_every_error_in_a_table_and_changes_nothing(world: World) -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[0][0] = ""  # row 2: no code
    rows[1][2] = "hospital"  # row 3: unknown type
    rows[2][3] = "Y99"  # row 4: unknown region
    rows.append(["RX1", "Example Duplicate NHS Trust", "acute", "", "", ""])  # row 7: fine, RX1 is not yet seen
    rows.append(["RX3", "Example Duplicate NHS Trust", "acute", "", "", ""])  # row 8: duplicate of row 4
    rows.append(["RAA", "Alpha Renamed NHS Trust", "acute", "Y56", "2001-01-01", "2000-01-01"])  # row 9: closes first
    before = snapshot()
    response = upload(client_for(world.national), csv_bytes(rows))
    assert response.status_code == 200
    text = page_text(response)
    assert "The file was not imported" in text
    assert "Correct these 5 problems" in text
    cells = [
        ("2", "ods_code", "", "An ODS code is required"),
        ("3", "type", "hospital", "Unknown organisation type."),
        ("4", "region_code", "Y99", "Unknown region code."),
        ("8", "ods_code", "RX3", "Duplicate ODS code: already on row 4"),
        ("9", "closed_on", "2000-01-01", "The closing date is before the opening date"),
    ]
    shown = table_rows(response)
    assert [tuple(r[:3]) for r in shown] == [c[:3] for c in cells]
    for (*_, reason), row in zip(cells, shown, strict=True):
        assert row[3].startswith(reason)
    assert snapshot() == before


def test_an_unknown_column_is_shown_as_a_whole_file_problem(world: World) -> None:
    before = snapshot()
    response = upload(client_for(world.national), csv_bytes([[*r, "x"] for r in GOOD_ROWS], [*HEADER, "colour"]))
    assert response.status_code == 200
    text = page_text(response)
    assert "Whole file" in text
    assert "Unknown column. Expected one of" in text
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2025"}, "Choose a CSV or XLSX file to upload"),
        (
            {"file": SimpleUploadedFile("o.csv", csv_bytes(GOOD_ROWS)), "year": "next year"},
            "The year must be a number, like 2026",
        ),
        ({"file": SimpleUploadedFile("o.csv", csv_bytes(GOOD_ROWS)), "year": "1066"}, "2000"),
        ({"file": SimpleUploadedFile("o.csv", csv_bytes(GOOD_ROWS))}, "Enter the year the regions apply to"),
        ({"file": SimpleUploadedFile("o.pdf", b"%PDF-1.7"), "year": "2025"}, "This type of file is not accepted."),
        (
            {"file": SimpleUploadedFile("o.xlsx", b"PK not really"), "year": "2025"},
            "could not be read as an Excel workbook",
        ),
    ],
    ids=["no-file", "year-words", "year-too-early", "no-year", "pdf", "broken-xlsx"],
)
def test_bad_form_input_shows_an_error_not_a_500(world: World, data: dict[str, object], message: str) -> None:
    before = snapshot()
    response = client_for(world.national).post(URL, data)
    assert response.status_code == 200
    assert message in page_text(response)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["staff", "service_manager", "regional_lead", "curator"])
def test_only_the_national_team_may_upload(world: World, role: str) -> None:
    before = snapshot()
    response = upload(client_for(world.by_role(role)), csv_bytes(GOOD_ROWS))
    assert response.status_code == 403
    assert snapshot() == before


def test_signed_out_upload_goes_to_sign_in(world: World) -> None:
    response = upload(client_for(None), csv_bytes(GOOD_ROWS))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert not Organisation.objects.filter(ods_code__in=GOOD_CODES).exists()


def test_the_upload_page_shows_the_form(world: World) -> None:
    response = client_for(world.national).get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()
