"""The coverage page, its CSV and the API: the latest closed survey's top needs, what published
resources teach them, how many suit each band group, and the needs with nothing on offer, which a
curator or the national team puts on the curators' queue once."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lksworkforce.core.models import AuditEvent
from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.offer import PER_SUB_AREA, on_offer
from lksworkforce.learning.vocabulary import ResourceStatus, SuggestionKind, SuggestionStatus
from lksworkforce.skills.models import SubArea
from tests.conftest import World, client_for
from tests.learning.coverage_world import closed_survey_with_needs, resource

API = "/api/v1/learning/coverage"
PAGE = "/learning/coverage/"


@pytest.fixture
def needs(world: World, tmp_path: Path) -> dict[str, SubArea]:
    """The survey's needs and the catalogue. A sub-area counts for its best-ranked need (core's
    `needs_in_focus`), so 3.1 is searching's and appraisal keeps 3.3: searching has four resources
    (three suit bands 1-4, two band 5 and above), appraisal three (two and two), impact only a draft."""
    sub_areas = closed_survey_with_needs(tmp_path)
    searching, appraisal, impact = sub_areas["3.1"], sub_areas["3.3"], sub_areas["11.2"]
    resource("Searching for assistants", searching, band_from="2", band_to="4")
    resource("Searching well", searching)
    resource("Searching and appraising", searching, appraisal, band_from="5")
    resource("Searching at work", searching, band_to="4")
    resource("Appraisal basics", appraisal, band_to="3")
    resource("Appraisal in depth", appraisal)
    resource("Impact draft", impact, status=ResourceStatus.DRAFT)
    return sub_areas


def by_need(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["need"]: n for n in body["needs"]}


def test_the_figures_on_the_api_the_page_and_the_csv_agree(world: World, needs: dict[str, SubArea]) -> None:
    client = client_for(world.curator)
    body: dict[str, Any] = client.get(API).json()
    assert body["scope"] == "England"
    assert body["min_resources"] == 3
    rows = by_need(body)
    assert set(rows) == {"Critical appraisal", "Literature searching", "Demonstrating value and impact"}
    appraisal = rows["Critical appraisal"]
    assert appraisal["sub_areas"] == ["3.3 Critical appraisal"]
    assert [r["title"] for r in appraisal["resources"]] == [
        "Appraisal basics", "Appraisal in depth", "Searching and appraising"
    ]  # fmt: skip
    assert appraisal["suitable"] == {"bands_1_4": 2, "band_5_up": 2}
    assert rows["Literature searching"]["suitable"] == {"bands_1_4": 3, "band_5_up": 2}
    assert rows["Demonstrating value and impact"]["nothing_on_offer"] is True  # a draft is not on offer
    assert body["no_offer"] == ["Demonstrating value and impact"]
    shares = {s["band_group"]: (s["share"], s["needs_met"]) for s in body["shares"]}
    assert shares == {"bands_1_4": (pytest.approx(1 / 3), 1), "band_5_up": (0.0, 0)}

    two = {s["band_group"]: s["needs_met"] for s in client.get(API, {"min_resources": 2}).json()["shares"]}
    assert two == {"bands_1_4": 2, "band_5_up": 2}

    page = client.get(PAGE).content.decode()
    assert "Share of the top needs with at least 3 suitable resources" in page
    assert "33% (1 of 3 needs)" in page
    assert "0% (0 of 3 needs)" in page
    assert "Searching and appraising" in page
    assert "Nothing on offer" in page
    assert "Put them on the curators&#39; queue" in page or "Put them on the curators' queue" in page

    exported = list(csv.DictReader(io.StringIO(client.get(PAGE, {"format": "csv"}).content.decode())))
    assert [(r["need"], r["resources"], r["suitable_bands_1_4"], r["suitable_band_5_up"]) for r in exported] == [
        (n["need"], str(len(n["resources"])), str(n["suitable"]["bands_1_4"]), str(n["suitable"]["band_5_up"]))
        for n in body["needs"]
    ]
    assert {r["need"]: r["at_least_n_bands_1_4"] for r in exported} == {
        "Demonstrating value and impact": "no", "Critical appraisal": "no", "Literature searching": "yes"
    }  # fmt: skip


def test_a_regions_top_needs(world: World, needs: dict[str, SubArea]) -> None:
    body = client_for(world.national).get(API, {"region": "London"}).json()
    assert body["scope"] == "London"
    assert set(by_need(body)) == {"Literature searching", "Demonstrating value and impact"}
    page = client_for(world.national).get(PAGE, {"region": "London"}).content.decode()
    assert "in London" in page


def test_bad_input_is_refused_or_bounded_never_a_failure(world: World, needs: dict[str, SubArea]) -> None:
    client = client_for(world.curator)
    for bad in ("0", "51", "x", "-1", "9" * 30):
        assert client.get(API, {"min_resources": bad}).status_code == 422, bad
        page = client.get(PAGE, {"min_resources": bad})
        assert page.status_code == 200, bad
    assert 'value="50"' in client.get(PAGE, {"min_resources": "51"}).content.decode()
    answer = client.get(API, {"region": "Atlantis"})
    assert answer.status_code == 422
    assert "Not a region's name" in answer.content.decode()
    assert client.get(PAGE, {"region": "Atlantis<script>"}).status_code == 200  # England instead
    assert client.get(PAGE, {"region": "Atlantis\x00"}).status_code == 400  # refused characters (core.middleware)
    assert client.get(PAGE, {"format": "docx"}).status_code == 404


def test_without_a_closed_survey_there_is_nothing_to_measure(world: World) -> None:
    client = client_for(world.curator)
    assert "No closed development needs survey ranks needs yet" in client.get(PAGE).content.decode()
    assert client.get(API).status_code == 404
    assert client.post(f"{PAGE}queue/").status_code == 302
    assert not Suggestion.objects.exists()


def test_needs_with_nothing_on_offer_go_on_the_queue_once(world: World, needs: dict[str, SubArea]) -> None:
    client = client_for(world.curator)
    answer = client.post(f"{PAGE}queue/", {"min_resources": "3"}, follow=True)
    assert "1 need is now on the curators" in answer.content.decode()
    queued = Suggestion.objects.get(kind=SuggestionKind.NO_OFFER)
    assert (queued.title, queued.status, queued.suggested_by) == (
        "Demonstrating value and impact",
        SuggestionStatus.WAITING,
        None,
    )
    assert "11.2 Advocacy and influencing" in queued.details
    assert AuditEvent.objects.filter(action="learning.suggestion.no_offer", object_id=str(queued.pk)).exists()

    again = client_for(world.national).post(f"{PAGE}queue/", follow=True)
    assert "Nothing was added" in again.content.decode()
    assert Suggestion.objects.filter(kind=SuggestionKind.NO_OFFER).count() == 1

    # Once a curator decides it, a need still with nothing on offer can come back.
    Suggestion.objects.filter(pk=queued.pk).update(status=SuggestionStatus.DECLINED)
    client.post(f"{PAGE}queue/")
    assert Suggestion.objects.filter(kind=SuggestionKind.NO_OFFER, status=SuggestionStatus.WAITING).count() == 1


def test_staff_see_no_coverage(world: World, needs: dict[str, SubArea]) -> None:
    for person in (world.staff, world.manager, world.regional_lead):
        client = client_for(person)
        assert client.get(PAGE).status_code == 403
        assert client.get(API).status_code == 403
        assert client.post(f"{PAGE}queue/").status_code == 403
    assert not Suggestion.objects.exists()


def test_the_offer_is_a_handful_of_published_resources_per_sub_area_in_one_query(
    world: World, needs: dict[str, SubArea]
) -> None:
    for n in range(PER_SUB_AREA + 2):
        resource(f"Z searching extra {n:02}", needs["3.1"])
    searching, appraisal, impact = needs["3.1"].pk, needs["3.3"].pk, needs["11.2"].pk
    with CaptureQueriesContext(connection) as queries:
        offered = on_offer([searching, appraisal, impact, 999_999])
    assert len(queries) == 1
    assert [item.title for item in offered[searching]] == [
        "Searching and appraising", "Searching at work", "Searching for assistants", "Searching well",
        "Z searching extra 00",
    ]  # fmt: skip
    assert [item.title for item in offered[appraisal]] == [
        "Appraisal basics", "Appraisal in depth", "Searching and appraising"
    ]  # fmt: skip
    assert impact not in offered  # only a draft teaches it
    assert {item.kind for items in offered.values() for item in items} == {"learning resource"}
    assert offered[searching][0].url.startswith("/learning/resources/")
    assert on_offer([]) == {}
