"""Learning records in aggregate: only closed years, small groups suppressed with complementary
suppression, a scope's page hiding what the page above it hides, and the privacy-over-time rule:
one person's new, changed or removed record moves no figure anyone else can read."""

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import LearningRecord
from lksworkforce.organisations.models import Organisation
from tests.conftest import YEAR, World, client_for
from tests.factories import OrganisationFactory, UserFactory, current_region, place_in_region
from tests.learning.records_support import framework, sub_area

pytestmark = pytest.mark.django_db
API = "/api/v1/learning/record-aggregates"


def last_year() -> int:
    return timezone.localdate().year - 1


def people(organisation: Organisation, count: int, band: str, *, sub: str = "1.1", minutes: int = 60) -> list[User]:
    made = []
    for _ in range(count):
        person = UserFactory.create(organisation=organisation, band=band)
        add_record(person, sub=sub, minutes=minutes)
        made.append(person)
    return made


def add_record(person: User, *, sub: str = "1.1", minutes: int = 60, on: date | None = None) -> LearningRecord:
    record = LearningRecord.objects.create(
        person=person,
        title="Learning",
        done_on=on or date(last_year(), 6, 1),
        minutes=minutes,
        organisation=person.organisation,
        band=person.band or "",
    )
    record.sub_areas.set([sub_area(sub)])
    return record


def figures(viewer: User, scope: str = "") -> dict[str, Any]:
    response = client_for(viewer).get(API, {"scope": scope} if scope else {})
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def table(body: dict[str, Any], dimension: str) -> dict[str, dict[str, Any]]:
    found = next(t for t in body["tables"] if t["dimension"] == dimension)
    return {row["key"]: row for row in found["rows"]}


@pytest.fixture
def midlands(world: World) -> Organisation:
    organisation = OrganisationFactory.create(ods_code="RCA", name="Delta Hospitals NHS Trust")
    place_in_region(organisation, current_region("Y60"), YEAR)
    return organisation


def test_only_whole_past_years_have_figures(world: World) -> None:
    framework()
    people(world.london_a, 6, "6")
    this_year = [add_record(p, on=timezone.localdate()) for p in people(world.london_b, 6, "6")]
    body = figures(world.national)
    assert body["years"] == [last_year()]
    assert body["year"] == last_year()
    assert body["total"]["people"] == 12  # this year's learning is not in last year's figures
    assert this_year
    assert "whole calendar years that have ended" in body["rule"]
    assert client_for(world.national).get(API, {"year": timezone.localdate().year}).status_code == 404


def test_small_groups_are_hidden_and_so_is_the_group_that_would_give_them_away(world: World) -> None:
    framework()
    people(world.london_a, 8, "6", minutes=90)
    people(world.london_a, 2, "3", sub="1.2")
    body = figures(world.national)
    assert body["total"] == {
        "key": "",
        "label": "England",
        "people": 10,
        "records": 10,
        "hours": 14.0,
        "suppressed": None,
    }
    bands = table(body, "band_group")
    assert bands["bands_1_to_4"] | {"key": "", "label": ""} == {
        "key": "",
        "label": "",
        "people": None,
        "records": None,
        "hours": None,
        "suppressed": "small_group",
    }
    # England's total less band 5 and above would give bands 1 to 4 away: it is hidden too.
    assert bands["band_5_and_above"]["people"] is None
    assert bands["band_5_and_above"]["suppressed"] == "protects_smaller_group"
    areas = table(body, "area")
    assert {row["label"]: row["people"] for row in areas.values()}.keys() == {"1. Finding evidence"}
    assert next(iter(areas.values()))["people"] == 10


def test_a_scope_under_the_threshold_shows_nothing(world: World) -> None:
    framework()
    people(world.north_west, 3, "6")
    body = figures(world.regional_lead)
    assert body["scope"] == "Y62"
    assert body["total"]["people"] is None
    assert body["total"]["suppressed"] == "small_group"
    assert all(row["people"] is None for t in body["tables"] for row in t["rows"])


