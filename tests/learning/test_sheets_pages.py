"""The resource sheets' pages: what staff and curators see, the CSV with the page's rows, the
printable PDF, and the home page of people in bands 2 to 4."""

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from lksworkforce.learning.home_sheets import sheet_items
from lksworkforce.learning.models import ResourceSheet, SheetEntry
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus, SheetKind
from tests.conftest import World, client_for
from tests.learning.sheets_support import resource, sheet_with
from tests.skills.conftest import has_pdftotext, main_text, pdf_text, tables

CAPTION = "Resources on this sheet, in the curators' order"


@pytest.fixture
def activities(db: None) -> None:
    sheet_with(
        SheetKind.ACTIVITIES,
        resource("Weed the reference collection", length_minutes=90),
        resource("Old induction video", status=ResourceStatus.RETIRED),
        resource(
            "Evidence search webinar", kind=ResourceKind.WEBINAR, cost=Cost.PAID, cost_note="£40", length_minutes=None
        ),
        resource("Unfinished draft", status=ResourceStatus.DRAFT),
        title="While the library is closed",
        introduction="Things to do from home.\nPick one a week.",
    )


def _pdf_structure(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    """pdfinfo's summary and the PDF's tag tree; skipped where poppler's pdfinfo is missing."""
    tool = shutil.which("pdfinfo")
    if tool is None:  # pragma: no cover - depends on the machine
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    saved = tmp_path / "sheet.pdf"
    saved.write_bytes(pdf)
    info = subprocess.run([tool, str(saved)], capture_output=True, check=True, text=True)  # noqa: S603
    tree = subprocess.run([tool, "-struct", str(saved)], capture_output=True, check=True, text=True)  # noqa: S603
    return info.stdout, tree.stdout


def _page_rows(content: bytes) -> list[dict[str, str]]:
    return tables(content)[CAPTION].as_dicts()


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))


@pytest.mark.usefixtures("activities")
def test_staff_see_the_introduction_and_the_published_resources_in_order(world: World) -> None:
    response = client_for(world.staff).get("/learning/sheets/activities/")
    assert response.status_code == 200
    text = main_text(response.content)
    assert "While the library is closed" in text
    assert "Things to do from home. Pick one a week." in text
    rows = _page_rows(response.content)
    assert [(r["No."], r["Resource"], r["Kind"], r["Length"], r["Cost"]) for r in rows] == [
        ("1", "Weed the reference collection", "Activity", "1 hour 30 minutes", "Free"),
        ("2", "Evidence search webinar", "Webinar", "", "Paid: £40"),
    ]
    assert rows[0]["Note"] == "Note for Weed the reference collection"
    assert "Unfinished draft" not in text
    assert "Old induction video" not in text
    assert "Edit this sheet" not in text


@pytest.mark.usefixtures("activities")
def test_curators_also_see_drafts_and_retired_resources_marked(world: World) -> None:
    response = client_for(world.curator).get("/learning/sheets/activities/")
    rows = _page_rows(response.content)
    assert [(r["Resource"], r["Status"]) for r in rows] == [
        ("Weed the reference collection", "Published"),
        ("Old induction video", "Retired"),
        ("Evidence search webinar", "Published"),
        ("Unfinished draft", "Draft"),
    ]
    assert "2 resources are drafts or retired" in main_text(response.content)


@pytest.mark.usefixtures("activities")
@pytest.mark.parametrize("role", ["staff", "curator"])
@pytest.mark.parametrize("download", ["/learning/sheets/activities/?format=csv", "/learning/sheets/activities.csv"])
def test_the_csv_has_the_rows_the_page_shows(world: World, role: str, download: str) -> None:
    client = client_for(world.by_role(role))
    page = _page_rows(client.get("/learning/sheets/activities/").content)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="resource-sheet-activities.csv"'
    assert _csv_rows(response.content) == page


