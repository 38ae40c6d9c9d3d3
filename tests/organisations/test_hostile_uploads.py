"""Hostile organisation files: refused with one clear error on the upload page and by
`lksw import_organisations` (exit 2), nothing changed; a request too big to read is an NHS 413 page."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from tests.conftest import World, client_for
from tests.hostile_files import HOSTILE_WORKBOOKS, MakeWorkbook, csv_of_100000_columns
from tests.organisations.files import HEADER, snapshot
from tests.organisations.test_import_page import URL, table_rows

CASES = [(name, make, reason) for name, (make, reason) in HOSTILE_WORKBOOKS.items()]


@pytest.mark.parametrize(("name", "make", "reason"), CASES)
def test_a_hostile_workbook_is_refused_by_the_page_and_the_command(
    world: World, tmp_path: Path, name: str, make: MakeWorkbook, reason: str
) -> None:
    data = make(HEADER)
    before = snapshot()
    page = client_for(world.national).post(URL, {"file": SimpleUploadedFile("o.xlsx", data), "year": "2025"})
    assert page.status_code == 200, name
    [[row, _column, _value, problem]] = table_rows(page)
    assert row == "Whole file"
    assert reason in problem
    path = tmp_path / "organisations.xlsx"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_organisations", str(path), "--year", "2025", stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 2
    assert reason in err.getvalue()
    assert snapshot() == before


def test_a_csv_of_100000_columns_is_one_error_on_the_page(world: World) -> None:
    data = csv_of_100000_columns(HEADER)
    page = client_for(world.national).post(URL, {"file": SimpleUploadedFile("o.csv", data), "year": "2025"})
    [[_row, _column, _value, problem]] = table_rows(page)
    assert problem.startswith("Row 1 has 100,000 values: a file may have at most 200 columns.")


def test_an_upload_over_the_request_limit_is_an_nhs_413_page(world: World) -> None:
    before = snapshot()
    big = SimpleUploadedFile("o.csv", b"x" * (13 * 1024 * 1024))
    page = client_for(world.national).post(URL, {"file": big, "year": "2025"})
    assert page.status_code == 413
    assert "The file or form you sent is too large" in page.content.decode()
    assert snapshot() == before


def test_the_page_lists_the_first_100_errors_and_counts_the_rest(world: World) -> None:
    rows = "\r\n".join(f"R{n:04},Name {n},not_a_type,Y56,," for n in range(150))
    data = (",".join(HEADER) + "\r\n" + rows + "\r\n").encode()
    page = client_for(world.national).post(URL, {"file": SimpleUploadedFile("o.csv", data), "year": "2025"})
    text = page.content.decode()
    assert len(table_rows(page)) == 100
    assert "These are the first 100 problems, and " in text


def test_a_form_django_finds_too_big_while_reading_it_is_an_nhs_413_page(world: World, settings: Settings) -> None:
    # The declared length is within the limit, but the form's fields are more than Django holds.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    page = client_for(world.national).post(URL, {"year": "2025", "note": "x" * 5000})
    assert page.status_code == 413
    assert "The file or form you sent is too large" in page.content.decode()