def test_a_regions_page_hides_what_englands_page_by_region_would_give_away(
    world: World, midlands: Organisation
) -> None:
    framework()
    people(world.london_a, 8, "6")
    people(world.london_a, 2, "3")
    people(midlands, 6, "6")
    people(midlands, 6, "3")
    people(world.north_west, 6, "6")
    people(world.north_west, 1, "3")
    # Bands 1 to 4 by region: London 2, Midlands 6, North West 1. England's page shows the nation's
    # bands 1 to 4 (9); with London's and North West's hidden, the Midlands' 6 would give their 3 away.
    region = figures(world.national, "Y60")
    assert region["total"]["people"] == 12
    bands = table(region, "band_group")
    assert bands["bands_1_to_4"]["people"] is None
    assert bands["bands_1_to_4"]["suppressed"] == "protects_smaller_group"
    assert bands["band_5_and_above"]["people"] is None  # else the Midlands' total less it gives it away
    england = figures(world.national)
    assert table(england, "band_group")["bands_1_to_4"]["people"] == 9
    assert table(england, "region")[str(current_region("Y62").pk)]["people"] == 7


def test_a_managers_organisations_are_hidden_when_the_rest_of_the_region_is_small(world: World) -> None:
    framework()
    people(world.london_a, 7, "6")
    people(world.london_b, 2, "6")
    body = figures(world.manager)
    assert body["scope"] == "organisations"
    assert body["total"]["people"] is None  # London's page less RAA's would give RAB's 2 away
    assert body["total"]["suppressed"] == "protects_smaller_group"


def test_a_manager_sees_their_organisations_when_the_rest_of_the_region_is_not_small(world: World) -> None:
    framework()
    people(world.london_a, 7, "6")
    people(world.london_b, 5, "6")
    body = figures(world.manager)
    assert (body["total"]["people"], body["total"]["hours"]) == (7, 7.0)
    assert table(body, "band_group")["band_5_and_above"]["people"] == 7
    assert client_for(world.manager).get(API, {"scope": "Y56"}).status_code == 404
    assert client_for(world.staff).get(API).status_code == 403


def test_a_manager_of_an_organisation_in_no_region_sees_its_figures(world: World) -> None:
    from lksworkforce.accounts.people import Role
    from tests.factories import grant

    framework()
    unplaced = OrganisationFactory.create(ods_code="RZZ", name="Zeta Unplaced NHS Trust")
    people(unplaced, 6, "6")
    manager = grant(UserFactory.create(organisation=unplaced, band="8a"), Role.SERVICE_MANAGER, organisation=unplaced)
    assert figures(manager)["total"]["people"] == 6
    assert table(figures(world.national), "region")[""]["label"] == "No region"


def _every_figure(world: World, overseers: list[tuple[User, str]]) -> list[dict[str, Any]]:
    return [figures(viewer, scope) for viewer, scope in overseers]


def test_one_persons_new_changed_or_removed_record_moves_no_figure_anyone_can_read(
    world: World, midlands: Organisation
) -> None:
    framework()
    london = people(world.london_a, 8, "6") + people(world.london_b, 6, "3", sub="2.1")
    people(midlands, 7, "6", sub="1.2")
    people(world.north_west, 5, "6")
    overseers = [
        (world.national, "england"),
        (world.national, "Y56"),
        (world.national, "Y60"),
        (world.national, "Y62"),
        (world.regional_lead, "Y62"),
        (world.manager, "organisations"),
    ]
    before = _every_figure(world, overseers)
    assert before[0]["total"]["people"] == 26
    # One person records more learning in the frozen year, another changes theirs, a third removes
    # theirs; a fourth records learning today.
    add_record(london[0], sub="3.1", minutes=600)
    LearningRecord.objects.filter(person=london[1]).update(minutes=900)
    LearningRecord.objects.filter(person=london[2]).delete()
    add_record(world.staff, on=timezone.localdate())
    after = _every_figure(world, overseers)
    assert after == before


def test_pages_show_the_rule_and_the_same_figures_as_the_api(world: World) -> None:
    framework()
    people(world.london_a, 8, "6", minutes=45)
    people(world.london_a, 2, "3")
    page = client_for(world.national).get("/learning/records/aggregates/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "fixed the first time they are shown after the year ends" in text
    assert "8.0" in text or "8" in text
    assert "fewer than 5" in text
    assert "Not shown, to protect a smaller group" in text
    assert client_for(world.staff).get("/learning/records/aggregates/").status_code == 403
    assert client_for(world.national).get("/learning/records/aggregates/", {"scope": "nowhere"}).status_code == 404
    assert client_for(world.manager).get("/learning/records/aggregates/", {"scope": "england"}).status_code == 404
    assert client_for(world.national).get("/learning/records/aggregates/", {"year": "x"}).status_code == 404
