"""Recommendations for a person: ranked with their reasons on the page and over the API (the same
list), dismissing and adding to the plan, and a fixed number of queries whatever the catalogue."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from lksworkforce.core import capability
from lksworkforce.core.capability import NeedsInFocus
from lksworkforce.core.models import AuditEvent
from lksworkforce.learning.models import Dismissal, LearningRecord
from lksworkforce.learning.recommend import recommend, recommended_items
from lksworkforce.learning.selectors.recommendations import ranked_for
from lksworkforce.learning.vocabulary import Cost, ResourceStatus
from lksworkforce.skills.models import Assessment, PlanAction
from tests.conftest import World, client_for
from tests.learning.recommend_data import Catalogue, add_resource, catalogue_for


@pytest.fixture
def catalogue(world: World) -> Catalogue:
    return catalogue_for(world.staff)


def test_the_bigger_gap_comes_first_with_its_reasons(world: World, catalogue: Catalogue) -> None:
    add_resource("Appraisal basics", catalogue.appraisal)
    add_resource("Searching the literature", catalogue.searching, cost=Cost.FREE, length_minutes=45)
    add_resource("Teaching users", catalogue.teaching)  # no gap there: not recommended
    add_resource("Draft searching", catalogue.searching, status=ResourceStatus.DRAFT)
    found = recommend(world.staff, None, 10)
    assert [r.title for r in found] == ["Searching the literature", "Appraisal basics"]
    assert found[0].reasons == ("Because you rated 1.1 Our sub-area 1.1 at 0 and aim for 3", "Free, 45 minutes")
    assert found[0].score == 31.0  # 3 levels x 10, and free


def test_done_and_dismissed_resources_are_not_recommended(world: World, catalogue: Catalogue) -> None:
    done = add_resource("Done already", catalogue.searching)
    dismissed = add_resource("Not for me", catalogue.searching)
    add_resource("Still to do", catalogue.searching)
    LearningRecord.objects.create(person=world.staff, resource=done, title="Done", done_on=date(2026, 1, 1), minutes=30)
    Dismissal.objects.create(person=world.staff, resource=dismissed)
    assert [r.title for r in recommend(world.staff, None, 10)] == ["Still to do"]
    assert [r.title for r in recommend(world.colleague, None, 10)] == []  # no assessment, no survey: nothing


def test_the_survey_needs_of_the_region_count(
    world: World, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str | None] = []

    def needs(region: str | None) -> NeedsInFocus:
        asked.append(region)
        return NeedsInFocus(
            "LKS survey 2019", {catalogue.teaching.pk: "Teaching"}, {catalogue.teaching.pk: "Teaching"}, "London"
        )

    monkeypatch.setattr(capability, "needs_in_focus", needs)
    add_resource("Teaching users", catalogue.teaching)
    found = recommend(world.staff, None, 10)
    assert asked == ["London"]
    assert found[0].reasons[0] == (
        "1.3 Our sub-area 1.3 is in your region's (London) top ten needs in the LKS survey 2019 (Teaching)"
    )


def test_the_page_and_the_api_give_the_same_list(world: World, catalogue: Catalogue) -> None:
    add_resource("Appraisal basics", catalogue.appraisal)
    searching = add_resource("Searching the literature", catalogue.searching, band_from="2", band_to="4")
    client = client_for(world.staff)
    page = client.get("/learning/recommended/").content.decode()
    assert page.index("Searching the literature") < page.index("Appraisal basics")
    assert "Suits bands 2-4" in page
    body = client.get("/api/v1/learning/recommendations").json()
    assert [r["title"] for r in body] == ["Searching the literature", "Appraisal basics"]
    first = body[0]
    assert first["resource_id"] == searching.pk
    assert first["score"] == sum(r["points"] for r in first["reasons"])
    assert {"kind": "band_suits", "sub_area": None, "text": "Suits bands 2-4", "points": 2.0} in first["reasons"]
    assert first["reasons"][0]["sub_area"] == "1.1"


def test_the_sub_area_filter(world: World, catalogue: Catalogue) -> None:
    add_resource("Appraisal basics", catalogue.appraisal)
    add_resource("Searching the literature", catalogue.searching)
    client = client_for(world.staff)
    page = client.get(f"/learning/recommended/?sub_area={catalogue.appraisal.pk}").content.decode()
    assert "Appraisal basics" in page
    assert "Searching the literature" not in page
    assert "Showing learning for 1.2 Our sub-area 1.2" in page
    body = client.get(f"/api/v1/learning/recommendations?sub_area={catalogue.appraisal.pk}").json()
    assert [r["title"] for r in body] == ["Appraisal basics"]


@pytest.mark.parametrize("hostile", ["x", "-1", "9" * 40, "1\x00", "1.5"])
def test_a_bad_sub_area_shows_everything_and_says_so(world: World, catalogue: Catalogue, hostile: str) -> None:
    add_resource("Searching the literature", catalogue.searching)
    response = client_for(world.staff).get("/learning/recommended/", {"sub_area": hostile})
    assert response.status_code in {200, 400}  # 400: a character the middleware refuses
    if response.status_code == 200:
        assert "This page shows all your recommendations" in response.content.decode()
    api = client_for(world.staff).get("/api/v1/learning/recommendations", {"sub_area": hostile})
    assert api.status_code in {400, 422}


def test_dismiss_and_take_it_back(world: World, catalogue: Catalogue) -> None:
    resource = add_resource("Not for me", catalogue.searching)
    client = client_for(world.staff)
    response = client.post(f"/learning/recommended/{resource.pk}/dismiss/", {"next": "https://evil.invalid/"})
    assert response.status_code == 302
    assert response["Location"] == "/learning/recommended/"
    assert recommend(world.staff, None, 10) == []
    page = client.get("/learning/recommended/").content.decode()
    assert "Resources you asked not to be recommended" in page
    assert AuditEvent.objects.filter(action="learning.recommendation_dismissed").count() == 1
    client.post(f"/learning/recommended/{resource.pk}/undismiss/")
    assert [r.title for r in recommend(world.staff, None, 10)] == ["Not for me"]
    assert client.post("/learning/recommended/999999/dismiss/").status_code == 404


def test_dismiss_over_the_api(world: World, catalogue: Catalogue) -> None:
    resource = add_resource("Not for me", catalogue.searching)
    client = client_for(world.staff)
    assert client.post(f"/api/v1/learning/recommendations/{resource.pk}/dismiss").json() == {
        "resource_id": resource.pk,
        "dismissed": True,
    }
    assert client.post(f"/api/v1/learning/recommendations/{resource.pk}/dismiss").status_code == 200  # again: no change
    assert Dismissal.objects.filter(person=world.staff).count() == 1
    assert client.get("/api/v1/learning/recommendations").json() == []


def test_add_to_plan_in_one_step(world: World, catalogue: Catalogue) -> None:
    resource = add_resource("Searching the literature", catalogue.searching, catalogue.teaching)
    response = client_for(world.staff).post(f"/learning/recommended/{resource.pk}/plan/", {"next": "/skills/plan/"})
    assert response.status_code == 302
    assert response["Location"] == "/skills/plan/"
    action = PlanAction.objects.get(person=world.staff)
    assert action.description == "Do the learning resource: Searching the literature"
    assert action.resource_url == resource.url
    assert set(action.sub_areas.all()) == {catalogue.searching, catalogue.teaching}


def test_the_home_page_lists_a_few(world: World, catalogue: Catalogue) -> None:
    for n in range(5):
        add_resource(f"Searching {n}", catalogue.searching)
    items = recommended_items(world.staff)
    assert [i.text for i in items[:3]] == [
        "Recommended: Searching 0",
        "Recommended: Searching 1",
        "Recommended: Searching 2",
    ]
    assert items[0].hint == "Because you rated 1.1 Our sub-area 1.1 at 0 and aim for 3"
    assert items[-1].url == "/learning/recommended/"
    assert "Recommended: Searching 0" in client_for(world.staff).get("/").content.decode()


def test_the_queries_do_not_grow_with_the_catalogue(
    world: World, catalogue: Catalogue, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(3):
        add_resource(f"Small {n}", catalogue.searching)
    with CaptureQueriesContext(connection) as small:
        assert len(ranked_for(world.staff, None, 10).ranked) == 3
    for n in range(60):
        add_resource(f"Large {n}", catalogue.searching, catalogue.appraisal)
    with django_assert_num_queries(len(small)):
        assert len(ranked_for(world.staff, None, 10).ranked) == 10
    assert len(small) <= 12  # skills' standings, the region, the survey's needs, the weights, the candidates


def test_the_gaps_page_finds_learning_for_each_gap(world: World, catalogue: Catalogue) -> None:
    add_resource("Appraisal basics", catalogue.appraisal)
    add_resource("Searching the literature", catalogue.searching)
    assessment = Assessment.objects.get(person=world.staff, framework=catalogue.framework)
    page = client_for(world.staff).get(f"/skills/assessments/{assessment.pk}/gaps/").content.decode()
    assert "Find learning for your gaps" in page
    searching = page.index("1.1 Our sub-area 1.1</h3>")
    appraisal = page.index("1.2 Our sub-area 1.2</h3>")
    assert searching < page.index("Searching the literature") < appraisal < page.index("Appraisal basics")
    assert f"/learning/recommended/?sub_area={catalogue.appraisal.pk}" in page


def test_the_plan_page_offers_recommendations_to_add(world: World, catalogue: Catalogue) -> None:
    resource = add_resource("Searching the literature", catalogue.searching)
    page = client_for(world.staff).get("/skills/plan/").content.decode()
    assert "Recommended for your plan" in page
    assert f"/learning/recommended/{resource.pk}/plan/" in page
    assert "Recommended for your plan" not in client_for(world.colleague).get("/skills/plan/").content.decode()
