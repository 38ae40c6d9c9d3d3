"""Hostile catalogue files: refused with one clear error by the page, the API and the command (exit
2), nothing changed, never a 5xx; a long list of problems is capped on the page and in the API."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.learning.catalogue_file import COLUMNS
from tests.conftest import World, client_for
from tests.hostile_files import HOSTILE_WORKBOOKS, MakeWorkbook, csv_of_100000_columns
from tests.learning.exchange_files import ROWS, catalogue_ready, csv_bytes, snapshot, write

CASES = [(name, make, reason) for name, (make, reason) in HOSTILE_WORKBOOKS.items()]
ODD_FILES = [
    (b"\xff\xfet\x00i\x00t\x00l\x00e\x00", "c.csv", "UTF-16"),
    (b"PK\x03\x04 not really a workbook", "c.xlsx", "could not be read as an Excel workbook"),
    (b"\n\n", "c.csv", "is empty"),
    (b"title,kind,url\n", "c.csv", "The file has no data rows."),
    (b"title,kind,url\nA,video,https://x.invalid/\n", "c.yaml", "This type of file is not accepted."),
    (b"title,kind,url\nA\x00,video,https://x.invalid/\n", "c.csv", "NUL character"),
]


def _refused_everywhere(world: World, tmp_path: Path, data: bytes, name: str, reason: str) -> None:
    client = client_for(world.curator)
    before = snapshot()
    page = client.post("/learning/catalogue/import/", {"file": SimpleUploadedFile(name, data)})
    assert page.status_code == 200
    assert "The file was not imported" in page.content.decode()
    assert reason in page.content.decode()
    api = client.post("/api/v1/learning/catalogue/import", {"file": SimpleUploadedFile(name, data)})
    assert api.status_code == 422
    assert any(reason in problem["reason"] for problem in api.json()["errors"])
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(write(tmp_path, data, name)), stderr=err)
    assert raised.value.returncode == 2
    assert reason in err.getvalue()
    assert snapshot() == before


@pytest.mark.parametrize(("name", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_workbook_is_refused_everywhere(
    world: World, tmp_path: Path, name: str, make: MakeWorkbook, reason: str
) -> None:
    catalogue_ready()
    _refused_everywhere(world, tmp_path, make(list(COLUMNS)), "c.xlsx", reason)


@pytest.mark.parametrize(("data", "name", "reason"), ODD_FILES)
def test_an_odd_file_is_refused_everywhere(world: World, tmp_path: Path, data: bytes, name: str, reason: str) -> None:
    catalogue_ready()
    _refused_everywhere(world, tmp_path, data, name, reason)


def test_a_csv_of_100000_columns_gives_one_error(world: World, tmp_path: Path) -> None:
    catalogue_ready()
    response = client_for(world.curator).post(
        "/api/v1/learning/catalogue/import", {"file": SimpleUploadedFile("c.csv", csv_of_100000_columns(["title"]))}
    )
    assert response.status_code == 422
    assert response.json()["errors_total"] == 1


def test_hundreds_of_bad_rows_are_capped_on_the_page_and_in_the_api(world: World) -> None:
    catalogue_ready()
    rows = [{**ROWS[0], "kind": "seminar"} for _ in range(300)]
    client = client_for(world.curator)
    api = client.post("/api/v1/learning/catalogue/import", {"file": SimpleUploadedFile("c.csv", csv_bytes(rows))})
    body = api.json()
    assert (body["errors_total"], len(body["errors"]), body["errors_left_out"]) == (300, 100, 200)
    page = client.post("/learning/catalogue/import/", {"file": SimpleUploadedFile("c.csv", csv_bytes(rows))})
    assert "200 more problems that are not shown" in page.content.decode()
