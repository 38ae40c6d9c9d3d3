"""The catalogue out: CSV and XLSX exports re-import unchanged (both formats), formulas are defused
and read back as written, JSON-LD parses back to schema.org LearningResources with every field,
and the Atom feeds parse back with their entries."""

import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from python_calamine import CalamineWorkbook

from lksworkforce.core.exports import rows_as_csv, rows_as_xlsx
from lksworkforce.learning.catalogue_file import COLUMNS, export_row
from lksworkforce.learning.models import Resource, Topic, TopicEntry
from lksworkforce.learning.selectors.exports import catalogue_specs
from lksworkforce.learning.services.imports import import_catalogue
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus
from tests.conftest import World, client_for
from tests.learning.exchange_files import ROWS, catalogue_ready, csv_bytes, snapshot

ATOM = "{http://www.w3.org/2005/Atom}"


def _import_rows(world: World) -> None:
    catalogue_ready()
    import_catalogue(data=csv_bytes(ROWS), filename="c.csv", actor=world.curator, today=date(2026, 4, 1))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_of_every_status_re_imports_unchanged(world: World, file_format: str) -> None:
    _import_rows(world)
    curator = client_for(world.curator)
    exported = curator.get(f"/learning/catalogue.{file_format}?statuses=all")
    assert exported.status_code == 200
    assert exported["Content-Disposition"] == f'attachment; filename="learning-catalogue-all.{file_format}"'
    before = snapshot()
    outcome = import_catalogue(data=exported.content, filename=f"back.{file_format}", actor=world.curator)
    assert (outcome.rows, outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0, 3)
    assert snapshot()[:3] == before[:3]
    again = curator.get(f"/learning/catalogue.{file_format}?statuses=all").content
    assert _cells(again, file_format) == _cells(exported.content, file_format)


def _cells(data: bytes, file_format: str) -> list[list[str]]:
    """The file's cells (an XLSX file's bytes also hold the second it was made)."""
    if file_format == "csv":
        return [line.split(",") for line in data.decode().splitlines()]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    return [[str(cell) for cell in row] for row in sheet.to_python()]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_edited_export_updates_only_the_rows_changed(world: World, file_format: str) -> None:
    _import_rows(world)
    # Written through the export's own CSV/XLSX writer, as a person's edit of the export would be.
    rows = [export_row(spec) for spec in catalogue_specs(every_status=True)]
    rows[0]["title"] = '=HYPERLINK("https://evil.invalid")'
    rows[1]["status"] = "retired"
    data = rows_as_csv(COLUMNS, rows).encode() if file_format == "csv" else rows_as_xlsx(COLUMNS, rows)
    outcome = import_catalogue(data=data, filename=f"edited.{file_format}", actor=world.curator)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 2, 1)
    first, second = Resource.objects.order_by("pk")[:2]
    assert first.title == '=HYPERLINK("https://evil.invalid")'  # read back as written, not with the apostrophe
    assert second.status == ResourceStatus.RETIRED


def test_formulas_are_defused_in_both_exports(world: World) -> None:
    _import_rows(world)
    Resource.objects.filter(title="Searching the literature well").update(
        title="=cmd|' /C calc'!A0", provider="@SUM(1+1)", description="+1+1", cost_note="-2+3"
    )
    curator = client_for(world.curator)
    text = curator.get("/learning/catalogue.csv").content.decode()
    for value in ("'=cmd|", "'@SUM(1+1)", "'+1+1"):
        assert value in text
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(curator.get("/learning/catalogue.xlsx").content))
    cells = [str(cell) for row in sheet.get_sheet_by_index(0).to_python() for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "@", "+")) for cell in cells)


def test_staff_export_only_the_published_catalogue(world: World) -> None:
    _import_rows(world)
    staff = client_for(world.staff)
    text = staff.get("/learning/catalogue.csv").content.decode()
    assert "Searching the literature well" in text
    assert "Capturing what a team knows" not in text  # a draft
    assert staff.get("/learning/catalogue.csv?statuses=all").status_code == 403
    assert staff.get("/learning/catalogue.jsonld?statuses=all").status_code == 403
    assert client_for(world.curator).get("/learning/catalogue.jsonld?statuses=all").status_code == 200


