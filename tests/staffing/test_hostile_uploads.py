"""Hostile and oversized staffing uploads: refused with one clear error on the import page, the
return upload page, the API and the commands (exit 2), nothing changed, never a 5xx; a request
too big to read gets a 413 (JSON on the API, an NHS page elsewhere); long error lists are capped."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from tests.concurrency import post_from_page
from tests.conftest import World
from tests.hostile_files import HOSTILE_WORKBOOKS, MakeWorkbook, csv_of_100000_columns
from tests.staffing.files import CENSUS_HEADER, RETURN_HEADER, RETURN_ROWS, YEAR, csv_bytes, signed_in, snapshot
from tests.staffing.test_import_web import error_table_rows

CASES = [(name, make, reason) for name, (make, reason) in HOSTILE_WORKBOOKS.items()]
MB = 1024 * 1024


def file(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(("name", "make", "reason"), CASES)
def test_a_hostile_workbook_is_refused_by_the_page_the_api_and_the_commands(
    world: World, tmp_path: Path, name: str, make: MakeWorkbook, reason: str
) -> None:
    data = make(CENSUS_HEADER)
    client = signed_in(world.national)
    before = snapshot()

    page = client.post("/staffing/import/", {"kind": "census", "year": str(YEAR), "file": file(data, "c.xlsx")})
    assert page.status_code == 200, name
    [[row, column, value, problem]] = error_table_rows(page.content.decode())
    assert (row, column, value) == ("Whole file", "", "")
    assert reason in problem

    api = client.post("/api/v1/staffing/imports", {"kind": "census", "year": str(YEAR), "file": file(data, "c.xlsx")})
    assert api.status_code == 422
    body = api.json()
    assert (body["code"], body["errors_total"], body["errors_left_out"]) == ("invalid_input", 1, 0)
    assert reason in body["errors"][0]["reason"]

    path = tmp_path / "census.xlsx"
    path.write_bytes(data)
    for command, args in (("import_workforce", ()), ("import_lks_return", ())):
        err = io.StringIO()
        with pytest.raises(CommandError) as raised:
            call_command(command, str(path), "--year", str(YEAR), *args, stderr=err)
        assert raised.value.returncode == 2
        assert reason in err.getvalue()
    assert snapshot() == before


def test_a_hostile_workbook_is_refused_on_the_return_upload_page(world: World) -> None:
    client = signed_in(world.manager)
    before = snapshot()
    make, reason = HOSTILE_WORKBOOKS["XFD1048576"]
    page = post_from_page(
        client,
        f"/staffing/organisations/RAA/returns/{YEAR}/upload/",
        {"file": file(make(RETURN_HEADER), "r.xlsx")},
        page=f"/staffing/organisations/RAA/returns/{YEAR}/",
    )
    assert page.status_code == 200
    [[_row, _column, _value, problem]] = error_table_rows(page.content.decode())
    assert reason in problem
    assert snapshot() == before


def test_a_csv_of_100000_columns_gives_one_error_on_the_page_and_in_the_api(world: World) -> None:
    data = csv_of_100000_columns(CENSUS_HEADER)
    client = signed_in(world.national)
    page = client.post("/staffing/import/", {"kind": "census", "year": str(YEAR), "file": file(data, "c.csv")})
    assert len(error_table_rows(page.content.decode())) == 1
    assert len(page.content) < 100_000
    api = client.post("/api/v1/staffing/imports", {"kind": "census", "year": str(YEAR), "file": file(data, "c.csv")})
    assert api.json()["errors"][0]["reason"].startswith(
        "Row 1 has 100,000 values: a file may have at most 200 columns."
    )
    assert len(api.content) < 10_000


def bad_rows(count: int) -> bytes:
    return csv_bytes(RETURN_HEADER, [["RAA", "Librarian", "librarian", "6", "lots", "chartered", "", ""]] * count)


def test_the_page_and_the_api_list_the_first_100_errors_and_count_the_rest(world: World) -> None:
    client = signed_in(world.national)
    page = client.post(
        "/staffing/import/", {"kind": "returns", "year": str(YEAR), "file": file(bad_rows(250), "r.csv")}
    )
    html = page.content.decode()
    rows = error_table_rows(html)
    assert len(rows) == 100
    assert [rows[0][0], rows[-1][0]] == ["2", "101"]
    assert "Correct these 250 problems" in html
    assert "These are the first 100 problems, and 150 more problems that are not shown." in html

    api = client.post(
        "/api/v1/staffing/imports", {"kind": "returns", "year": str(YEAR), "file": file(bad_rows(250), "r.csv")}
    )
    body = api.json()
    assert len(body["errors"]) == 100
    assert (body["errors_total"], body["errors_left_out"]) == (250, 150)
    assert body["message"] == (
        "The file was not imported: 250 errors. Nothing was changed. "
        "The first 100 errors are listed; 150 more are left out."
    )


def test_the_command_prints_every_error_with_the_total(world: World, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(bad_rows(250))
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_lks_return", str(path), "--year", str(YEAR), stderr=err)
    assert raised.value.returncode == 2
    assert len([line for line in err.getvalue().splitlines() if line.startswith("Row ")]) == 250
    assert "250 errors" in str(raised.value)


def test_an_api_body_over_the_limit_is_a_json_413_and_is_not_read(world: World) -> None:
    client = signed_in(world.national)
    before = snapshot()
    body = json.dumps({"notes": "x" * (11 * MB)})
    response = client.post("/api/v1/staffing/imports", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "too_large",
        "message": "The request is larger than 10 MB, the most the service accepts. "
        "A file you upload may be at most 10 MB: split it up and upload each part.",
    }
    assert snapshot() == before


def test_a_body_django_finds_too_big_while_reading_it_is_a_json_413(world: World, settings: Settings) -> None:
    # The declared length is within the limit, but the form's fields are more than Django holds.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = signed_in(world.national)
    response = client.post("/api/v1/staffing/imports", {"kind": "census", "year": "2025" + " " * 2000})
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_an_upload_over_the_request_limit_is_an_nhs_413_page(world: World) -> None:
    client = signed_in(world.national)
    before = snapshot()
    big = file(b"ods_code\r\n" + b"x" * (13 * MB), "c.csv")
    response = client.post("/staffing/import/", {"kind": "census", "year": str(YEAR), "file": big})
    assert response.status_code == 413
    html = response.content.decode()
    assert "nhsuk-header" in html
    assert "The file or form you sent is too large" in html
    assert "A file you upload may be at most 10 MB" in html
    assert snapshot() == before


def test_a_file_over_the_import_limit_within_the_request_limit_is_an_import_error(world: World) -> None:
    client = signed_in(world.national)
    data = b"ods_code\r\n" + b"x" * (10 * MB + MB // 2)
    page = client.post("/staffing/import/", {"kind": "census", "year": str(YEAR), "file": file(data, "c.csv")})
    assert page.status_code == 200
    [[_row, _column, _value, problem]] = error_table_rows(page.content.decode())
    assert problem == "The file is 10.5 MB, larger than the limit of 10 MB. Split it up."
    api = client.post("/api/v1/staffing/imports", {"kind": "census", "year": str(YEAR), "file": file(data, "c.csv")})
    assert api.status_code == 422
    assert api.json()["errors"][0]["reason"] == problem


def test_a_command_refuses_a_file_over_the_limit_without_reading_it(
    world: World, tmp_path: Path, settings: Settings
) -> None:
    settings.IMPORT_MAX_BYTES = 1024
    path = tmp_path / "census.csv"
    path.write_bytes(csv_bytes(RETURN_HEADER, RETURN_ROWS * 20))
    with pytest.raises(CommandError) as raised:
        call_command("import_workforce", str(path), "--year", str(YEAR), stderr=io.StringIO())
    assert raised.value.returncode == 2
    assert "larger than the limit of 1 KB" in str(raised.value)


def test_the_api_declares_its_413_and_import_errors(world: World) -> None:
    schema = signed_in(world.national).get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/staffing/imports"]["post"]
    assert "413" in operation["responses"]
    rejected = operation["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"errors_total", "errors_left_out"} <= set(schema["components"]["schemas"][rejected]["properties"])
