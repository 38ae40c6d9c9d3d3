"""The catalogue import through the service: new rows add resources with what they teach and their
topics, rows with an id update, unchanged rows stay as they are, and any problem refuses the file."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import Resource, Teaches, Topic, TopicEntry
from lksworkforce.learning.services.imports import import_catalogue
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus
from tests.conftest import World
from tests.learning.exchange_files import HEADER, ROWS, add_topics, catalogue_ready, csv_bytes, snapshot, xlsx_bytes


def imported(data: bytes, name: str = "catalogue.csv", world: World | None = None) -> None:
    import_catalogue(data=data, filename=name, actor=world.curator if world else None, today=date(2026, 4, 1))


def rejected(data: bytes, name: str = "catalogue.csv") -> list[str]:
    before = snapshot()
    with pytest.raises(Rejected) as refusal:
        import_catalogue(data=data, filename=name, actor=None, today=date(2026, 4, 1))
    assert snapshot() == before, "a refused file changed something"
    return [str(problem) for problem in refusal.value.problems]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_new_rows_add_resources_with_what_they_teach_and_their_topics(world: World, file_format: str) -> None:
    catalogue_ready()
    data = csv_bytes(ROWS) if file_format == "csv" else xlsx_bytes(ROWS)
    outcome = import_catalogue(data=data, filename=f"c.{file_format}", actor=world.curator)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    searching = Resource.objects.get(title="Searching the literature well")
    assert searching.kind == ResourceKind.E_LEARNING
    assert searching.length_minutes == 90
    assert (searching.band_from, searching.band_to, searching.roles) == ("2", "4", ["clinical-librarian"])
    assert searching.status == ResourceStatus.PUBLISHED
    assert searching.review_due_on == date(2027, 1, 10)
    taught = set(Teaches.objects.filter(resource=searching).values_list("sub_area__number", "level"))
    assert taught == {("1.1", 2), ("1.2", None)}
    appraisal = Resource.objects.get(title="Appraising a randomised trial")
    assert appraisal.kind == ResourceKind.WEBINAR
    assert (appraisal.cost, appraisal.cost_note) == (Cost.PAID, "£20 for non-members")
    assert set(appraisal.topics.values_list("slug", flat=True)) == {"literature-searching", "knowledge-mobilisation"}
    assert Resource.objects.get(title="Capturing what a team knows").status == ResourceStatus.DRAFT
    events = AuditEvent.objects.filter(action="learning.resource_imported", actor=world.curator)
    assert events.count() == 3
    assert AuditEvent.objects.filter(action="learning.catalogue_imported").count() == 1


def test_a_row_with_an_id_updates_that_resource_and_keeps_its_curated_topic_place(world: World) -> None:
    catalogue_ready()
    imported(csv_bytes(ROWS))
    searching = Resource.objects.get(title="Searching the literature well")
    TopicEntry.objects.filter(resource=searching).update(position=1)
    version = searching.edit_version
    changed = {
        **ROWS[0],
        "id": str(searching.pk),
        "title": "Searching the literature better",
        "sub_areas": "1.1:3",
        "topics": "literature-searching; knowledge-mobilisation",
        "edit_version": str(version),
    }
    outcome = import_catalogue(data=csv_bytes([changed], [*HEADER, "edit_version"]), filename="c.csv", actor=None)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 0)
    searching.refresh_from_db()
    assert searching.title == "Searching the literature better"
    assert searching.edit_version == version + 1
    assert set(Teaches.objects.filter(resource=searching).values_list("sub_area__number", "level")) == {("1.1", 3)}
    kept = TopicEntry.objects.get(resource=searching, topic__slug="literature-searching")
    assert kept.position == 1
    assert TopicEntry.objects.filter(resource=searching).count() == 2
    assert Resource.objects.count() == 3


def test_an_update_that_names_fewer_topics_takes_the_resource_out_of_the_others(world: World) -> None:
    catalogue_ready()
    imported(csv_bytes(ROWS))
    appraisal = Resource.objects.get(title="Appraising a randomised trial")
    row = {**ROWS[1], "id": str(appraisal.pk), "topics": "knowledge-mobilisation"}
    imported(csv_bytes([row]))
    assert list(appraisal.topics.values_list("slug", flat=True)) == ["knowledge-mobilisation"]
    assert Topic.objects.get(slug="literature-searching").resources.count() == 1


def test_an_unchanged_row_changes_nothing(world: World) -> None:
    catalogue_ready()
    imported(csv_bytes(ROWS))
    resource = Resource.objects.get(title="Capturing what a team knows")
    before = snapshot()
    outcome = import_catalogue(data=csv_bytes([{**ROWS[2], "id": str(resource.pk)}]), filename="c.csv", actor=None)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 1)
    assert snapshot()[:3] == before[:3]


def test_an_id_that_does_not_exist_is_a_problem(world: World) -> None:
    catalogue_ready()
    problems = rejected(csv_bytes([{**ROWS[0], "id": "424242"}]))
    assert problems == [
        "Row 2, column id, value '424242': No resource has this id. Leave the id blank to add a new resource"
    ]


def test_a_resource_changed_since_the_export_is_a_problem(world: World) -> None:
    catalogue_ready()
    imported(csv_bytes(ROWS))
    resource = Resource.objects.get(title="Capturing what a team knows")
    Resource.objects.filter(pk=resource.pk).update(edit_version=5)
    row = {**ROWS[2], "id": str(resource.pk), "title": "Mine", "edit_version": "1"}
    (problem,) = rejected(csv_bytes([row], [*HEADER, "edit_version"]))
    assert problem.startswith("Row 2, column edit_version, value '1': The resource has changed since this file")


def test_the_same_id_twice_is_a_problem(world: World) -> None:
    catalogue_ready()
    imported(csv_bytes(ROWS))
    pk = str(Resource.objects.get(title="Capturing what a team knows").pk)
    problems = rejected(csv_bytes([{**ROWS[2], "id": pk}, {**ROWS[2], "id": pk, "title": "Again"}]))
    assert problems == [f"Row 3, column id, value '{pk}': The id {pk} is already on row 2: a resource appears once"]


def test_a_byte_order_mark_is_read(world: World) -> None:
    catalogue_ready()
    imported(csv_bytes(ROWS, bom=True))
    assert Resource.objects.count() == 3


def test_wrong_columns_are_each_a_problem(world: World) -> None:
    catalogue_ready()
    header = ["name", "kind", "url", "url"]
    problems = rejected(csv_bytes([{"name": "x", "kind": "video", "url": "https://a.invalid/"}], header))
    assert any(
        p.startswith("Column name, value 'name': Unknown column. Expected one of: title, kind, url, id,")
        for p in problems
    )
    assert "Column url: The column appears more than once (columns 3 and 4). Keep one." in problems
    assert "Column title: Required column is missing." in problems


BAD_VALUES = [
    ("id", "twelve", "Must be a whole number from 1 to 2,147,483,647"),
    ("title", "", "A title is required"),
    ("title", "t" * 301, "At most 300 characters"),
    ("description", "d" * 20_001, "At most 20000 characters"),
    ("id", "9" * 5000, "Must be a whole number from 1 to 2,147,483,647"),
    ("kind", "seminar", "Unknown kind. Use one of: e_learning, mooc, webinar,"),
    ("provider", "p" * 201, "At most 200 characters"),
    ("url", "javascript:alert(1)", "Not a web address"),
    ("url", "", "A web address is required"),
    ("url", "http://[::1", "Not a web address"),
    ("url", "https://exa mple.invalid/", "Not a web address"),
    ("format", "f" * 121, "At most 120 characters"),
    ("length_minutes", "-5", "Must be a whole number from 1 to 100,000"),
    ("length_minutes", "1.5", "Must be a whole number from 1 to 100,000"),
    ("cost", "cheap", "Unknown cost. Use one of: free, paid"),
    ("cost_note", "c" * 201, "At most 200 characters"),
    ("band_from", "10", "Not an Agenda for Change band"),
    ("band_to", "1", "The band range must run upwards"),
    ("roles", "astronaut", "Unknown role profile. Use the keys of the current framework: clinical-librarian,"),
    ("roles", "clinical-librarian; clinical-librarian", "A role profile is named twice"),
    ("sub_areas", "9.9", "Not a sub-area of the current skills framework"),
    ("sub_areas", "1.1:7", "The level after the colon must be a whole number from 1 to 4"),
    ("sub_areas", "1.1:" + "9" * 5000, "The level after the colon must be a whole number"),
    ("sub_areas", "1.1; 1.1:2", "Sub-area 1.1 is named twice"),
    ("topics", "no-such-topic", "No topic has this slug"),
    ("topics", "literature-searching;literature-searching", "A topic is named twice"),
    ("licence", "l" * 121, "At most 120 characters"),
    ("added_on", "31/01/2026", "Not a date. Write it as YYYY-MM-DD"),
    ("review_due_on", "2026-02-30", "Not a date. Write it as YYYY-MM-DD"),
    ("review_due_on", "2025-01-01", "The review date must not be before the date added"),
    ("status", "live", "Unknown status. Use one of: draft, published, retired"),
]


@pytest.mark.parametrize(("column", "value", "reason"), BAD_VALUES, ids=[f"{c}={v[:12]}" for c, v, _ in BAD_VALUES])
def test_a_bad_value_in_any_column_is_a_problem_on_its_row_and_column(
    world: World, column: str, value: str, reason: str
) -> None:
    catalogue_ready()
    row = {**ROWS[0], column: value}
    problems = rejected(csv_bytes([ROWS[1], row]))
    assert any(p.startswith(f"Row 3, column {column}") and reason in p for p in problems), problems


def test_every_problem_in_every_row_is_listed_together(world: World) -> None:
    catalogue_ready()
    rows = [{**ROWS[0], "kind": "seminar", "url": "nowhere"}, ROWS[1], {**ROWS[2], "status": "live"}]
    problems = rejected(csv_bytes(rows))
    assert [p.split(":")[0] for p in problems] == [
        "Row 2, column url, value 'nowhere'",
        "Row 2, column kind, value 'seminar'",
        "Row 4, column status, value 'live'",
    ]


def test_without_a_current_framework_sub_areas_and_roles_are_problems(db: None) -> None:
    add_topics()
    problems = rejected(csv_bytes([ROWS[0]]))
    assert any("No skills framework is current, so no sub-area can be named" in p for p in problems)
    assert any("No skills framework is current, so no role profile can be named" in p for p in problems)


def test_the_import_runs_as_many_queries_for_thirty_rows_as_for_three(world: World) -> None:
    catalogue_ready()
    counts = []
    for copies in (1, 10):
        rows = [{**row, "title": f"{row['title']} {n}"} for n in range(copies) for row in ROWS]
        with CaptureQueriesContext(connection) as queries:
            imported(csv_bytes(rows))
        counts.append(len(queries))
        updates = [
            {**row, "id": str(pk), "title": "changed"}
            for row, pk in zip(
                rows, Resource.objects.order_by("-pk").values_list("pk", flat=True)[: len(rows)], strict=False
            )
        ]
        with CaptureQueriesContext(connection) as queries:
            imported(csv_bytes(updates))
        counts.append(len(queries))
    assert counts[0] == counts[2], counts
    assert counts[1] == counts[3], counts


def test_imported_resources_are_found_by_search_and_follow_their_changes(world: World) -> None:
    """The import writes in bulk, which sends no signals: it keeps the search index in step itself."""
    from lksworkforce.learning.search_facets import Filters
    from lksworkforce.learning.selectors.search import search

    catalogue_ready()
    imported(csv_bytes(ROWS), world=world)
    assert "Searching the literature well" in [r.title for r in search("literature searches", Filters()).resources]
    searching = Resource.objects.get(title="Searching the literature well")
    changed = [row | {"id": str(searching.pk), "title": "Evidence mapping masterclass"} for row in ROWS[:1]]
    imported(csv_bytes(changed), world=world)
    assert [r.title for r in search("masterclasses", Filters()).resources] == ["Evidence mapping masterclass"]
    assert "Searching the literature well" not in [r.title for r in search("searching", Filters()).resources]
