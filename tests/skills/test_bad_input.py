"""Bad input to the skills API and commands: the same limits as the forms, refused with a 422 or
400 naming the field, nothing saved; and a report that printed every row twice.

Before: the API stored 9 MB of evidence or reflection where the form allows 2,000 (and 5,000)
characters, and a 250 KB reflection made the PDF take half a minute; strings longer than a model
column were a 500 on PostgreSQL; a NUL in a JSON body was a 500 on PostgreSQL and stored raw on
SQLite."""

import json
from typing import Any

import pytest
from django.test import Client

from lksworkforce.core.models import AuditEvent
from lksworkforce.skills.limits import DESCRIPTION_LIMIT, EVIDENCE_LIMIT, REFLECTION_LIMIT, RESOURCE_URL_LIMIT
from lksworkforce.skills.models import Assessment, Framework, PlanAction, Rating
from tests.conftest import World, client_for
from tests.skills.test_cli import build, report

pytestmark = pytest.mark.django_db


def send(client: Client, method: str, path: str, body: Any) -> Any:
    raw = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(path, raw, content_type="application/json")


def _assessment(client: Client) -> int:
    response = send(client, "post", "/api/v1/skills/assessments", {})
    assert response.status_code == 200
    return int(response.json()["id"])


def _rating(**more: Any) -> dict[str, Any]:
    # edit_version 0: the sub-area has no rating yet (ADR 12).
    return {"ratings": [{"sub_area": "1.1", "current": 1, "target": 3, "edit_version": 0} | more]}


def _unchanged() -> tuple[int, int, int]:
    return Rating.objects.count(), PlanAction.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("learning_evidence", "x" * (EVIDENCE_LIMIT + 1), "must be 2,000 characters or fewer"),
        ("learning_evidence", "x" * 9_000_000, "must be 2,000 characters or fewer"),
        ("evidence_links", ["https://" + "x" * 600], "must be 500 characters or fewer"),
        ("sub_area", "1" * 100, "must be 60 characters or fewer"),
    ],
)
def test_rating_text_over_the_forms_limit_is_refused(
    world: World, skills_framework: Framework, field: str, value: Any, message: str
) -> None:
    client = client_for(world.staff)
    assessment_id = _assessment(client)
    before = _unchanged()
    body = _rating(**{field: value})
    response = send(client, "put", f"/api/v1/skills/assessments/{assessment_id}/ratings", body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert any(message in e["reason"] for e in response.json()["errors"])
    assert _unchanged() == before


def test_a_reflection_over_the_forms_limit_is_refused(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    assessment_id = _assessment(client)
    send(client, "put", f"/api/v1/skills/assessments/{assessment_id}/ratings", _rating())
    before = _unchanged()
    for reflection in ("x" * (REFLECTION_LIMIT + 1), "x" * 250_000):
        version = Assessment.objects.get(pk=assessment_id).edit_version
        response = send(
            client,
            "post",
            f"/api/v1/skills/assessments/{assessment_id}/complete",
            {"reflection": reflection, "edit_version": version},
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "row": None,
                "column": None,
                "line": None,
                "field": "reflection",
                "value": None,
                "reason": "The reflection must be 5,000 characters or fewer",
            }
        ]
    assert _unchanged() == before
    assert Assessment.objects.get(pk=assessment_id).completed_on is None


@pytest.mark.parametrize(
    ("field", "limit"), [("description", DESCRIPTION_LIMIT), ("resource_url", RESOURCE_URL_LIMIT), ("kind", 60)]
)
def test_a_plan_action_over_a_columns_length_is_refused(
    world: World, skills_framework: Framework, field: str, limit: int
) -> None:
    before = _unchanged()
    body = {"kind": "read", "description": "Read a book", field: "https://" + "x" * limit}
    response = send(client_for(world.staff), "post", "/api/v1/skills/plan", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert f"{limit:,} characters or fewer" in response.json()["errors"][0]["reason"]
    assert _unchanged() == before


@pytest.mark.parametrize(
    "body",
    [
        '{"kind": "read", "description": "a\\u0000b"}',
        '{"kind": "read", "description": "a\x00b"}',
        '{"kind": "read", "description": "a\\ud800b"}',
        '{"kind": "read", "description": "ok", "sub_areas": ["\\udfff"]}',
        '{"kind\\u0000": "read", "description": "ok"}',
    ],
)
def test_a_character_no_column_holds_in_a_json_body_is_a_400(
    world: World, skills_framework: Framework, body: str
) -> None:
    before = _unchanged()
    response = send(client_for(world.staff), "post", "/api/v1/skills/plan", body)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    # A raw NUL is not JSON at all; an escaped one is JSON with a character no column holds.
    assert response.json()["message"] in {
        "Cannot parse request body",
        "The request contains a character that is not allowed (NUL).",
        "The request contains a character that is not allowed (an unpaired surrogate).",
    }
    assert _unchanged() == before


def test_an_emoji_written_as_a_surrogate_pair_is_text(world: World, skills_framework: Framework) -> None:
    response = send(
        client_for(world.staff), "post", "/api/v1/skills/plan", '{"kind": "read", "description": "Read \\ud83d\\udcda"}'
    )
    assert response.status_code == 200
    assert PlanAction.objects.get().description == "Read \U0001f4da"


def test_the_schema_shows_each_limit(world: World) -> None:
    schemas = client_for(world.staff).get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["CompleteIn"]["properties"]["reflection"]["maxLength"] == REFLECTION_LIMIT
    assert schemas["RatingIn"]["properties"]["learning_evidence"]["maxLength"] == EVIDENCE_LIMIT
    assert schemas["PlanActionIn"]["properties"]["description"]["maxLength"] == DESCRIPTION_LIMIT


def test_skills_report_by_region_for_one_region_prints_each_row_once(world: World) -> None:
    build(world)
    rows = report("--by", "region", "--code", "Y56")
    items = [r["item"] for r in rows]
    assert items == sorted(set(items))
    assert {(r["scope_code"], r["group_name"]) for r in rows} == {("Y56", "All")}
    assert [r["people"] for r in rows if r["item"] == "1"] == ["10"]
