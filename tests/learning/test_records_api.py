"""The learning record over the API: typed, versioned, owner-only writes, shared reads, and every
bad body answered 422 with its problems (never a 500)."""

import json
from datetime import date
from typing import Any

import pytest

from lksworkforce.learning.models import LearningRecord
from lksworkforce.skills.models import PlanAction
from tests.conftest import World, client_for
from tests.learning.records_support import framework, plan_action, record, sub_area

pytestmark = pytest.mark.django_db
RECORDS = "/api/v1/learning/records"


def body(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"title": "Journal club", "done_on": "2026-02-10", "minutes": 60}
    values.update(changes)
    return values


def send(client: Any, method: str, url: str, data: Any) -> Any:
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_add_read_change_and_remove_with_versions(world: World) -> None:
    framework()
    client = client_for(world.staff)
    action = plan_action(world.staff)
    created = send(
        client,
        "post",
        RECORDS,
        body(sub_area_ids=[sub_area("1.1").pk], evidence_links=["https://example.org/x"], plan_step_id=action.pk),
    )
    assert created.status_code == 200, created.content
    saved = created.json()
    assert saved["minutes"] == 60
    assert saved["done_on"] == "2026-02-10"
    assert saved["edit_version"] == 1
    assert saved["plan_step_id"] == action.pk
    assert PlanAction.objects.get(pk=action.pk).status == "done"
    assert [r["id"] for r in client.get(RECORDS).json()] == [saved["id"]]
    url = f"{RECORDS}/{saved['id']}"
    changed = send(client, "put", url, body(minutes=75, edit_version=1))
    assert changed.json()["minutes"] == 75
    stale = send(client, "put", url, body(minutes=10, edit_version=1))
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    assert client.delete(f"{url}?edit_version=1").status_code == 409
    for bad in ("-1", str(2**31), "", "two"):  # refused as the version it is, never a 500
        refused = client.delete(f"{url}?edit_version={bad}")
        assert refused.status_code == 422, (bad, refused.content)
        assert "edit_version" in refused.content.decode()
    assert client.delete(url).status_code == 422
    assert client.delete(f"{url}?edit_version=2").status_code == 204
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        body(minutes=0),
        body(minutes="sixty"),
        body(minutes=10**30),
        body(done_on="2999-01-01"),
        body(done_on="yesterday"),
        body(title=""),
        body(title="x" * 301),
        body(evidence_links=["javascript:alert(1)"]),
        body(evidence_links="https://example.org"),
        body(sub_area_ids=[999_999]),
        body(sub_area_ids=["a"]),
        body(resource_id=-1),
        body(plan_step_id=999_999),
        [1, 2],
        "text",
    ],
)
def test_bad_bodies_are_422_with_nothing_saved(world: World, bad: Any) -> None:
    response = send(client_for(world.staff), "post", RECORDS, bad)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input"
    assert not LearningRecord.objects.exists()


def test_a_nul_character_is_refused_before_anything_is_read(world: World) -> None:
    response = send(client_for(world.staff), "post", RECORDS, body(title="\x00"))
    assert response.status_code == 400
    assert not LearningRecord.objects.exists()


def test_reads_are_scoped_and_writes_are_the_owners(world: World) -> None:
    shared = record(world.staff, shared_with_manager=True)
    private = record(world.colleague)
    manager = client_for(world.manager)
    assert manager.get(f"{RECORDS}/{shared.pk}").json()["title"] == "Appraising RCTs webinar"
    assert manager.get(f"{RECORDS}/{private.pk}").status_code == 404
    assert send(manager, "put", f"{RECORDS}/{shared.pk}", body(edit_version=1)).status_code == 404
    assert manager.delete(f"{RECORDS}/{shared.pk}?edit_version=1").status_code == 404
    assert manager.get(RECORDS).json() == []
    for other in (world.regional_lead, world.national, world.curator):
        assert client_for(other).get(f"{RECORDS}/{shared.pk}").status_code == 404
    assert LearningRecord.objects.get(pk=shared.pk).edit_version == 1


def test_cpd_numbers_are_numbers_and_bad_years_are_refused(world: World) -> None:
    record(world.staff, done_on=date(2025, 5, 5), minutes=1500)
    client = client_for(world.staff)
    cpd = client.get(f"{RECORDS}/cpd", {"year": 2025}).json()
    assert cpd["hours"] == 25.0
    assert cpd["expectation_met"] is True
    assert cpd["hours_to_go"] == 0
    assert [m["minutes"] for m in cpd["by_month"]][4] == 1500
    for bad in ("1800", "3000", "x"):
        assert client.get(f"{RECORDS}/cpd", {"year": bad}).status_code == 422
