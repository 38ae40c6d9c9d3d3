"""The same self-assessment through the API: start, save ratings (levels outside the scale refused
with errors naming the sub-area and field, nothing saved), finish, gaps, the development plan,
frameworks, and roll-up parameters."""

import csv
import io
from typing import Any

import pytest
from django.test import Client

from lksworkforce.skills.models import Assessment, Framework, PlanAction
from tests.conftest import World, client_for
from tests.skills.conftest import take_assessment

pytestmark = pytest.mark.django_db


def put(client: Client, path: str, body: Any) -> Any:
    return client.put(path, body, content_type="application/json")


def post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, body, content_type="application/json")


def ratings_of(assessment: Assessment) -> list[tuple[str, int, int]]:
    return list(assessment.ratings.values_list("sub_area__number", "current", "target"))


def started(client: Client, **body: Any) -> dict[str, Any]:
    response = post(client, "/api/v1/skills/assessments", body)
    assert response.status_code == 200, response.content
    result: dict[str, Any] = response.json()
    return result


# --- Taking an assessment --------------------------------------------------------------------


def test_a_person_takes_an_assessment_through_the_api(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    body = started(client, role_profile="clinical-librarian")
    assert body["framework"] == "web-skills"
    assert body["role_profile"] == "clinical-librarian"
    assert body["completed_on"] is None
    assert body["is_latest"] is False
    assessment_id = body["id"]
    assert started(client)["id"] == assessment_id  # carries on with the unfinished one

    response = put(
        client,
        f"/api/v1/skills/assessments/{assessment_id}/ratings",
        {
            "ratings": [
                {
                    "sub_area": "1.1",
                    "current": 1,
                    "target": 3,
                    "priority": "high",
                    "learning_evidence": "A search log",
                    "evidence_links": ["https://example.org/log"],
                    "edit_version": 0,  # not rated yet
                },
                {"sub_area": "2.2", "current": 3, "target": 3, "edit_version": 0},
            ]
        },
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"changed": 2}
    # Saving the same again changes nothing; both levels null removes a rating.
    response = put(
        client,
        f"/api/v1/skills/assessments/{assessment_id}/ratings",
        {"ratings": [{"sub_area": "2.2", "edit_version": 1}]},
    )
    assert response.json() == {"changed": 1}

    detail = client.get(f"/api/v1/skills/assessments/{assessment_id}").json()
    assert detail["ratings"] == [
        {
            "sub_area": "1.1",
            "current": 1,
            "target": 3,
            "gap": 2,
            "priority": "high",
            "learning_evidence": "A search log",
            "evidence_links": ["https://example.org/log"],
            "carried_over": False,
            "edit_version": 1,
        }
    ]

    response = post(
        client,
        f"/api/v1/skills/assessments/{assessment_id}/complete",
        {"reflection": "Searching first.", "share_with_manager": True, "edit_version": detail["edit_version"]},
    )
    assert response.status_code == 200, response.content
    finished = response.json()
    assert finished["completed_on"] is not None
    assert finished["is_latest"] is True
    assert finished["shared_with_manager"] is True
    assert client.get(f"/api/v1/skills/assessments/{assessment_id}").json()["reflection"] == "Searching first."
    listed = client.get("/api/v1/skills/assessments").json()
    assert [a["id"] for a in listed] == [assessment_id]


def test_an_unknown_role_profile_is_refused(world: World, skills_framework: Framework) -> None:
    response = post(client_for(world.staff), "/api/v1/skills/assessments", {"role_profile": "astronaut"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert "astronaut" in response.json()["message"]
    assert not Assessment.objects.exists()


def test_levels_outside_the_scale_are_refused_by_sub_area_and_field_and_nothing_is_saved(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.2": (1, 2)}, finish=False)
    client = client_for(world.staff)
    response = put(
        client,
        f"/api/v1/skills/assessments/{assessment.pk}/ratings",
        {
            "ratings": [
                {"sub_area": "1.1", "current": 9, "target": 3, "edit_version": 0},
                {"sub_area": "1.2", "current": 3, "target": 4, "edit_version": 1},  # good, but refused with the rest
                {"sub_area": "2.1", "current": 2, "target": -1, "edit_version": 0},
                {"sub_area": "2.2", "current": 2, "edit_version": 0},
            ]
        },
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"] == "The ratings were not saved: 3 errors. Nothing was changed."
    assert sorted(((e["field"], e["reason"]) for e in body["errors"]), key=lambda e: e[0]) == [
        ("ratings.1.1.current", "The current level must be a level from 0 to 4"),
        ("ratings.2.1.target", "The target level must be a level from 0 to 4"),
        ("ratings.2.2.target", "Choose a target level as well, or leave both blank if this is not relevant"),
    ]
    assert ratings_of(assessment) == [("1.2", 1, 2)]


@pytest.mark.parametrize(
    ("rating", "field"),
    [
        ({"sub_area": "9.9", "current": 1, "target": 2, "edit_version": 0}, "ratings.9.9"),
        ({"sub_area": "1.1", "current": 1, "target": 2, "priority": "urgent", "edit_version": 0}, "ratings.0.priority"),
        ({"sub_area": "1.1", "current": "high", "target": 2, "edit_version": 0}, "ratings.0.current"),
        ({"sub_area": "1.1", "current": 1.5, "target": 2, "edit_version": 0}, "ratings.0.current"),
        ({"sub_area": "1.1", "current": 1, "target": 2}, "ratings.0.edit_version"),
    ],
    ids=["unknown-sub-area", "unknown-priority", "words-for-a-level", "half-a-level", "no-version"],
)
def test_other_bad_ratings_are_refused_with_their_field(
    world: World, skills_framework: Framework, rating: dict[str, Any], field: str
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {}, finish=False)
    response = put(
        client_for(world.staff), f"/api/v1/skills/assessments/{assessment.pk}/ratings", {"ratings": [rating]}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert field in [e["field"] for e in body["errors"]], body
    assert all(e["reason"] for e in body["errors"])
    assert ratings_of(assessment) == []


@pytest.mark.parametrize(
    "links",
    [["javascript:alert(1)"], ["www.example.org/no-scheme"], [f"https://example.org/{n}" for n in range(11)]],
    ids=["script", "no-scheme", "eleven-links"],
)
def test_evidence_links_the_form_refuses_are_refused_by_the_api_too(
    world: World, skills_framework: Framework, links: list[str]
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {}, finish=False)
    response = put(
        client_for(world.staff),
        f"/api/v1/skills/assessments/{assessment.pk}/ratings",
        {"ratings": [{"sub_area": "1.1", "current": 1, "target": 2, "evidence_links": links, "edit_version": 0}]},
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["ratings.1.1.evidence_links"]
    assert ratings_of(assessment) == []


def test_finishing_and_changing_a_finished_assessment_are_refused(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    assessment_id = started(client)["id"]
    done = {"reflection": "Done", "edit_version": 1}
    response = post(client, f"/api/v1/skills/assessments/{assessment_id}/complete", done)
    assert response.status_code == 409
    assert response.json() == {"code": "conflict", "message": "Rate at least one sub-area before you finish"}

    put(
        client,
        f"/api/v1/skills/assessments/{assessment_id}/ratings",
        {"ratings": [{"sub_area": "1.1", "current": 1, "target": 2, "edit_version": 0}]},
    )
    finished = post(client, f"/api/v1/skills/assessments/{assessment_id}/complete", done)
    assert finished.status_code == 200
    # Finishing again, from the version it is now at: a rule, not a version, refuses it.
    again = {"reflection": "Again", "edit_version": finished.json()["edit_version"]}
    again_response = post(client, f"/api/v1/skills/assessments/{assessment_id}/complete", again)
    assert again_response.status_code == 409
    assert again_response.json()["message"] == "This self-assessment is already finished"
    rerate = put(
        client,
        f"/api/v1/skills/assessments/{assessment_id}/ratings",
        {"ratings": [{"sub_area": "1.1", "current": 4, "target": 4, "edit_version": 1}]},
    )
    assert rerate.status_code == 409
    assert rerate.json()["message"] == "This self-assessment is finished; start a new one to rate again"
    assert ratings_of(Assessment.objects.get(pk=assessment_id)) == [("1.1", 1, 2)]
    # Someone else's is not there at all.
    other = client_for(world.colleague)
    assert put(other, f"/api/v1/skills/assessments/{assessment_id}/ratings", {"ratings": []}).status_code == 404
    assert post(other, f"/api/v1/skills/assessments/{assessment_id}/complete", again).status_code == 404


@pytest.mark.parametrize("reflection", ["", "   "])
def test_finishing_through_the_api_needs_a_reflection(
    world: World, skills_framework: Framework, reflection: str
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 2)}, finish=False)
    response = post(
        client_for(world.staff),
        f"/api/v1/skills/assessments/{assessment.pk}/complete",
        {"reflection": reflection, "edit_version": 1},
    )
    assert response.status_code == 422
    body = response.json()
    assert [(e["field"], e["reason"]) for e in body["errors"]] == [
        ("reflection", "Write a short reflection before you finish")
    ]
    assert body["message"] == (
        "The self-assessment was not finished: Write a short reflection before you finish. Nothing was changed."
    )
    assessment.refresh_from_db()
    assert assessment.completed_on is None


def test_a_blank_reflection_is_invalid_input_naming_the_field(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 2)}, finish=False)
    response = post(
        client_for(world.staff),
        f"/api/v1/skills/assessments/{assessment.pk}/complete",
        {"reflection": "", "edit_version": 1},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert [e["field"] for e in response.json()["errors"]] == ["reflection"]


def test_gaps_are_those_of_the_gaps_page(world: World, skills_framework: Framework) -> None:
    ratings = {"1.1": (1, 2, "low"), "1.2": (0, 3), "2.1": (2, 4, "high"), "2.2": (3, 3), "3.1": (4, 4)}
    assessment = take_assessment(world.staff, skills_framework, ratings, role="clinical-librarian")
    client = client_for(world.staff)
    response = client.get(f"/api/v1/skills/assessments/{assessment.pk}/gaps")
    assert response.status_code == 200
    body = response.json()

    def exported(table: str) -> list[dict[str, str]]:
        content = client.get(f"/skills/assessments/{assessment.pk}/gaps/?format=csv&table={table}").content
        return list(csv.DictReader(io.StringIO(content.decode())))

    def level(text: str) -> int | None:  # "2 Working knowledge" -> 2
        return int(text.split(" ", 1)[0]) if text else None

    # The same figures as the page's CSV, as levels and numbers.
    assert [
        (f"{g['sub_area']} {g['sub_area_name']}", g["current"], g["target"], g["gap"], g["role_expects"], g["role_gap"])
        for g in body["gaps"]
    ] == [
        (
            r["sub_area"],
            level(r["current"]),
            level(r["target"]),
            int(r["gap"]),
            level(r["role_expects"]),
            level(r["role_gap"]),
        )
        for r in exported("gaps")
    ]
    assert [
        (
            f"{a['area']}. {a['area_name']}",
            a["rated"],
            a["mean_current"],
            a["mean_target"],
            a["mean_expected"],
            a["with_gap"],
        )
        for a in body["areas"]
    ] == [
        (
            r["area"],
            int(r["rated"]),
            *(float(r[k]) if r[k] else None for k in ("mean_current", "mean_target", "mean_expected")),
            int(r["with_gap"]),
        )
        for r in exported("areas")
    ]
    assert [g["sub_area"] for g in body["gaps"]] == ["2.1", "1.1", "1.2", "2.2"]
    assert body["gaps"][1] == {
        "sub_area": "1.1",
        "sub_area_name": "Literature searching",
        "priority": "low",
        "current": 1,
        "target": 2,
        "gap": 1,
        "role_expects": 4,
        "role_gap": 3,
    }


# --- Development plan ------------------------------------------------------------------------


def action(**changes: Any) -> dict[str, Any]:
    return {
        "kind": "learn",
        "description": "Take the literature searching course",
        "sub_areas": ["1.1"],
        "due_on": "2027-03-31",
        "status": "planned",
        "resource_url": "https://learning.example.org/searching",
    } | changes


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description": "  "}, "description", "Describe the action"),
        ({"description": "x" * 501}, "description", "The description must be 500 characters or fewer"),
        ({"kind": "juggling"}, "kind", "Choose what kind of action this is"),
        ({"status": "someday"}, "status", "Choose a status"),
        ({"resource_url": "javascript:alert(1)"}, "resource_url", "Enter a web address starting with https://"),
        ({"sub_areas": ["1.1", "7.7"]}, "sub_areas", "No sub-area 7.7 in the framework"),
        ({"due_on": "2027-02-31"}, "due_on", None),
        ({"due_on": "next spring"}, "due_on", None),
    ],
    ids=[
        "no-description",
        "too-long",
        "unknown-kind",
        "unknown-status",
        "script-url",
        "unknown-sub-area",
        "31-february",
        "words-for-date",
    ],
)
def test_a_bad_plan_action_is_refused_with_its_field_and_nothing_saved(
    world: World, skills_framework: Framework, changes: dict[str, Any], field: str, message: str | None
) -> None:
    response = post(client_for(world.staff), "/api/v1/skills/plan", action(**changes))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    errors = {e["field"]: e["reason"] for e in body["errors"]}
    assert field in errors, body
    if message:
        assert errors[field] == message
    assert not PlanAction.objects.exists()


def test_a_plan_action_is_added_and_listed(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    response = post(client, "/api/v1/skills/plan", action())
    assert response.status_code == 200, response.content
    added = response.json()
    assert added | {"id": 0} == {
        "id": 0,
        "description": "Take the literature searching course",
        "kind": "learn",
        "sub_areas": ["1.1"],
        "due_on": "2027-03-31",
        "status": "planned",
        "resource_url": "https://learning.example.org/searching",
    }
    assert client.get("/api/v1/skills/plan").json() == [added]
    assert client_for(world.colleague).get("/api/v1/skills/plan").json() == []


# --- Frameworks ------------------------------------------------------------------------------


def test_frameworks_are_listed_and_described(world: World, skills_framework: Framework) -> None:
    client = client_for(world.staff)
    assert client.get("/api/v1/skills/frameworks").json() == [
        {"key": "web-skills", "name": "Web skills framework", "version": "2025", "is_current": True, "sub_areas": 5}
    ]
    detail = client.get("/api/v1/skills/frameworks/web-skills").json()
    assert detail["key"] == "web-skills"
    assert detail["current"] is True
    assert detail["previous"] is None
    assert [(lv["value"], lv["label"]) for lv in detail["scale"]] == [
        (0, "No knowledge"),
        (1, "Basic knowledge"),
        (2, "Working knowledge"),
        (3, "Extensive knowledge"),
        (4, "Expert"),
    ]
    assert [(a["number"], a["name"]) for a in detail["areas"]] == [
        (1, "Finding evidence"),
        (2, "Teaching and learning"),
        (3, "Knowledge management"),
    ]
    assert detail["areas"][0]["description"] == "Searching for and appraising evidence"
    assert [(s["number"], s["area"], s["name"]) for s in detail["sub_areas"]] == [
        ("1.1", 1, "Literature searching"),
        ("1.2", 1, "Critical appraisal"),
        ("2.1", 2, "Health literacy"),
        ("2.2", 2, "Teaching searching skills"),
        ("3.1", 3, "Knowledge capture"),
    ]
    assert sorted((p["key"], p["name"], p["expects"]) for p in detail["role_profiles"]) == [
        ("clinical-librarian", "Clinical librarian", {"1.1": 4, "2.2": 4}),
        ("knowledge-manager", "Knowledge manager", {"3.1": 3}),
    ]
    missing = client.get("/api/v1/skills/frameworks/no-such-framework")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "No such framework"}


def test_starting_without_a_framework_is_not_found(world: World) -> None:
    response = post(client_for(world.staff), "/api/v1/skills/assessments", {})
    assert response.status_code == 404
    assert response.json()["message"] == "No skills framework has been loaded yet"


# --- Roll-up parameters ----------------------------------------------------------------------


def rollup(client: Client, query: str) -> Any:
    return client.get(f"/api/v1/skills/rollups?{query}")


def test_rollup_parameters_choose_scope_level_and_breakdown(world: World, skills_framework: Framework) -> None:
    for person in (world.staff, world.colleague, world.manager, world.outsider, world.curator):
        take_assessment(person, skills_framework, {"1.1": (1, 3), "2.1": (2, 2)}, role="clinical-librarian")
    national = client_for(world.national)

    nation = rollup(national, "").json()
    assert (nation["scope"], nation["code"], nation["level"], nation["by"], nation["threshold"]) == (
        "nation",
        "",
        "area",
        "band_group",
        5,
    )
    totals = [r for r in nation["rows"] if r["group_name"] == "All"]
    assert [(r["scope_code"], r["item"], r["people"], r["mean_current"], r["suppressed"]) for r in totals] == [
        ("ENG", "1", 5, 1.0, None),
        ("ENG", "2", 5, 2.0, None),
        ("ENG", "3", None, None, "small_group"),  # nobody rated it
    ]

    by_sub_area = rollup(national, "level=sub_area&by=role").json()
    assert [r["item"] for r in by_sub_area["rows"] if r["group_name"] == "All"] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    assert {r["group_name"] for r in by_sub_area["rows"]} == {
        "All",
        "Clinical librarian",
        "Knowledge manager",
        "Role not given",
    }

    region = rollup(national, "scope=region&code=y56&by=organisation").json()
    assert region["code"] == "Y56"
    assert {r["group_code"] for r in region["rows"]} == {"", "RAA", "RAB"}
    organisation = rollup(client_for(world.manager), "scope=organisation&code=RAA").json()
    assert organisation["code"] == "RAA"
    assert {r["scope_name"] for r in organisation["rows"]} == {"Alpha Hospitals NHS Trust"}

    assert rollup(client_for(world.manager), "scope=organisation&code=RAB").status_code == 403
    assert rollup(national, "scope=organisation&code=ZZZ").status_code == 404
    assert rollup(national, "scope=region&code=Y99").status_code == 404
    for bad in ("by=colour", "level=team", "scope=planet"):
        response = rollup(national, bad)
        assert response.status_code == 422, bad
        assert response.json()["code"] == "invalid_input"
        assert response.json()["errors"][0]["field"] == bad.split("=")[0]


def test_a_shared_copy_sends_the_same_gap_figures_as_the_persons_own(world: World, skills_framework: Framework) -> None:
    """The manager's API reads the frozen copy; a copy kept before the API sent numbers (rows as the
    pages show them, no `api_gaps`) is read back into the same figures."""
    ratings = {"1.1": (1, 2, "low"), "1.2": (0, 3), "2.1": (2, 4, "high")}
    assessment = take_assessment(world.staff, skills_framework, ratings, role="clinical-librarian", share=True)
    path = f"/api/v1/skills/assessments/{assessment.pk}/gaps"
    own = client_for(world.staff).get(path).json()
    manager = client_for(world.manager)
    assert manager.get(path).json() == own
    assessment.refresh_from_db()
    assert assessment.shared_copy is not None
    legacy = {k: v for k, v in assessment.shared_copy.items() if k not in {"api_gaps", "api_areas"}}
    Assessment.objects.filter(pk=assessment.pk).update(shared_copy=legacy)
    assert manager.get(path).json() == own
