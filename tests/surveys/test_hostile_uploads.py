"""Hostile response files: refused with one clear error on the import page, the API and
`lksw survey_import` (exit 2), nothing changed; oversized requests get a 413; errors are capped."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.surveys.models import Response
from tests.conftest import World, client_for
from tests.hostile_files import HOSTILE_WORKBOOKS, MakeWorkbook, csv_of_100000_columns
from tests.surveys.factories import csv_bytes, load_survey

KEY = "test-survey"
CASES = [(name, make, reason) for name, (make, reason) in HOSTILE_WORKBOOKS.items()]


@pytest.mark.parametrize(("name", "make", "reason"), CASES)
def test_a_hostile_workbook_is_refused_by_the_page_the_api_and_the_command(
    world: World, tmp_path: Path, name: str, make: MakeWorkbook, reason: str
) -> None:
    load_survey()
    data = make(["band", "needs"])
    client = client_for(world.national)
    page = client.post(f"/surveys/{KEY}/import/", {"file": SimpleUploadedFile("r.xlsx", data)})
    assert page.status_code == 200, name
    assert reason in page.content.decode().replace("&#39;", "'")
    api = client.post(f"/api/v1/surveys/{KEY}/imports", {"file": SimpleUploadedFile("r.xlsx", data)})
    assert api.status_code == 422
    assert [reason in e["reason"] for e in api.json()["errors"]] == [True]
    path = tmp_path / "responses.xlsx"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("survey_import", KEY, str(path), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 2
    assert reason in err.getvalue()
    assert not Response.objects.exists()


def test_a_csv_of_100000_columns_is_one_error_in_the_api(world: World) -> None:
    load_survey()
    data = csv_of_100000_columns(["band", "needs"])
    api = client_for(world.national).post(f"/api/v1/surveys/{KEY}/imports", {"file": SimpleUploadedFile("r.csv", data)})
    body = api.json()
    assert (len(body["errors"]), body["errors_total"]) == (1, 1)
    assert len(api.content) < 10_000


def test_the_api_and_the_page_list_the_first_100_errors_and_count_the_rest(world: World) -> None:
    load_survey()
    data = csv_bytes(["band", "needs"], [["6", "knitting"]] * 300)
    client = client_for(world.national)
    body = client.post(f"/api/v1/surveys/{KEY}/imports", {"file": SimpleUploadedFile("r.csv", data)}).json()
    assert (len(body["errors"]), body["errors_total"], body["errors_left_out"]) == (100, 300, 200)
    page = client.post(f"/surveys/{KEY}/import/", {"file": SimpleUploadedFile("r.csv", data)}).content.decode()
    assert page.count('<tr class="nhsuk-table__row">') == 100
    assert "These are the first 100 problems, and 200 more problems that are not shown." in page


def test_oversized_requests_are_a_413_on_the_api_and_the_pages(world: World) -> None:
    load_survey()
    client = client_for(world.national)
    big = b"band,needs\r\n" + b"x" * (13 * 1024 * 1024)
    api = client.post(f"/api/v1/surveys/{KEY}/imports", {"file": SimpleUploadedFile("r.csv", big)})
    assert api.status_code == 413
    assert api.json()["code"] == "too_large"
    for url in (f"/surveys/{KEY}/import/", "/surveys/load/"):
        page = client.post(url, {"file": SimpleUploadedFile("r.csv", big)})
        assert page.status_code == 413
        assert "The file or form you sent is too large" in page.content.decode()
    assert not Response.objects.exists()


def test_nul_in_a_response_file_is_an_error_on_its_row_and_column(world: World) -> None:
    load_survey()
    data = csv_bytes(["band", "needs", "other_needs"], [["6", "searching", "AI\x00tools"]])
    body = client_for(world.national).post(
        f"/api/v1/surveys/{KEY}/imports", {"file": SimpleUploadedFile("r.csv", data)}
    )
    [error] = body.json()["errors"]
    assert (error["row"], error["column"]) == (2, "other_needs")
    assert error["reason"].startswith("The value contains a NUL character")
    assert not Response.objects.exists()
