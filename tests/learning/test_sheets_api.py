"""The resource sheets over the API: typed entries in order, the same figures as the page, and a
curator's replacement of the whole list from the version read (409 stale, 422 with every problem)."""

from typing import Any

from django.test import Client

from lksworkforce.learning.models import ResourceSheet
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus, SheetKind
from tests.conftest import TestResponse, World, client_for
from tests.learning.sheets_support import resource, sheet_with, titles_on

ACTIVITIES = SheetKind.ACTIVITIES
SHEET = "/api/v1/learning/sheets/activities"


def _put(client: Client, body: Any, path: str = SHEET) -> TestResponse:
    return client.put(path, body, content_type="application/json")


def test_both_sheets_are_listed_with_their_counts(world: World) -> None:
    sheet_with(ACTIVITIES, resource("Alpha"), resource("Old", status=ResourceStatus.RETIRED), title="At home")
    body = client_for(world.staff).get("/api/v1/learning/sheets").json()
    assert body == [
        {"kind": "activities", "title": "At home", "introduction": "", "resources": 1, "edit_version": 1},
        {"kind": "cpd", "title": "CPD opportunities", "introduction": "", "resources": 0, "edit_version": 0},
    ]


def test_a_sheet_has_typed_entries_in_order(world: World) -> None:
    sheet_with(
        ACTIVITIES,
        resource("Webinar", kind=ResourceKind.WEBINAR, length_minutes=75, cost=Cost.PAID, cost_note="£40"),
        resource("Draft", status=ResourceStatus.DRAFT),
        resource("Reading", kind=ResourceKind.READING, length_minutes=None),
        title="At home",
        introduction="Hello",
    )
    body = client_for(world.staff).get(SHEET).json()
    assert (body["kind"], body["title"], body["introduction"], body["edit_version"]) == (
        "activities",
        "At home",
        "Hello",
        1,
    )
    first, second = body["entries"]
    assert first | {"resource_id": 0, "url": ""} == {
        "position": 1,
        "resource_id": 0,
        "title": "Webinar",
        "url": "",
        "provider": "NHS England",
        "kind": "webinar",
        "kind_label": "Webinar",
        "length_minutes": 75,
        "length": "1 hour 15 minutes",
        "cost": "paid",
        "cost_note": "£40",
        "cost_label": "Paid: £40",
        "status": "published",
        "note": "Note for Webinar",
    }
    assert (second["position"], second["title"], second["length_minutes"]) == (2, "Reading", None)
    curated = client_for(world.curator).get(SHEET).json()
    assert [(e["title"], e["status"]) for e in curated["entries"]] == [
        ("Webinar", "published"),
        ("Draft", "draft"),
        ("Reading", "published"),
    ]
    assert client_for(world.staff).get("/api/v1/learning/sheets/nope").status_code == 404


def test_a_curator_replaces_the_list(world: World) -> None:
    a, b, c = resource("Alpha"), resource("Bravo"), resource("Charlie")
    sheet_with(ACTIVITIES, a, b, title="At home")
    response = _put(
        client_for(world.curator),
        {
            "edit_version": 1,
            "entries": [{"resource_id": c.pk, "note": "First"}, {"resource_id": a.pk}],
            "title": "Home",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["edit_version"] == 2
    assert body["title"] == "Home"
    assert [(e["title"], e["note"]) for e in body["entries"]] == [("Charlie", "First"), ("Alpha", "")]
    assert titles_on(ACTIVITIES) == ["Charlie", "Alpha"]


def test_the_first_replacement_creates_the_sheet(world: World) -> None:
    a = resource("Alpha")
    response = _put(
        client_for(world.curator),
        {"edit_version": 0, "entries": [{"resource_id": a.pk}]},
        "/api/v1/learning/sheets/cpd",
    )
    assert response.status_code == 200
    assert response.json()["title"] == "CPD opportunities"
    assert titles_on(SheetKind.CPD) == ["Alpha"]


def test_a_stale_replacement_is_409_and_changes_nothing(world: World) -> None:
    a, b = resource("Alpha"), resource("Bravo")
    sheet_with(ACTIVITIES, a, b, title="At home")
    client = client_for(world.curator)
    assert _put(client, {"edit_version": 1, "entries": [{"resource_id": b.pk}]}).status_code == 200
    response = _put(client, {"edit_version": 1, "entries": [{"resource_id": a.pk}], "title": "Mine"})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale"
    assert {"field": "Title", "yours": "Mine", "saved": "At home"} in body["changes"]
    assert {"field": "Resources on the sheet", "yours": str(a.pk), "saved": str(b.pk)} in body["changes"]
    assert titles_on(ACTIVITIES) == ["Bravo"]


def test_problems_are_422_with_every_one(world: World) -> None:
    a, draft = resource("Alpha"), resource("Draft", status=ResourceStatus.DRAFT)
    sheet_with(ACTIVITIES, a, title="At home")
    client = client_for(world.curator)
    response = _put(
        client,
        {"edit_version": 1, "entries": [{"resource_id": draft.pk}, {"resource_id": a.pk}, {"resource_id": a.pk}]},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert [(e["field"], e["reason"]) for e in body["errors"]] == [
        ("entries.0.resource_id", "No published resource has this number"),
        ("entries.2.resource_id", "This resource is listed twice"),
    ]
    hostile_bodies: tuple[Any, ...] = (
        {"edit_version": 1, "entries": [{"resource_id": 99999999999999999999999}]},
        {"edit_version": 1, "entries": [{"resource_id": 0}]},
        {"edit_version": -1, "entries": []},
        {"edit_version": 1, "entries": [{"resource_id": a.pk, "note": "x" * 301}]},
        {"edit_version": 1, "entries": [], "title": "x" * 201},
        {"edit_version": 1, "entries": [{"resource_id": a.pk}] * 301},
        {"edit_version": 1, "entries": "all of them"},
        [],
    )
    for hostile in hostile_bodies:
        response = _put(client, hostile)
        assert response.status_code == 422, hostile
        assert response.json()["code"] == "invalid_input"
    # NUL, which no database column holds, is refused before the operation (core.middleware).
    assert _put(client, {"edit_version": 1, "entries": [{"resource_id": a.pk, "note": "\x00"}]}).status_code == 400
    assert titles_on(ACTIVITIES) == ["Alpha"]
    assert ResourceSheet.objects.get().edit_version == 1


def test_only_curators_replace_a_sheet(world: World) -> None:
    sheet_with(ACTIVITIES, resource("Alpha"), title="At home")
    for role in ("staff", "service_manager", "regional_lead", "national_team"):
        response = _put(client_for(world.by_role(role)), {"edit_version": 1, "entries": []})
        assert response.status_code == 403, role
        assert response.json()["code"] == "forbidden"
    assert titles_on(ACTIVITIES) == ["Alpha"]
