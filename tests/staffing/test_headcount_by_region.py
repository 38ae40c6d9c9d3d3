"""Each region's LKS headcount (staffing/headcount.py), as programmes' fair shares read it: the people
in post in the latest published returns of a year, counted as the return's staff breakdown counts
them, in the region each organisation belonged to that year; every current region; three queries."""

from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from lksworkforce.core import capability
from lksworkforce.organisations.models import Organisation, Region
from lksworkforce.staffing.headcount import lks_headcount_by_region
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus
from lksworkforce.staffing.selectors import staff_breakdown
from tests.conftest import YEAR, World
from tests.factories import OrganisationFactory, current_region, place_in_region


def a_return(organisation: Organisation, headcounts: list[int], **fields: object) -> LksReturn:
    fields.setdefault("status", ReturnStatus.PUBLISHED)
    fields.setdefault("is_counted", True)
    fields.setdefault("year", YEAR)
    lks_return = LksReturn.objects.create(organisation=organisation, **fields)
    for number, headcount in enumerate(headcounts):
        LksPost.objects.create(
            lks_return=lks_return,
            post_title=f"Post {number}",
            role="librarian",
            band="6",
            wte=Decimal("1.00"),
            qualification="chartered",
            headcount=headcount,
        )
    return lks_return


@pytest.fixture
def returns(world: World) -> list[LksReturn]:
    superseded = a_return(world.london_a, [9, 9], status=ReturnStatus.SUPERSEDED, is_counted=False)
    counted = [
        a_return(world.london_a, [1, 2], version=2, corrects=superseded),
        a_return(world.london_b, [1]),
        a_return(world.north_west, [1, 1]),
    ]
    a_return(world.north_west, [5], year=YEAR - 1)  # another year's
    no_region = OrganisationFactory.create(ods_code="RZZ", name="Nowhere NHS Trust")
    a_return(no_region, [4])  # no region that year: counted nowhere
    elsewhere = OrganisationFactory.create(ods_code="RZY", name="Moved NHS Trust")
    place_in_region(elsewhere, current_region("Y62"), YEAR - 1)
    place_in_region(elsewhere, current_region("Y56"), YEAR)
    counted.append(a_return(elsewhere, [2]))  # in London that year
    drafting = OrganisationFactory.create(ods_code="RZX", name="Drafting NHS Trust")
    place_in_region(drafting, current_region("Y56"), YEAR)
    a_return(drafting, [3], status=ReturnStatus.DRAFT, is_counted=False)
    return counted


def test_every_current_region_has_its_people_in_post_in_the_counted_returns(returns: list[LksReturn]) -> None:
    found = {row.code: row.headcount for row in lks_headcount_by_region(YEAR)}
    assert found["Y56"] == 3 + 1 + 2  # London: the correction, not the version it replaced; no draft
    assert found["Y62"] == 2  # North West: not last year's
    current = set(Region.objects.current().values_list("code", flat=True))
    assert set(found) == current
    assert all(found[code] == 0 for code in current - {"Y56", "Y62"})


def test_the_rows_come_in_region_code_order_with_the_regions_names(returns: list[LksReturn]) -> None:
    rows = lks_headcount_by_region(YEAR)
    assert [row.code for row in rows] == sorted(row.code for row in rows)
    london = next(row for row in rows if row.code == "Y56")
    assert london.name == current_region("Y56").name


def test_the_same_count_as_each_returns_staff_breakdown(returns: list[LksReturn]) -> None:
    london = [r for r in returns if r.organisation.ods_code in {"RAA", "RAB", "RZY"}]
    by_breakdown = sum(row["headcount"] for r in london for row in staff_breakdown(r, "band"))
    assert next(row for row in lks_headcount_by_region(YEAR) if row.code == "Y56").headcount == by_breakdown


def test_a_year_with_no_published_return_has_no_rows(returns: list[LksReturn]) -> None:
    assert lks_headcount_by_region(YEAR + 1) == []
    assert lks_headcount_by_region(YEAR - 1) != []


def test_other_apps_read_the_same_rows_through_the_extension_point(returns: list[LksReturn]) -> None:
    assert capability.lks_headcount(YEAR) == lks_headcount_by_region(YEAR)


def test_three_queries_whatever_the_number_of_organisations(
    returns: list[LksReturn], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(12):
        organisation = OrganisationFactory.create(ods_code=f"RQ{number:X}", name=f"More {number} NHS Trust")
        place_in_region(organisation, current_region("Y62"), YEAR)
        a_return(organisation, [1])
    with django_assert_num_queries(3):
        rows = lks_headcount_by_region(YEAR)
    assert next(row for row in rows if row.code == "Y62").headcount == 2 + 12


def test_each_region_s_people_are_split_by_band_group_and_organisation_type(world: World) -> None:
    a_return(world.london_a, [2, 1])  # acute, band 6
    a_return(world.london_b, [3])  # mental health, band 6
    nw = a_return(world.north_west, [1])  # community
    LksPost.objects.create(
        lks_return=nw, post_title="Assistant", role="library_assistant", band="3", wte=Decimal("0.50"),
        qualification="none", headcount=2,
    )  # fmt: skip
    found = {row.code: row for row in lks_headcount_by_region(YEAR)}
    assert dict(found["Y56"].by_band_group) == {"band_5_and_above": 6}
    assert dict(found["Y56"].by_organisation_type) == {"acute": 3, "mental_health": 3}
    assert dict(found["Y62"].by_band_group) == {"band_5_and_above": 1, "bands_1_to_4": 2}
    assert dict(found["Y62"].by_organisation_type) == {"community": 3}
    assert found["Y62"].headcount == 3
    assert found["Y58"].by_band_group == ()


def test_several_years_at_once_agree_with_each_year_alone_in_three_queries(
    returns: list[LksReturn], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    world_region = current_region("Y62")
    for year, people in ((YEAR - 2, [1, 1, 1]), (YEAR - 1, [4])):
        organisation = OrganisationFactory.create(ods_code=f"RY{year % 100}", name=f"Year {year} NHS Trust")
        place_in_region(organisation, world_region, year)
        a_return(organisation, people, year=year)
    years = [YEAR - 2, YEAR - 1, YEAR, YEAR + 1]
    with django_assert_num_queries(3):
        together = capability.lks_headcounts(years)
    assert sorted(together) == years
    for year in years:
        assert together[year] == lks_headcount_by_region(year)
    assert together[YEAR + 1] == []
    assert next(row for row in together[YEAR - 2] if row.code == "Y62").headcount == 3
    assert next(row for row in together[YEAR - 1] if row.code == "Y62").headcount == 4
