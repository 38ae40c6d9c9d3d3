"""Two tabs (or two API clients) change the same self-assessment or plan action: GET, GET, POST,
POST. The second save was made from what is no longer saved, so it is refused with what changed
beside what was sent; the first survives, nothing of the second is written, no audit event is
recorded for it; and once the page is opened again the change can be made (ADR 12)."""

from typing import Any

import pytest
from django.test import Client

from lksworkforce.config.api import api
from lksworkforce.core.models import AuditEvent
from lksworkforce.skills.models import Assessment, Framework, PlanAction, Rating
from tests.concurrency import hidden_versions, post_from_page, versions_on
from tests.conftest import World, client_for
from tests.skills.conftest import error_summary, main_text, sub, tables, take_assessment

pytestmark = pytest.mark.django_db
STALE = "since you opened this page. Nothing you sent was saved."
DIFFERENCES = "What you sent, and what is saved now"


def state() -> list[Any]:
    """Everything these forms could write, and the audit trail."""
    return [
        list(
            Rating.objects.order_by("sub_area__number").values_list(
                "sub_area__number", "current", "target", "priority", "learning_evidence", "edit_version"
            )
        ),
        list(Assessment.objects.order_by("id").values_list("completed_on", "reflection", "shared_with_manager")),
        list(PlanAction.objects.order_by("id").values_list("description", "status", "edit_version")),
        AuditEvent.objects.count(),
    ]


def opened(client: Client, url: str) -> dict[str, str]:
    """The hidden versions of the forms on the page, as the browser holds them."""
    found = hidden_versions(client, url)
    assert found, f"no version on {url}"
    return found


def area_data(framework: Framework, seen: dict[str, str], **entries: dict[str, str]) -> dict[str, str]:
    """An area form as sent: every sub-area of area 1 (blank unless given), with the versions seen."""
    data = dict(seen)
    for number in ("1.1", "1.2"):
        values = entries.get("s" + number.replace(".", "_"), {"current": "", "target": ""})
        data |= {f"s{sub(framework, number).pk}_{name}": value for name, value in values.items()}
    return data


def refused(response: Any) -> str:
    assert response.status_code == 409, response.status_code
    text = main_text(response.content)
    assert STALE in text
    assert error_summary(response.content)[0][1] == "#stale-changes"
    return text


# --- One area of a self-assessment in two tabs ---------------------------------------------------


def test_an_area_saved_in_two_tabs_keeps_the_first_and_shows_both(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, finish=False)
    client = client_for(world.staff)
    url = f"/skills/assessments/{assessment.pk}/areas/1/"
    first_tab, second_tab = opened(client, url), opened(client, url)

    first = client.post(url, area_data(skills_framework, first_tab, s1_1={"current": "2", "target": "3"}))
    assert first.status_code == 302
    after_first = state()
    second = client.post(url, area_data(skills_framework, second_tab, s1_1={"current": "4", "target": "4"}))

    refused(second)
    assert state() == after_first
    differences = tables(second.content)[DIFFERENCES].as_dicts()
    assert {"Field": "1.1 Literature searching: current level", "What you sent (not saved)": "4", "Saved now": "2"} in (
        differences
    )
    # The form still shows what they chose, now on the saved version: saving again is their choice.
    assert versions_on(second.content.decode(), f"s{sub(skills_framework, '1.1').pk}_edit_version") == ["2"]

    again = post_from_page(client, url, area_data(skills_framework, {}, s1_1={"current": "4", "target": "4"}))
    assert again.status_code == 302
    assert list(Rating.objects.values_list("current", "target")) == [(4, 4)]


def test_stale_values_of_one_sub_area_stop_the_whole_area_and_nothing_partial_is_written(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.2": (1, 2)}, finish=False)
    client = client_for(world.staff)
    url = f"/skills/assessments/{assessment.pk}/areas/1/"
    first_tab, second_tab = opened(client, url), opened(client, url)
    assert (
        client.post(url, area_data(skills_framework, first_tab, s1_2={"current": "3", "target": "4"})).status_code
        == 302
    )
    after_first = state()

    # The second tab rates 1.1 (new) and sends 1.2 as it was when the tab was opened.
    second = client.post(
        url,
        area_data(
            skills_framework, second_tab, s1_1={"current": "1", "target": "2"}, s1_2={"current": "1", "target": "2"}
        ),
    )

    text = refused(second)
    assert "1.2 Critical appraisal: current level" in text
    assert state() == after_first  # not even the new rating of 1.1


def test_different_areas_in_two_tabs_are_both_saved(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3), "2.1": (0, 1)}, finish=False)
    client = client_for(world.staff)
    area_1, area_2 = (f"/skills/assessments/{assessment.pk}/areas/{n}/" for n in (1, 2))
    seen_1, seen_2 = opened(client, area_1), opened(client, area_2)
    assert (
        client.post(area_1, area_data(skills_framework, seen_1, s1_1={"current": "2", "target": "3"})).status_code
        == 302
    )
    two = {
        f"s{sub(skills_framework, n).pk}_{k}": v for n in ("2.1", "2.2") for k, v in (("current", ""), ("target", ""))
    }
    two |= {f"s{sub(skills_framework, '2.1').pk}_current": "1", f"s{sub(skills_framework, '2.1').pk}_target": "2"}
    assert client.post(area_2, {**seen_2, **two}).status_code == 302
    assert dict(Rating.objects.values_list("sub_area__number", "current")) == {"1.1": 2, "2.1": 1}


