"""The catalogue import on every surface: the page lists every problem in its table, the API
answers 422 with the same problems, and `lksw import_catalogue` prints them and exits 2; nothing
changes on any. Good files say the same counts everywhere; the export command writes what the
pages give."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.learning.models import Resource
from tests.conftest import World, client_for
from tests.learning.exchange_files import ROWS, catalogue_ready, command, csv_bytes, snapshot, write

BAD_ROWS = [{**ROWS[0], "url": "ftp://files.invalid/x"}, ROWS[1], {**ROWS[2], "kind": "seminar"}]
URL_PROBLEM = "Not a web address: it must start with https:// (or http://) and name a website"


def test_the_import_page_lists_every_problem_and_changes_nothing(world: World) -> None:
    catalogue_ready()
    before = snapshot()
    page = client_for(world.curator).post(
        "/learning/catalogue/import/", {"file": SimpleUploadedFile("bad.csv", csv_bytes(BAD_ROWS))}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "The file was not imported" in html
    assert "Correct these 2 problems and upload the file again." in html
    assert URL_PROBLEM in html
    assert "Unknown kind. Use one of:" in html
    assert snapshot() == before


def test_the_import_page_imports_a_good_file_and_says_what_it_did(world: World) -> None:
    catalogue_ready()
    curator = client_for(world.curator)
    page = curator.post(
        "/learning/catalogue/import/", {"file": SimpleUploadedFile("good.csv", csv_bytes(ROWS))}, follow=True
    )
    assert page.redirect_chain == [("/learning/catalogue/export/", 302)]
    assert "3 rows: 3 resources added, 0 updated, 0 unchanged." in page.content.decode()
    assert Resource.objects.count() == 3


def test_the_import_page_without_a_file_says_so(world: World) -> None:
    page = client_for(world.curator).post("/learning/catalogue/import/", {})
    assert "Choose a CSV or XLSX file to upload" in page.content.decode()


def test_the_api_imports_and_refuses_with_every_problem(world: World) -> None:
    catalogue_ready()
    curator = client_for(world.curator)
    before = snapshot()
    refused = curator.post(
        "/api/v1/learning/catalogue/import", {"file": SimpleUploadedFile("b.csv", csv_bytes(BAD_ROWS))}
    )
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "invalid_input"
    assert body["errors_total"] == 2
    assert body["errors"][0] == {
        "row": 2,
        "column": "url",
        "line": None,
        "field": None,
        "value": "ftp://files.invalid/x",
        "reason": URL_PROBLEM,
    }
    assert snapshot() == before
    done = curator.post("/api/v1/learning/catalogue/import", {"file": SimpleUploadedFile("g.csv", csv_bytes(ROWS))})
    assert done.status_code == 200
    assert done.json() == {"rows": 3, "created": 3, "updated": 0, "unchanged": 0, "notes": []}


def test_staff_cannot_import_through_the_api(world: World) -> None:
    catalogue_ready()
    response = client_for(world.staff).post(
        "/api/v1/learning/catalogue/import", {"file": SimpleUploadedFile("g.csv", csv_bytes(ROWS))}
    )
    assert response.status_code == 403
    assert not Resource.objects.exists()


def test_the_command_prints_every_problem_and_exits_2(world: World, tmp_path: Path) -> None:
    catalogue_ready()
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(write(tmp_path, csv_bytes(BAD_ROWS), "bad.csv")), stderr=err)
    assert raised.value.returncode == 2
    assert "Nothing was changed" in str(raised.value)
    printed = err.getvalue()
    assert f"Row 2, column url, value 'ftp://files.invalid/x': {URL_PROBLEM}" in printed
    assert "Row 4, column kind, value 'seminar': Unknown kind." in printed
    assert snapshot() == before


def test_the_commands_import_and_export_the_same_catalogue_as_the_pages(world: World, tmp_path: Path) -> None:
    catalogue_ready()
    _out, err = command("import_catalogue", str(write(tmp_path, csv_bytes(ROWS), "good.csv")))
    assert "Catalogue imported. 3 rows: 3 resources added, 0 updated, 0 unchanged." in err
    curator = client_for(world.curator)
    out, _err = command("export_catalogue", "--every-status")
    assert out == curator.get("/learning/catalogue.csv?statuses=all").content.decode()
    target = tmp_path / "out.xlsx"
    command("export_catalogue", "--format", "xlsx", "--output", str(target))
    assert target.read_bytes()[:2] == b"PK"
    out, _err = command("export_catalogue", "--format", "jsonld", "--base-url", "http://testserver")
    assert json.loads(out) == curator.get("/learning/catalogue.jsonld").json()
    _out, err = command(
        "import_catalogue",
        str(write(tmp_path, curator.get("/learning/catalogue.csv?statuses=all").content, "again.csv")),
    )
    assert "0 resources added, 0 updated, 3 unchanged." in err


def test_an_xlsx_export_needs_an_output_file(db: None) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("export_catalogue", "--format", "xlsx")
    assert raised.value.returncode == 2
