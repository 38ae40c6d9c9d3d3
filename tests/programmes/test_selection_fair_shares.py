"""Regional fair shares (programmes/fair_shares.py): places sum to N, adding a place never takes one
from a region, more headcount never means fewer places (minimums aside), the same answer every
time, and hand-worked examples a person can check."""

from decimal import Decimal
from fractions import Fraction
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.programmes.fair_shares import RegionDemand, RegionShare, fair_shares

CODES = [f"Y{number:02d}" for number in range(60, 72)]


@st.composite
def region_lists(draw: st.DrawFn, *, all_applying: bool = False) -> list[RegionDemand]:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=9, unique=True))
    return [
        RegionDemand(
            code=code,
            name=f"Region {code}",
            lks_headcount=draw(st.integers(0, 400)),
            has_applicants=True if all_applying else draw(st.booleans()),
        )
        for code in codes
    ]


PLACES = st.integers(0, 120)
MINIMUM = st.integers(0, 4)


def by_code(rows: list[RegionShare]) -> dict[str, int]:
    return {row.code: row.places for row in rows}


def demand(code: str, headcount: int, *, applying: bool = True) -> RegionDemand:
    return RegionDemand(code=code, name=f"Region {code}", lks_headcount=headcount, has_applicants=applying)


@given(PLACES, region_lists(), MINIMUM)
def test_the_places_add_up_to_those_offered_one_row_per_region_in_code_order(
    places: int, regions: list[RegionDemand], minimum: int
) -> None:
    rows = fair_shares(places, regions, min_per_region=minimum)
    assert sum(row.places for row in rows) == places
    assert [row.code for row in rows] == sorted(region.code for region in regions)
    assert all(row.places >= 0 for row in rows)


@given(PLACES, region_lists(), MINIMUM)
def test_adding_a_place_never_takes_one_from_a_region(places: int, regions: list[RegionDemand], minimum: int) -> None:
    before = by_code(fair_shares(places, regions, min_per_region=minimum))
    after = by_code(fair_shares(places + 1, regions, min_per_region=minimum))
    assert all(after[code] >= before[code] for code in before)
    assert sum(after.values()) - sum(before.values()) == 1


@given(PLACES, region_lists(all_applying=True), MINIMUM)
def test_a_region_with_more_headcount_never_gets_fewer_places(
    places: int, regions: list[RegionDemand], minimum: int
) -> None:
    rows = fair_shares(places, regions, min_per_region=minimum)
    for larger in rows:
        for smaller in rows:
            if larger.lks_headcount > smaller.lks_headcount:
                assert larger.places >= smaller.places, (larger, smaller)


@given(PLACES, region_lists())
def test_without_minimums_more_headcount_never_means_fewer_places_whoever_applied(
    places: int, regions: list[RegionDemand]
) -> None:
    rows = fair_shares(places, regions, min_per_region=0)
    for larger in rows:
        for smaller in rows:
            if larger.lks_headcount > smaller.lks_headcount:
                assert larger.places >= smaller.places


@given(PLACES, region_lists(), MINIMUM, st.randoms())
def test_the_same_answer_every_time_whatever_order_the_regions_come_in(
    places: int, regions: list[RegionDemand], minimum: int, shuffler: Random
) -> None:
    shuffled = list(regions)
    shuffler.shuffle(shuffled)
    assert fair_shares(places, shuffled, min_per_region=minimum) == fair_shares(places, regions, min_per_region=minimum)


@given(PLACES, region_lists(), MINIMUM)
def test_every_region_with_applicants_has_its_minimum_when_the_places_allow(
    places: int, regions: list[RegionDemand], minimum: int
) -> None:
    rows = fair_shares(places, regions, min_per_region=minimum)
    applying = {region.code for region in regions if region.has_applicants}
    if places >= minimum * len(applying):
        assert all(row.places >= minimum for row in rows if row.code in applying)
    else:  # too few places: they all go to regions short of their minimum, none beyond it
        assert all(row.places <= minimum for row in rows)
        assert all(row.places == 0 for row in rows if row.code not in applying)


@given(PLACES, region_lists())
def test_the_exact_share_is_places_times_headcount_over_the_total(places: int, regions: list[RegionDemand]) -> None:
    rows = fair_shares(places, regions)
    total = sum(region.lks_headcount for region in regions)
    for row in rows:
        expected = Fraction(places * row.lks_headcount, total) if total else Fraction(places, len(regions))
        assert abs(Fraction(row.exact_share) - expected) < Fraction(1, 10**20)


@given(st.integers(1, 120), region_lists())
def test_a_region_nobody_works_in_gets_nothing_but_its_minimum(places: int, regions: list[RegionDemand]) -> None:
    rows = fair_shares(places, regions, min_per_region=1)
    if any(region.lks_headcount for region in regions):
        for row, region in zip(rows, sorted(regions, key=lambda region: region.code), strict=True):
            if region.lks_headcount == 0:
                assert row.places <= (1 if region.has_applicants else 0)


