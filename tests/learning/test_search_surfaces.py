"""The search page and GET /api/v1/learning/search: the same results, facets and correction, links to
each resource's page, helpful empty and no-result states, and hostile input never failing."""

import pytest
from django.urls import reverse

from lksworkforce.learning.vocabulary import ResourceStatus
from tests.conftest import World, client_for
from tests.learning.search_catalogue import Catalogue, catalogue, make_resource

pytestmark = pytest.mark.django_db
PAGE = "/learning/search/"
API = "/api/v1/learning/search"


@pytest.fixture
def books(world: World) -> Catalogue:
    return catalogue()


def test_the_page_finds_ranks_and_links_each_resource(world: World, books: Catalogue) -> None:
    response = client_for(world.staff).get(PAGE, {"q": "literature searches"})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("learning:resource", args=[books.searching.pk]) in html
    assert html.index("Literature searching</a>") < html.index("Supporting clinical teams</a>")
    assert "3 resources found" in html
    assert "E-learning (2)" in html  # the kind facet, counted over this search
    assert "Literature searching, advanced (draft)" not in html


def test_the_page_says_what_it_corrected(world: World, books: Catalogue) -> None:
    html = client_for(world.staff).get(PAGE, {"q": "critcal apraisal"}).content.decode()
    assert "Did you mean <strong>critical appraisal</strong>?" in html
    assert "Critical appraisal of research papers" in html


def test_the_empty_search_lists_everything_and_no_results_helps(world: World, books: Catalogue) -> None:
    client = client_for(world.staff)
    assert "All 5 resources" in client.get(PAGE).content.decode()
    html = client.get(PAGE, {"q": "literature", "kind": "podcast"}).content.decode()
    assert "No resources found" in html
    assert "search without the filters" in html


def test_the_page_narrows_by_facets(world: World, books: Catalogue) -> None:
    html = client_for(world.staff).get(PAGE, {"q": "literature", "cost": "paid"}).content.decode()
    assert "1 resource found" in html
    assert "Costing and pricing a service" in html
    assert "Clear the filters" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"((NEAR* ^'},
        {"q": "x" * 50_000},
        {"kind": "spaceship", "band": "99", "cost": "?", "max_minutes": "1e9", "sub_area": "-1", "page": "²"},
        {"topic": "no-such-topic"},
        {"topic": "t" * 500},
        {"page": "99999999999999999999999"},
    ],
)
def test_hostile_input_on_the_page_is_answered_not_failed(
    world: World, books: Catalogue, params: dict[str, str]
) -> None:
    response = client_for(world.staff).get(PAGE, params)
    assert response.status_code == 200


def test_nul_is_refused_with_a_clear_400(world: World, books: Catalogue) -> None:
    assert client_for(world.staff).get(PAGE, {"q": "lit\x00erature"}).status_code == 400


def test_bad_filters_are_listed_on_the_page(world: World, books: Catalogue) -> None:
    html = client_for(world.staff).get(PAGE, {"kind": "spaceship", "topic": "nope"}).content.decode()
    assert "There is a problem" in html
    assert "Choose a kind from the list" in html
    assert "There is no such topic" in html


def test_the_api_gives_the_same_results_facets_and_correction(world: World, books: Catalogue) -> None:
    body = client_for(world.staff).get(API, {"q": "critcal apraisal"}).json()
    assert body["corrected"] is True
    assert body["did_you_mean"] == "critical appraisal"
    assert body["total"] == 1
    result = body["results"][0]
    assert result["title"] == "Critical appraisal of research papers"
    assert result["href"] == reverse("learning:resource", args=[books.appraisal.pk])
    assert result["length_minutes"] == 90
    assert result["title_match"] is True
    facets = {facet["key"]: facet for facet in body["facets"]}
    assert facets["sub_area"]["options"] == [
        {"value": str(books.critical_appraisal.pk), "label": "3.8 Critical appraisal", "count": 1, "selected": False}
    ]


def test_the_api_narrows_and_counts(world: World, books: Catalogue) -> None:
    body = client_for(world.staff).get(API, {"q": "literature", "cost": "free"}).json()
    assert body["total"] == 2
    cost = next(f for f in body["facets"] if f["key"] == "cost")
    assert {o["value"]: (o["count"], o["selected"]) for o in cost["options"]} == {"free": (2, True), "paid": (1, False)}


def test_the_api_refuses_bad_filters_with_every_problem(world: World, books: Catalogue) -> None:
    response = client_for(world.staff).get(API, {"kind": "spaceship", "per_page": "1000"})
    assert response.status_code == 422
    fields = [error["field"] for error in response.json()["errors"]]
    assert fields == ["kind", "per_page"]
    assert client_for(world.staff).get(API, {"topic": "nope"}).status_code == 422


def test_the_api_answers_hostile_queries(world: World, books: Catalogue) -> None:
    for q in ['"', "NEAR(a b)", "*", "^x", "((", "x" * 20_000]:
        assert client_for(world.staff).get(API, {"q": q}).status_code == 200


def test_retired_resources_leave_the_api_results(world: World, books: Catalogue) -> None:
    retired = make_resource("Evidence briefings", status=ResourceStatus.PUBLISHED)
    client = client_for(world.staff)
    assert client.get(API, {"q": "briefings"}).json()["total"] == 1
    retired.status = ResourceStatus.RETIRED
    retired.save()
    assert client.get(API, {"q": "briefings"}).json()["total"] == 0