# --- Finishing, sharing ------------------------------------------------------------------------


def test_finishing_in_two_tabs_refuses_the_second_reflection_and_sharing(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, finish=False)
    client = client_for(world.staff)
    url = f"/skills/assessments/{assessment.pk}/finish/"
    first_tab, second_tab = opened(client, url), opened(client, url)
    assert client.post(url, {**first_tab, "reflection": "Searching first."}).status_code == 302
    after_first = state()

    second = client.post(url, {**second_tab, "reflection": "Teaching first.", "share_with_manager": "on"})

    refused(second)
    assert state() == after_first
    rows = {r["Field"]: r for r in tables(second.content)[DIFFERENCES].as_dicts()}
    assert rows["Your reflection"]["What you sent (not saved)"] == "Teaching first."
    assert rows["Your reflection"]["Saved now"] == "Searching first."
    assert (
        rows["Shared with your service manager"]["What you sent (not saved)"],
        rows["Shared with your service manager"]["Saved now"],
    ) == ("Yes", "No")
    assessment.refresh_from_db()
    assert (assessment.reflection, assessment.shared_with_manager) == ("Searching first.", False)

    # Opened again, the finished assessment offers sharing, and it works.
    shown = f"/skills/assessments/{assessment.pk}/"
    shared = post_from_page(client, f"/skills/assessments/{assessment.pk}/sharing/", {"share": "yes"}, page=shown)
    assert shared.status_code == 302
    assessment.refresh_from_db()
    assert assessment.shared_with_manager


def test_sharing_in_two_tabs_refuses_the_second(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, share=True)
    client = client_for(world.staff)
    page, url = f"/skills/assessments/{assessment.pk}/", f"/skills/assessments/{assessment.pk}/sharing/"
    first_tab, second_tab = opened(client, page), opened(client, page)
    assert client.post(url, {**first_tab, "share": "no"}).status_code == 302
    after_first = state()
    second = client.post(url, {**second_tab, "share": "yes"})
    refused(second)
    assert state() == after_first
    assessment.refresh_from_db()
    assert not assessment.shared_with_manager


# --- A plan action in two tabs -------------------------------------------------------------------


def action_data(seen: dict[str, str], **changes: str) -> dict[str, str]:
    return {**seen, "kind": "learn", "description": "Take the searching course", "status": "planned"} | changes


def test_a_plan_action_changed_in_two_tabs_keeps_the_first(world: World, skills_framework: Framework) -> None:
    action = PlanAction.objects.create(person=world.staff, kind="learn", description="Take the searching course")
    client = client_for(world.staff)
    url = f"/skills/plan/{action.pk}/"
    first_tab, second_tab = opened(client, url), opened(client, url)
    assert client.post(url, action_data(first_tab, description="Take the appraisal course")).status_code == 302
    after_first = state()

    second = client.post(url, action_data(second_tab, status="done"))

    refused(second)
    assert state() == after_first
    rows = {r["Field"]: r for r in tables(second.content)[DIFFERENCES].as_dicts()}
    assert rows["What you will do"] == {
        "Field": "What you will do",
        "What you sent (not saved)": "Take the searching course",
        "Saved now": "Take the appraisal course",
    }
    assert rows["Status"]["What you sent (not saved)"] == "Done"
    again = post_from_page(client, url, action_data({}, description="Take the appraisal course", status="done"))
    assert again.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.status) == ("Take the appraisal course", "done")


def test_a_plan_action_changed_in_one_tab_is_not_removed_from_another(
    world: World, skills_framework: Framework
) -> None:
    action = PlanAction.objects.create(person=world.staff, kind="learn", description="Take the searching course")
    client = client_for(world.staff)
    url = f"/skills/plan/{action.pk}/"
    first_tab, second_tab = opened(client, url), opened(client, url)
    assert client.post(url, action_data(first_tab, description="Take the appraisal course")).status_code == 302
    after_first = state()
    refused(client.post(url + "remove/", second_tab))
    assert state() == after_first
    assert post_from_page(client, url + "remove/", page=url).status_code == 302
    assert not PlanAction.objects.exists()


# --- Without a version ---------------------------------------------------------------------------