def test_ten_places_among_headcounts_50_30_20_give_5_3_2() -> None:
    # Exact shares 5, 3 and 2: nothing to round.
    rows = fair_shares(10, [demand("Y60", 50), demand("Y61", 30), demand("Y62", 20)])
    assert [(row.code, row.exact_share, row.places) for row in rows] == [
        ("Y60", Decimal(5), 5),
        ("Y61", Decimal(3), 3),
        ("Y62", Decimal(2), 2),
    ]


def test_the_largest_remainder_takes_the_last_place() -> None:
    # 7 places, headcounts 60/25/15: exact shares 4.2, 1.75, 1.05; minimums of 1 are met on the way;
    # the rounded-down 4 + 1 + 1 leave one place, which goes to the largest remainder (0.75, Y61).
    rows = fair_shares(7, [demand("Y60", 60), demand("Y61", 25), demand("Y62", 15)])
    assert by_code(rows) == {"Y60": 4, "Y61": 2, "Y62": 1}
    assert [row.exact_share for row in rows] == [Decimal("4.2"), Decimal("1.75"), Decimal("1.05")]


def test_a_tied_remainder_goes_to_the_region_with_fewer_places_then_the_lower_code() -> None:
    # Equal headcounts: one place each in code order, then the leftover to the lowest code.
    assert by_code(fair_shares(4, [demand("Y62", 10), demand("Y60", 10), demand("Y61", 10)])) == {
        "Y60": 2,
        "Y61": 1,
        "Y62": 1,
    }


def test_the_minimum_lifts_a_small_region_with_applicants_and_not_one_without() -> None:
    regions = [demand("Y60", 900), demand("Y61", 90), demand("Y62", 10), demand("Y63", 5, applying=False)]
    assert by_code(fair_shares(10, regions, min_per_region=1)) == {"Y60": 8, "Y61": 1, "Y62": 1, "Y63": 0}
    assert by_code(fair_shares(10, regions, min_per_region=2)) == {"Y60": 6, "Y61": 2, "Y62": 2, "Y63": 0}
    assert by_code(fair_shares(10, regions, min_per_region=0)) == {"Y60": 9, "Y61": 1, "Y62": 0, "Y63": 0}


def test_too_few_places_for_every_minimum_go_to_the_largest_regions_first() -> None:
    regions = [demand(code, headcount) for code, headcount in zip(CODES, [10, 70, 40, 20, 60, 30, 50], strict=False)]
    got = by_code(fair_shares(5, regions))
    assert got == {"Y60": 0, "Y61": 1, "Y62": 1, "Y63": 0, "Y64": 1, "Y65": 1, "Y66": 1}


def test_nobody_in_post_anywhere_shares_the_places_equally() -> None:
    rows = fair_shares(7, [demand("Y60", 0), demand("Y61", 0), demand("Y62", 0)], min_per_region=0)
    assert by_code(rows) == {"Y60": 3, "Y61": 2, "Y62": 2}
    assert all(row.exact_share == Decimal(7) / Decimal(3) for row in rows)


def test_no_places_give_every_region_none() -> None:
    assert by_code(fair_shares(0, [demand("Y60", 10), demand("Y61", 5)])) == {"Y60": 0, "Y61": 0}


def test_where_classic_largest_remainder_would_take_a_place_away_none_is_taken() -> None:
    # The Alabama paradox: with headcounts 6, 6 and 2, classic largest remainder gives 4, 4, 2 for
    # 10 places but 5, 5, 1 for 11 (the third region loses a place when a place is added).
    # One place at a time, the eleventh goes to the first region and nobody loses one.
    regions = [demand("Y60", 6), demand("Y61", 6), demand("Y62", 2)]
    assert by_code(fair_shares(10, regions, min_per_region=0)) == {"Y60": 4, "Y61": 4, "Y62": 2}
    assert by_code(fair_shares(11, regions, min_per_region=0)) == {"Y60": 5, "Y61": 4, "Y62": 2}


def test_a_minimum_counts_towards_a_share_not_on_top_of_it() -> None:
    # 10 places, headcounts 900/90/10: exact shares 8.96, 0.90, 0.10. The small region's minimum
    # is its place; the rest follow the exact shares of all 10 places (8 and 1), not of the 8 left.
    assert by_code(fair_shares(10, [demand("Y60", 900), demand("Y61", 90), demand("Y62", 10)])) == {
        "Y60": 8,
        "Y61": 1,
        "Y62": 1,
    }


@pytest.mark.parametrize(
    ("places", "regions", "minimum", "message"),
    [
        (-1, [demand("Y60", 1)], 1, "number of places must be a whole number"),
        (True, [demand("Y60", 1)], 1, "number of places must be a whole number"),
        (3, [demand("Y60", 1)], -1, "minimum places per region"),
        (3, [], 1, "no regions"),
        (3, [demand("Y60", 1), demand("Y60", 2)], 1, "appears more than once"),
        (3, [demand(" ", 1)], 1, "has no code"),
        (3, [demand("Y60", -4)], 1, "LKS headcount must be a whole number"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(
    places: int, regions: list[RegionDemand], minimum: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        fair_shares(places, regions, min_per_region=minimum)
