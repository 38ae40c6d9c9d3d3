"""The catalogue over the API: typed resources (numbers as numbers, dates ISO, sub-areas with
their levels), paging, drafts for curators only, the curators' writes (422 with every problem,
409 stale, 403 for others) and topics in curated order."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lksworkforce.learning.models import Resource
from lksworkforce.skills.models import SubArea
from tests.conftest import World, client_for
from tests.learning.factories import ResourceFactory, TopicFactory, in_topic, teaches
from tests.skills.factories import loaded, sub_area

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "title": "Searching for evidence",
    "url": "https://learning.example.org/searching",
    "kind": "webinar",
    "added_on": "2026-02-01",
    "length_minutes": 90,
    "cost": "paid",
    "cost_note": "£10",
    "band_from": "2",
    "band_to": "4",
    "review_due_on": "2027-02-01",
    "status": "published",
}


def send(client: Client, method: str, path: str, body: Any) -> Any:
    return getattr(client, method)(path, body, content_type="application/json")


@pytest.fixture
def appraisal(world: World) -> SubArea:
    return sub_area(loaded(), "1.1")


def test_a_resource_is_typed_as_the_schema_says(world: World, appraisal: SubArea) -> None:
    resource = ResourceFactory.create(
        length_minutes=120, band_from="2", band_to="4", review_due_on=date(2027, 1, 5), added_on=date(2026, 1, 5)
    )
    teaches(resource, appraisal, 2)
    topic = TopicFactory.create(slug="evidence")
    in_topic(topic, resource)
    body = client_for(world.staff).get(f"/api/v1/learning/resources/{resource.pk}").json()
    assert body["length_minutes"] == 120
    assert body["length"] == "2 hours"
    assert body["cost"] == "free"
    assert (body["band_from"], body["band_to"], body["bands"]) == ("2", "4", "Bands 2 to 4")
    assert body["sub_areas"] == [{"id": appraisal.pk, "number": "1.1", "name": appraisal.name, "level": 2}]
    assert body["topics"] == ["evidence"]
    assert (body["added_on"], body["review_due_on"]) == ("2026-01-05", "2027-01-05")
    assert body["edit_version"] == 1


def test_the_list_is_paged_and_published_unless_a_curator_asks(world: World) -> None:
    for n in range(3):
        ResourceFactory.create(title=f"Published {n}", added_on=date(2026, 1, 1 + n))
    ResourceFactory.create(title="A draft", status="draft")
    ResourceFactory.create(title="Retired", status="retired")
    staff = client_for(world.staff)
    page = staff.get("/api/v1/learning/resources?limit=2&offset=0").json()
    assert page["count"] == 3
    assert [r["title"] for r in page["items"]] == ["Published 2", "Published 1"]
    assert [r["title"] for r in staff.get("/api/v1/learning/resources?status=retired").json()["items"]] == ["Retired"]
    assert staff.get("/api/v1/learning/resources?status=draft").status_code == 403
    assert staff.get("/api/v1/learning/resources?status=nonsense").status_code == 422
    curator = client_for(world.curator)
    assert [r["title"] for r in curator.get("/api/v1/learning/resources?status=draft").json()["items"]] == ["A draft"]
    assert curator.get("/api/v1/learning/resources?status=all").json()["count"] == 5


def test_a_curator_adds_and_changes_a_resource(world: World, appraisal: SubArea) -> None:
    TopicFactory.create(slug="evidence")
    curator = client_for(world.curator)
    created = send(
        curator,
        "post",
        "/api/v1/learning/resources",
        BODY | {"sub_areas": [{"id": appraisal.pk, "level": 3}], "topics": ["evidence"]},
    )
    assert created.status_code == 200, created.content
    body = created.json()
    assert body["sub_areas"][0]["level"] == 3
    assert body["topics"] == ["evidence"]
    changed = send(
        curator, "put", f"/api/v1/learning/resources/{body['id']}", BODY | {"title": "Renamed", "edit_version": 1}
    )
    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["edit_version"], changed.json()["sub_areas"]) == ("Renamed", 2, [])
    stale = send(
        curator, "put", f"/api/v1/learning/resources/{body['id']}", BODY | {"title": "Late", "edit_version": 1}
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    assert {"field": "Title", "yours": "Late", "saved": "Renamed"} in stale.json()["changes"]
    assert Resource.objects.get().title == "Renamed"


@pytest.mark.parametrize("role", ["staff", "service_manager", "regional_lead", "national_team"])
def test_only_curators_write(world: World, role: str) -> None:
    client = client_for(world.by_role(role))
    assert send(client, "post", "/api/v1/learning/resources", BODY).status_code == 403
    resource = ResourceFactory.create()
    assert (
        send(client, "put", f"/api/v1/learning/resources/{resource.pk}", BODY | {"edit_version": 1}).status_code == 403
    )
    assert Resource.objects.get().title == resource.title


def test_bad_input_is_422_with_every_problem_and_nothing_changed(world: World) -> None:
    curator = client_for(world.curator)
    ResourceFactory.create(url="https://learning.example.org/taken", title="Taken")
    cases = [
        (BODY | {"url": "javascript:alert(1)", "band_from": "5", "band_to": "3"}, {"url", "band_to"}),
        (BODY | {"url": "https://learning.example.org/taken"}, {"url"}),
        (BODY | {"review_due_on": "2025-01-01"}, {"review_due_on"}),
        (BODY | {"title": "x" * 301}, {"title"}),
        (BODY | {"description": "\x1b[2J"}, {"description"}),
        (BODY | {"kind": "lecture"}, {"kind"}),
        (BODY | {"sub_areas": [{"id": 999_999, "level": 1}]}, {"sub_areas"}),
        (BODY | {"topics": ["no-such-topic"]}, {"topics"}),
        (BODY | {"length_minutes": -5}, {"length_minutes"}),
        (BODY | {"added_on": "yesterday"}, {"added_on"}),
    ]
    for body, fields in cases:
        response = send(curator, "post", "/api/v1/learning/resources", body)
        assert response.status_code == 422, (body, response.content)
        answer = response.json()
        assert answer["code"] == "invalid_input"
        assert {e["field"].split(".")[-1] if e["field"] else None for e in answer["errors"]} >= fields, answer
    nul = send(curator, "post", "/api/v1/learning/resources", BODY | {"provider": "a\u0000b"})
    assert nul.status_code == 400  # refused for every request, before it is read
    not_objects: tuple[Any, ...] = (None, [], "text", 42)
    for not_an_object in not_objects:
        assert send(curator, "post", "/api/v1/learning/resources", not_an_object).status_code in {400, 422}
    assert Resource.objects.count() == 1


def test_topics_list_their_published_resources_in_curated_order(world: World) -> None:
    topic = TopicFactory.create(slug="lean", name="Lean")
    in_topic(topic, ResourceFactory.create(title="Zebra"))
    in_topic(topic, ResourceFactory.create(title="Chosen"), 1)
    in_topic(topic, ResourceFactory.create(title="Draft", status="draft"))
    staff = client_for(world.staff)
    assert [t["slug"] for t in staff.get("/api/v1/learning/topics").json()] == ["lean"]
    detail = staff.get("/api/v1/learning/topics/lean").json()
    assert [(r["title"], r["position"]) for r in detail["resources"]] == [("Chosen", 1), ("Zebra", 2)]
    assert staff.get("/api/v1/learning/topics/nope").status_code == 404


def test_the_list_takes_the_same_queries_for_many_resources_as_for_few(world: World, appraisal: SubArea) -> None:
    staff = client_for(world.staff)
    topic = TopicFactory.create()

    def queries_for_a_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff.get("/api/v1/learning/resources?limit=100").status_code == 200
        return len(captured)

    def add(count: int) -> None:
        for _ in range(count):
            resource = ResourceFactory.create()
            teaches(resource, appraisal, 1)
            in_topic(topic, resource)

    add(2)
    few = queries_for_a_page()
    add(20)
    assert queries_for_a_page() == few


def test_a_curator_adds_and_changes_a_topic_and_a_stale_change_saves_nothing(world: World) -> None:
    from lksworkforce.core.models import AuditEvent
    from lksworkforce.learning.models import Topic

    curator = client_for(world.curator)
    added = send(curator, "post", "/api/v1/learning/topics", {"slug": "lean-thinking", "name": "Lean thinking"}).json()
    assert (added["slug"], added["name"], added["resources"], added["edit_version"]) == (
        "lean-thinking",
        "Lean thinking",
        [],
        1,
    )
    body = {"name": "Lean thinking in services", "introduction": "Less waste.", "edit_version": 1}
    changed = send(curator, "put", "/api/v1/learning/topics/lean-thinking", body).json()
    assert (changed["name"], changed["introduction"], changed["edit_version"]) == (
        "Lean thinking in services",
        "Less waste.",
        2,
    )
    stale = curator.put(
        "/api/v1/learning/topics/lean-thinking",
        {**body, "name": "Overwritten"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    assert Topic.objects.get(slug="lean-thinking").name == "Lean thinking in services"
    taken = curator.post(
        "/api/v1/learning/topics", {"slug": "lean-thinking", "name": "Again"}, content_type="application/json"
    )
    assert taken.status_code == 422
    assert "already has this address" in str(taken.json()["errors"])
    assert AuditEvent.objects.filter(action__in=["learning.topic_added", "learning.topic_changed"]).count() == 2
    refused = client_for(world.staff).post(
        "/api/v1/learning/topics", {"slug": "mine", "name": "Mine"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert not Topic.objects.filter(slug="mine").exists()
