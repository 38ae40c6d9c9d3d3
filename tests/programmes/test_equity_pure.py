"""The equity figures' pure rules (programmes/equity.py): suppression of every count shown, rates per
100 LKS staff, the highest-to-lowest ratio (and when it is not defined) and its trend."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.core.disclosure import Suppressed
from lksworkforce.programmes import equity

THRESHOLD = 5
sizes = st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 40), min_size=1)


@given(sizes)
def test_no_count_under_the_threshold_is_shown_and_the_total_gives_nobody_away(groups: dict[str, int]) -> None:
    counts = equity.counted(groups, THRESHOLD)
    for count in counts.values():
        if not count.hidden:
            assert count.size == 0 or count.size >= THRESHOLD
    hidden = [c.size for c in counts.values() if c.hidden and c.size]
    # The total less the shown groups is what is hidden: nobody, or the threshold over two groups or
    # more; or everything, when the total itself is under the threshold and hidden too.
    everyone = equity.total(groups.values(), THRESHOLD)
    assert sum(hidden) == 0 or (sum(hidden) >= THRESHOLD and len(hidden) >= 2) or everyone.hidden


@given(sizes)
def test_groups_of_nobody_are_shown_as_0(groups: dict[str, int]) -> None:
    counts = equity.counted(groups, THRESHOLD)
    assert all(not c.hidden and c.shown == 0 for c in counts.values() if c.size == 0)


@given(st.dictionaries(st.sampled_from("ABCDE"), st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1))
def test_a_part_is_shown_only_when_it_and_the_rest_of_its_group_are_at_least_the_threshold(
    groups: dict[str, tuple[int, int]],
) -> None:
    wholes = equity.counted({k: part + rest for k, (part, rest) in groups.items()}, THRESHOLD)
    parts = equity.part_of({k: part for k, (part, _) in groups.items()}, wholes, THRESHOLD)
    for key, count in parts.items():
        part, rest = groups[key]
        if not count.hidden and part + rest > 0:
            assert part >= THRESHOLD
            assert rest >= THRESHOLD
            assert not wholes[key].hidden
    hidden = [c.size for c in parts.values() if c.hidden and c.size]
    all_parts = sum(part for part, _ in groups.values())
    everyone = equity.total([part + rest for part, rest in groups.values()], THRESHOLD)
    parts_total = equity.part_of_total(all_parts, everyone, THRESHOLD, parts.values())
    assert sum(hidden) == 0 or (sum(hidden) >= THRESHOLD and len(hidden) >= 2) or parts_total.hidden
    if not parts_total.hidden and everyone.size:
        assert all_parts >= THRESHOLD
        assert everyone.size - all_parts >= THRESHOLD


@given(st.integers(0, 5_000), st.integers(1, 5_000))
def test_a_rate_per_100_staff_times_the_staff_gives_the_people_back(people: int, staff: int) -> None:
    rate = equity.per_100(people, staff)
    assert rate is not None
    assert rate * staff / 100 == Decimal(people) or abs(rate * staff / 100 - people) < Decimal("1e-20")


def test_no_rate_without_staff_to_rate_against() -> None:
    assert equity.per_100(3, 0) is None
    assert equity.per_100(3, None) is None


def _rates(people: dict[str, int], staff: dict[str, int]) -> list[equity.Rate]:
    counts = equity.counted(people, THRESHOLD)
    return [equity.Rate(k, f"Region {k}", staff.get(k), counts[k]) for k in people]


@given(st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 60), min_size=2), st.integers(50, 900))
def test_the_ratio_is_the_highest_rate_over_the_lowest_or_says_why_not(people: dict[str, int], staff: int) -> None:
    rates = _rates(people, dict.fromkeys(people, staff))
    ratio = equity.highest_to_lowest(2025, rates)
    if any(r.participants.hidden for r in rates):
        assert ratio.value is None
        assert ratio.undefined is equity.RatioUndefined.SUPPRESSED
    elif min(people.values()) == 0:
        assert ratio.value is None
        assert ratio.undefined is equity.RatioUndefined.LOWEST_IS_ZERO
    else:
        exact = Decimal(max(people.values())) / Decimal(min(people.values()))
        assert ratio.value is not None
        assert abs(ratio.value - exact) < Decimal("1e-20")
        assert ratio.value >= 1


def test_the_ratio_names_the_regions_and_leaves_out_those_without_staff() -> None:
    rates = _rates({"A": 10, "B": 20, "C": 5}, {"A": 100, "B": 100})  # C has no staff in published returns
    ratio = equity.highest_to_lowest(2025, rates)
    assert ratio.value == 2
    assert (ratio.highest, ratio.lowest) == ("Region B", "Region A")
    assert equity.highest_to_lowest(2025, rates[:1]).undefined is equity.RatioUndefined.TOO_FEW_REGIONS


def test_a_hidden_region_makes_the_ratio_undefined_rather_than_giving_its_rate_away() -> None:
    rates = _rates({"A": 10, "B": 20, "C": 3}, {"A": 100, "B": 100, "C": 100})
    assert rates[2].participants.reason is Suppressed.SMALL_GROUP
    assert rates[2].per_100 is None
    ratio = equity.highest_to_lowest(2025, rates)
    assert ratio.value is None
    assert "cannot be said without giving it away" in equity.RatioUndefined.SUPPRESSED.sentence


def _ratio(year: int, value: str | None) -> equity.Ratio:
    return equity.Ratio(year, Decimal(value) if value else None)


@given(st.lists(st.one_of(st.none(), st.decimals("1", "9", places=2)), min_size=1, max_size=6))
def test_the_trend_compares_this_year_with_the_last_year_that_had_a_ratio(values: list[Decimal | None]) -> None:
    series = [equity.Ratio(2020 + i, v) for i, v in enumerate(values)]
    direction = equity.trend(series)
    earlier = [r for r in series[:-1] if r.value is not None]
    if values[-1] is None or not earlier:
        assert direction.trend is equity.Trend.UNKNOWN
        return
    assert direction.since == earlier[-1].year
    before = earlier[-1].value
    assert before is not None
    expected = (
        equity.Trend.STEADY
        if values[-1] == before
        else equity.Trend.NARROWING
        if values[-1] < before
        else equity.Trend.WIDENING
    )
    assert direction.trend is expected


def test_the_trend_says_narrowing_and_since_when() -> None:
    direction = equity.trend([_ratio(2022, "3.1"), _ratio(2023, None), _ratio(2024, "2.5")])
    assert direction.trend is equity.Trend.NARROWING
    assert direction.sentence.endswith("2022.")


def test_a_table_total_under_the_threshold_is_hidden_but_nobody_is_shown() -> None:
    assert equity.total([1, 2], THRESHOLD).hidden
    assert not equity.total([0], THRESHOLD).hidden
    assert equity.total([3, 4], THRESHOLD).label == "7"
    assert equity.total([3], THRESHOLD).label == "fewer than 5"