def test_the_json_ld_is_schema_org_learning_resources_with_the_sub_areas_they_teach(world: World) -> None:
    _import_rows(world)
    response = client_for(world.staff).get("/learning/catalogue.jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    document = json.loads(response.content)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "ItemList"
    assert document["numberOfItems"] == 2  # published only
    items = [element["item"] for element in document["itemListElement"]]
    assert [element["position"] for element in document["itemListElement"]] == [1, 2]
    searching = next(item for item in items if item["name"] == "Searching the literature well")
    resource = Resource.objects.get(title="Searching the literature well")
    assert searching == {
        "@type": "LearningResource",
        "@id": f"http://testserver/learning/resources/{resource.pk}/",
        "name": "Searching the literature well",
        "description": "A self-paced course on building searches in bibliographic databases.",
        "url": "https://learning.example.invalid/searching",
        "provider": {"@type": "Organization", "name": "Synthetic Learning Hub"},
        "learningResourceType": "E-learning",
        "timeRequired": "PT1H30M",
        "isAccessibleForFree": True,
        "educationalLevel": "Agenda for Change bands 2 to 4",
        "license": "CC BY 4.0",
        "dateCreated": "2026-01-10",
        "keywords": ["Literature searching"],
        "teaches": [
            {
                "@type": "DefinedTerm",
                "termCode": "1.1",
                "name": "Literature searching",
                "inDefinedTermSet": "Web skills framework",
                "description": "To level 2",
            },
            {
                "@type": "DefinedTerm",
                "termCode": "1.2",
                "name": "Critical appraisal",
                "inDefinedTermSet": "Web skills framework",
            },
        ],
    }
    appraisal = next(item for item in items if item["name"] == "Appraising a randomised trial")
    assert appraisal["isAccessibleForFree"] is False
    assert appraisal["timeRequired"] == "PT45M"
    assert "educationalLevel" not in appraisal  # any band
    assert sorted(appraisal["keywords"]) == ["Knowledge mobilisation", "Literature searching"]


def _feed(world: World, url: str) -> ET.Element:
    response = client_for(world.staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 - the service's own feed, made in this test


def test_the_feed_lists_the_newest_published_resources_first(world: World) -> None:
    _import_rows(world)
    feed = _feed(world, "/learning/feed/")
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "New learning resources"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Appraising a randomised trial",
        "Searching the literature well",
    ]
    appraisal = Resource.objects.get(title="Appraising a randomised trial")
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == f"http://testserver/learning/resources/{appraisal.pk}/"
    assert entries[0].findtext(f"{ATOM}updated", "").startswith(appraisal.updated_at.date().isoformat())
    assert entries[0].findtext(f"{ATOM}published", "").startswith("2026-02-01")
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "Synthetic Appraisal Network"
    assert feed.findtext(f"{ATOM}updated")


def test_a_topic_feed_lists_only_that_topics_published_resources(world: World) -> None:
    _import_rows(world)
    feed = _feed(world, "/learning/topics/knowledge-mobilisation/feed/")
    assert feed.findtext(f"{ATOM}title") == "New learning resources: Knowledge mobilisation"
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Appraising a randomised trial"]  # the toolkit there is a draft
    assert client_for(world.staff).get("/learning/topics/no-such-topic/feed/").status_code == 404


def test_an_empty_topic_has_a_valid_feed_with_no_entries(world: World) -> None:
    Topic.objects.create(slug="empty", name="Empty topic")
    Resource.objects.create(
        title="Unlisted",
        kind=ResourceKind.VIDEO,
        url="https://x.invalid/",
        added_on=date(2026, 1, 1),
        status="published",
    )
    assert not TopicEntry.objects.exists()
    feed = _feed(world, "/learning/topics/empty/feed/")
    assert feed.findall(f"{ATOM}entry") == []