@pytest.mark.usefixtures("activities")
def test_the_pdf_is_tagged_and_says_what_the_page_says(world: World, tmp_path: Path) -> None:
    for address in ("/learning/sheets/activities.pdf", "/learning/sheets/activities/?format=pdf"):
        response = client_for(world.staff).get(address)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="resource-sheet-activities.pdf"'
        assert response.content.startswith(b"%PDF")
    info, tree = _pdf_structure(response.content, tmp_path)
    assert "Tagged:          yes" in info
    assert "Title:           While the library is closed" in info
    assert "H1" in tree
    assert "Table" in tree
    assert "TH" in tree
    if not has_pdftotext():  # pragma: no cover - depends on the machine
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = " ".join(pdf_text(response.content, layout=False).split())
    for expected in (
        "While the library is closed",
        "Things to do from home.",
        "Weed the reference collection",
        "1 hour 30 minutes",
        "Evidence search webinar",
        "Paid: £40",
        "Note for Evidence search webinar",
    ):
        assert expected in text, expected
    assert "Unfinished draft" not in text
    assert text.index("Weed the reference collection") < text.index("Evidence search webinar")


def test_a_sheet_never_saved_reads_as_empty_and_unknown_ones_are_not_found(world: World) -> None:
    client = client_for(world.staff)
    response = client.get("/learning/sheets/cpd/")
    assert response.status_code == 200
    assert "CPD opportunities" in main_text(response.content)
    assert "Nothing on this sheet yet." in main_text(response.content)
    assert _csv_rows(client.get("/learning/sheets/cpd.csv").content) == []
    assert client.get("/learning/sheets/cpd.pdf").status_code == 200
    assert client.get("/learning/sheets/other/").status_code == 404
    assert client.get("/learning/sheets/activities/?format=docx").status_code == 404


@pytest.mark.usefixtures("activities")
def test_both_sheets_are_listed(world: World) -> None:
    text = main_text(client_for(world.staff).get("/learning/sheets/").content)
    assert "While the library is closed" in text
    assert "2 resources" in text
    assert "CPD opportunities" in text
    assert "Nothing on this sheet yet" in text


@pytest.mark.usefixtures("activities")
def test_people_in_bands_2_to_4_see_the_sheets_on_their_home_page(world: World) -> None:
    assert world.staff.band == "4"
    home = client_for(world.staff).get("/").content.decode()
    assert 'href="/learning/sheets/activities/">While the library is closed' in home
    assert "2 resources, chosen for bands 2 to 4" in home
    assert "/learning/sheets/cpd/" not in home  # nothing on it yet
    for role in ("service_manager", "regional_lead", "national_team", "curator"):  # 8a, 8b, no band, no band
        assert "/learning/sheets/activities/" not in client_for(world.by_role(role)).get("/").content.decode()


@pytest.mark.parametrize(
    ("band", "shown"), [("1", False), ("2", True), ("3", True), ("4", True), ("5", False), ("", False)]
)
def test_sheet_items_follow_the_band_in_one_query(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, band: str, shown: bool
) -> None:
    sheet_with(SheetKind.CPD, resource("Chartership webinar"))
    world.staff.band = band
    with django_assert_num_queries(1 if shown else 0):
        items = sheet_items(world.staff)
    assert [i.text for i in items] == (["CPD opportunities"] if shown else [])


@pytest.mark.parametrize("address", ["/learning/sheets/activities/", "/learning/sheets/activities/edit/?q=extra"])
def test_a_sheet_page_makes_the_same_queries_however_long_the_sheet(world: World, address: str) -> None:
    client = client_for(world.curator)

    def queries_with(count: int) -> int:
        SheetEntry.objects.all().delete()
        ResourceSheet.objects.all().delete()
        sheet_with(SheetKind.ACTIVITIES, *(resource(f"Resource {count}-{n}") for n in range(count)))
        resource(f"Extra {count}")
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        return len(context.captured_queries)

    assert queries_with(2) == queries_with(25)