def test_a_form_without_its_version_is_a_bad_request_that_changes_nothing(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, finish=False)
    finished = take_assessment(world.colleague, skills_framework, {"1.1": (1, 3)})
    action = PlanAction.objects.create(person=world.staff, kind="learn", description="Take the searching course")
    client = client_for(world.staff)
    before = state()
    posts = [
        (
            f"/skills/assessments/{assessment.pk}/areas/1/",
            area_data(skills_framework, {}, s1_1={"current": "2", "target": "3"}),
        ),
        (f"/skills/assessments/{assessment.pk}/finish/", {"reflection": "Done"}),
        (f"/skills/plan/{action.pk}/", action_data({}, description="Changed")),
        (f"/skills/plan/{action.pk}/remove/", {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert "did not say which version of the record you were changing" in main_text(response.content), url
    colleague = client_for(world.colleague)
    response = colleague.post(f"/skills/assessments/{finished.pk}/sharing/", {"share": "yes"})
    assert response.status_code == 400
    assert "did not say which version" in main_text(response.content)
    assert state() == before


# --- The API -----------------------------------------------------------------------------------


def put(client: Client, path: str, body: Any) -> Any:
    return client.put(path, body, content_type="application/json")


def test_ratings_saved_by_two_api_clients_refuse_the_second_with_409_stale(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, finish=False)
    one, two = client_for(world.staff), client_for(world.staff)
    path = f"/api/v1/skills/assessments/{assessment.pk}"
    read_by_one, read_by_two = one.get(path).json(), two.get(path).json()
    version = {r["sub_area"]: r["edit_version"] for r in read_by_one["ratings"]}
    assert version == {r["sub_area"]: r["edit_version"] for r in read_by_two["ratings"]} == {"1.1": 1}

    ok = put(one, path + "/ratings", {"ratings": [{"sub_area": "1.1", "current": 2, "target": 3, "edit_version": 1}]})
    assert ok.status_code == 200
    after_first = state()
    stale = put(
        two,
        path + "/ratings",
        {"ratings": [
            {"sub_area": "1.2", "current": 0, "target": 2, "edit_version": 0},
            {"sub_area": "1.1", "current": 4, "target": 4, "edit_version": 1},
        ]},
    )  # fmt: skip

    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale"
    assert STALE in body["message"]
    assert {"field": "1.1 Literature searching: current level", "yours": "4", "saved": "2"} in body["changes"]
    assert state() == after_first  # not even 1.2

    fresh = {r["sub_area"]: r["edit_version"] for r in two.get(path).json()["ratings"]}
    again = put(
        two,
        path + "/ratings",
        {"ratings": [{"sub_area": "1.1", "current": 4, "target": 4, "edit_version": fresh["1.1"]}]},
    )
    assert again.status_code == 200


def test_finishing_through_two_api_clients_refuses_the_second_with_409_stale(
    world: World, skills_framework: Framework
) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, finish=False)
    one, two = client_for(world.staff), client_for(world.staff)
    path = f"/api/v1/skills/assessments/{assessment.pk}"
    version = one.get(path).json()["edit_version"]
    assert two.get(path).json()["edit_version"] == version
    finished = one.post(
        path + "/complete", {"reflection": "Searching first.", "edit_version": version}, content_type="application/json"
    )
    assert finished.status_code == 200
    after_first = state()

    stale = two.post(
        path + "/complete",
        {"reflection": "Teaching first.", "share_with_manager": True, "edit_version": version},
        content_type="application/json",
    )

    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    changes = {c["field"]: (c["yours"], c["saved"]) for c in stale.json()["changes"]}
    assert changes["Your reflection"] == ("Teaching first.", "Searching first.")
    assert changes["Shared with your service manager"] == ("Yes", "No")
    assert state() == after_first


def test_a_write_without_its_version_is_refused_by_the_api(world: World, skills_framework: Framework) -> None:
    assessment = take_assessment(world.staff, skills_framework, {"1.1": (1, 3)}, finish=False)
    client = client_for(world.staff)
    before = state()
    path = f"/api/v1/skills/assessments/{assessment.pk}"
    no_version = put(client, path + "/ratings", {"ratings": [{"sub_area": "1.1", "current": 2, "target": 3}]})
    finish = client.post(path + "/complete", {"reflection": "Done"}, content_type="application/json")
    for response in (no_version, finish):
        assert response.status_code == 422
        assert any(e["field"].endswith("edit_version") for e in response.json()["errors"])
    assert state() == before


def test_the_schema_declares_the_stale_answer_and_the_version_in_the_body() -> None:
    schema = api.get_openapi_schema()
    for path, method, body in (
        ("/api/v1/skills/assessments/{assessment_id}/ratings", "put", "RatingIn"),
        ("/api/v1/skills/assessments/{assessment_id}/complete", "post", "CompleteIn"),
    ):
        operation = schema["paths"][path][method]
        stale = operation["responses"][409]["content"]["application/json"]["schema"]["$ref"]
        assert stale.endswith("/StaleOut")
        assert "stale" in operation["description"]
        assert "edit_version" in schema["components"]["schemas"][body]["required"]
    assert set(schema["components"]["schemas"]["StaleOut"]["properties"]) == {"code", "message", "changes"}
