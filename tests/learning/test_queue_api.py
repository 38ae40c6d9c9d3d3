"""The queue over the API: suggesting (look-alikes refused until confirmed), your suggestions, and
the curators' queue and decisions (409 for stale or already decided, 422 with every problem)."""

from typing import Any

import pytest
from django.test import Client

from lksworkforce.learning.models import Resource, Suggestion
from lksworkforce.learning.vocabulary import SuggestionKind, SuggestionStatus
from tests.conftest import World, client_for
from tests.learning.queue_factories import resource

pytestmark = pytest.mark.django_db

NEW = {
    "kind": "new_resource",
    "title": "Knowledge mobilisation basics",
    "url": "https://km.invalid/basics",
    "resource_kind": "toolkit",
}


def post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, body, content_type="application/json")


def test_suggest_then_read_your_suggestions(world: World) -> None:
    client = client_for(world.staff)
    sent = post(client, "/api/v1/learning/suggestions", NEW | {"why": "For new starters"})
    assert sent.status_code == 200, sent.content
    body = sent.json()
    assert (body["kind"], body["status"], body["outcome"], body["edit_version"]) == (
        "new_resource",
        "waiting",
        "Waiting for a curator",
        1,
    )
    mine = client.get("/api/v1/learning/suggestions/mine").json()
    assert [m["title"] for m in mine] == ["Knowledge mobilisation basics"]
    assert client_for(world.colleague).get("/api/v1/learning/suggestions/mine").json() == []


def test_a_look_alike_is_refused_until_confirmed(world: World) -> None:
    resource("Knowledge mobilisation basics", "https://www.km.invalid/basics/")
    client = client_for(world.staff)
    refused = post(client, "/api/v1/learning/suggestions", NEW)
    assert refused.status_code == 422
    [problem] = refused.json()["errors"]
    assert problem["field"] == "confirmed"
    assert problem["reason"].startswith("This looks like Knowledge mobilisation basics already in the catalogue")
    assert post(client, "/api/v1/learning/suggestions", NEW | {"confirmed": True}).status_code == 200


def test_bad_suggestions_get_every_problem(world: World) -> None:
    refused = post(
        client_for(world.staff), "/api/v1/learning/suggestions", {"kind": "new_resource", "url": "javascript:alert(1)"}
    )
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"title", "resource_kind", "url"}
    hostile: Any
    for hostile in (
        {"kind": 7},
        {"kind": "correction", "resource_id": -1},
        {"kind": "correction", "resource_id": 2**40},
        [],
    ):
        assert post(client_for(world.staff), "/api/v1/learning/suggestions", hostile).status_code == 422
    assert post(client_for(world.staff), "/api/v1/learning/suggestions", "x").status_code == 400  # not JSON
    nul = post(
        client_for(world.staff),
        "/api/v1/learning/suggestions",
        NEW | {"title": "a\u0000b", "url": "https://\u0000.invalid/"},
    )
    assert nul.status_code == 400  # NUL is refused before anything is read (core.middleware)

    assert not Suggestion.objects.exists()


def test_the_queue_is_for_curators_with_look_alikes_and_allowed_decisions(world: World) -> None:
    held = resource("Knowledge mobilisation basics", "https://km.invalid/basics")
    post(client_for(world.staff), "/api/v1/learning/suggestions", NEW | {"confirmed": True})
    assert client_for(world.staff).get("/api/v1/learning/queue").status_code == 403
    [item] = client_for(world.curator).get("/api/v1/learning/queue").json()
    assert item["allowed_decisions"] == ["accept", "decline", "merge"]
    assert item["raised_by_service"] is False
    assert item["suggested_by"] == world.staff.full_name
    assert [(d["key"], d["because"]) for d in item["duplicates"]] == [
        (f"resource:{held.pk}", "the same web address and title")
    ]
    assert client_for(world.curator).get("/api/v1/learning/queue?kind=review_due").json() == []
    assert client_for(world.curator).get("/api/v1/learning/queue?kind=bogus").status_code == 422


def test_decisions_merge_and_then_refuse_a_second_decision(world: World) -> None:
    held = resource("Knowledge mobilisation basics", "https://km.invalid/basics")
    item = post(client_for(world.staff), "/api/v1/learning/suggestions", NEW | {"confirmed": True}).json()
    curator = client_for(world.curator)
    path = f"/api/v1/learning/queue/{item['id']}/decision"
    stale = post(curator, path, {"decision": "merge", "edit_version": 9, "resource_id": held.pk})
    assert (stale.status_code, stale.json()["code"]) == (409, "stale")
    merged = post(curator, path, {"decision": "merge", "edit_version": 1, "resource_id": held.pk})
    assert merged.status_code == 200, merged.content
    assert (merged.json()["status"], merged.json()["outcome_resource_id"]) == ("merged", held.pk)
    again = post(curator, path, {"decision": "decline", "edit_version": 2, "reason": "No"})
    assert again.status_code == 409
    assert "already merged" in again.json()["message"]
    assert (
        post(curator, "/api/v1/learning/queue/999999/decision", {"decision": "accept", "edit_version": 1}).status_code
        == 404
    )
    assert post(client_for(world.staff), path, {"decision": "accept", "edit_version": 1}).status_code == 403


def test_accept_with_edits_and_teaches_and_the_problems_of_a_bad_decision(world: World) -> None:
    item = post(client_for(world.staff), "/api/v1/learning/suggestions", NEW).json()
    curator = client_for(world.curator)
    path = f"/api/v1/learning/queue/{item['id']}/decision"
    bad = post(
        curator,
        path,
        {"decision": "accept", "edit_version": 1, "url": "ftp://x", "teaches": [999999], "resource_kind": "book"},
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"url", "teaches", "resource_kind"}
    assert post(curator, path, {"decision": "decline", "edit_version": 1}).status_code == 422
    assert post(curator, path, {"decision": "decline", "edit_version": 1, "reason": "no\u0000"}).status_code == 400
    done = post(curator, path, {"decision": "accept", "edit_version": 1, "publish": True, "provider": "HEE"})
    assert done.status_code == 200
    made = Resource.objects.get()
    assert (made.status, made.provider) == ("published", "HEE")
    assert Suggestion.objects.get().status == SuggestionStatus.ACCEPTED


def test_link_items_from_the_service(world: World) -> None:
    gone = resource("Gone", "https://x.invalid/gone")
    item = Suggestion.objects.create(kind=SuggestionKind.BROKEN_LINK, resource=gone, details="HTTP 404")
    [listed] = client_for(world.curator).get("/api/v1/learning/queue").json()
    assert (listed["raised_by_service"], listed["allowed_decisions"]) == (True, ["accept", "retire", "decline"])
    retired = post(
        client_for(world.curator),
        f"/api/v1/learning/queue/{item.pk}/decision",
        {"decision": "retire", "edit_version": 1},
    )
    assert retired.json()["outcome"] == "Accepted. The resource was retired."
    gone.refresh_from_db()
    assert gone.status == "retired"
