"""Tests for the staffing ratio policy calculations (pure; no database needed)."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lksworkforce.staffing.ratios import (
    AreaRatio,
    OrganisationRatio,
    OrganisationYear,
    RatioPolicy,
    RatioStatus,
    change_since,
    format_decimal_2,
    format_wte,
    from_hundredths,
    gap_wte,
    organisation_ratio,
    plan_trajectory,
    pool_area,
    pool_hundredths,
    ratio_label,
    ratio_status,
    staff_per_qualified,
    year_target_reached,
)

POLICY = RatioPolicy(target_staff_per_qualified=Decimal(1250), reference_average=Decimal(1730))
# Tolerance for comparing sums of separately rounded Decimal quotients.
PRECISION_TOLERANCE = Decimal("1e-18")

# WTE figures as stored: 2 decimal places, up to a large trust's workforce.
wte = st.decimals(min_value=0, max_value=100_000, places=2)
positive_wte = st.decimals(min_value=Decimal("0.01"), max_value=100_000, places=2)
positive_nhs_wte = st.decimals(min_value=1, max_value=100_000, places=2)
policies = st.builds(
    RatioPolicy,
    target_staff_per_qualified=st.decimals(min_value=100, max_value=5_000, places=0),
    reference_average=st.decimals(min_value=100, max_value=5_000, places=0),
)
growth_rates = st.decimals(min_value=Decimal("-0.2"), max_value=Decimal("0.2"), places=3)


def org(code: str, nhs: str | None, qualified: str | None) -> OrganisationRatio:
    return organisation_ratio(
        OrganisationYear(
            code=code,
            name=f"Trust {code}",
            nhs_wte=None if nhs is None else Decimal(nhs),
            qualified_wte=None if qualified is None else Decimal(qualified),
        ),
        POLICY,
    )


def area(*organisations: OrganisationRatio) -> AreaRatio:
    return pool_area("Y56", "London", organisations, POLICY)


# --- Examples with real numbers ----------------------------------------------------


def test_example_organisation_short_of_qualified_staff() -> None:
    result = org("RXL", "5000", "2.5")
    assert result.staff_per_qualified == Decimal(2000)
    assert result.ratio_label == "1:2,000"
    assert result.gap_wte == Decimal("1.5")
    assert result.status is RatioStatus.AT_OR_WORSE_THAN_AVERAGE
    assert result.status.label == "At or worse than average"
    assert result.meets_target is False


def test_example_label_truncates_national_average() -> None:
    assert ratio_label(Decimal("1730.99")) == "1:1,730"
    assert ratio_label(Decimal(1250)) == "1:1,250"
    assert ratio_label(None) == "no qualified staff"


def test_example_no_qualified_staff() -> None:
    result = org("RYJ", "8000", "0")
    assert result.staff_per_qualified is None
    assert result.ratio_label == "no qualified staff"
    assert result.status is RatioStatus.NO_QUALIFIED_STAFF
    assert result.gap_wte == Decimal("6.4")
    assert result.meets_target is False


@pytest.mark.parametrize(("nhs", "qualified"), [(None, "3"), ("5000", None), (None, None)])
def test_missing_figure_is_no_return_never_zero(nhs: str | None, qualified: str | None) -> None:
    result = org("RQM", nhs, qualified)
    assert result.status is RatioStatus.NO_RETURN
    assert result.status.label == "No return"
    assert result.staff_per_qualified is None
    assert result.gap_wte is None
    assert result.meets_target is None
    assert not result.has_figures


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        ("1249.99", RatioStatus.MEETS_TARGET),
        ("1250", RatioStatus.MEETS_TARGET),
        ("1250.01", RatioStatus.SHORT_OF_TARGET),
        ("1729.99", RatioStatus.SHORT_OF_TARGET),
        ("1730", RatioStatus.AT_OR_WORSE_THAN_AVERAGE),
        ("1730.01", RatioStatus.AT_OR_WORSE_THAN_AVERAGE),
    ],
)
def test_status_boundaries(ratio: str, status: RatioStatus) -> None:
    assert ratio_status(Decimal(ratio), POLICY) is status


def test_status_boundaries_from_figures() -> None:
    assert org("A", "12500", "10").status is RatioStatus.MEETS_TARGET
    assert org("A", "12500", "10").gap_wte == 0
    assert org("B", "17300", "10").status is RatioStatus.AT_OR_WORSE_THAN_AVERAGE
    assert org("C", "12500.1", "10").status is RatioStatus.SHORT_OF_TARGET


def test_pooled_ratio_is_not_the_mean_of_ratios() -> None:
    # 1:1,000 and 1:3,000: the mean would be 2,000; pooled it is 10,000 / 4 = 2,500.
    pooled = area(org("A", "1000", "1"), org("B", "9000", "3"))
    assert pooled.staff_per_qualified == Decimal(2500)
    assert pooled.ratio_label == "1:2,500"
    assert pooled.nhs_wte == Decimal(10000)
    assert pooled.qualified_wte == Decimal(4)


def test_surplus_does_not_offset_shortfall() -> None:
    # A: 1:500 (surplus); B: 1:2,500 needs 2 more. Pooled 1:1,250 would need none.
    pooled = area(org("A", "2500", "5"), org("B", "5000", "2"))
    assert pooled.status is RatioStatus.MEETS_TARGET
    assert pooled.gap_wte == Decimal(2)


def test_area_counts_missing_organisations_and_excludes_them() -> None:
    pooled = area(org("A", "5000", "2.5"), org("B", None, "4"), org("C", "9000", None))
    assert pooled.organisations_counted == 1
    assert pooled.organisations_missing == 2
    assert pooled.nhs_wte == Decimal(5000)
    assert pooled.gap_wte == Decimal("1.5")


def test_area_with_no_figures_is_no_return() -> None:
    pooled = area(org("A", None, None))
    assert pooled.status is RatioStatus.NO_RETURN
    assert pooled.nhs_wte is None
    assert pooled.gap_wte is None
    assert pooled.meets_target is None
    assert (pooled.organisations_counted, pooled.organisations_missing) == (0, 1)
    assert area().organisations_missing == 0


def test_change_since() -> None:
    assert change_since(Decimal(1800), Decimal(1700)) == Decimal(-100)
    assert change_since(None, Decimal(1700)) is None
    assert change_since(Decimal(1700), None) is None


def test_formatting() -> None:
    assert format_wte(Decimal("1234.565")) == "1,234.57"
    assert format_wte(Decimal("2.5")) == "2.50"
    assert format_wte(None) == "Not available"
    assert format_decimal_2(Decimal("1234.565")) == "1234.57"
    assert format_decimal_2(Decimal("-0.001")) == "0.00"
    assert format_decimal_2(None) == ""


def test_bad_values_raise() -> None:
    with pytest.raises(ValueError, match="negative"):
        staff_per_qualified(Decimal(-1), Decimal(1))
    with pytest.raises(ValueError, match="above zero"):
        RatioPolicy(target_staff_per_qualified=Decimal(0), reference_average=Decimal(1730))


def test_example_trajectory() -> None:
    # 10,000 NHS WTE, no growth: 8 qualified WTE needed; from 4, one more each year.
    steps = plan_trajectory(
        nhs_wte=Decimal(10000),
        qualified_wte=Decimal(4),
        start_year=2025,
        target_year=2029,
        nhs_growth_rate=Decimal(0),
        policy=POLICY,
    )
    assert [step.year for step in steps] == [2026, 2027, 2028, 2029]
    assert [step.qualified_wte_needed for step in steps] == [5, 6, 7, 8]
    assert all(step.increase_from_previous_year == 1 for step in steps)
    assert steps[-1].staff_per_qualified_if_met == Decimal(1250)


@pytest.mark.parametrize(
    ("start_year", "target_year", "growth", "message"),
    [
        (2025, 2025, "0", "must be after"),
        (2025, 2024, "0", "must be after"),
        (2025, 2030, "-1", "above -1"),
        (2025, 2030, "-1.5", "above -1"),
    ],
)
def test_trajectory_bad_inputs(start_year: int, target_year: int, growth: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan_trajectory(
            nhs_wte=Decimal(10000),
            qualified_wte=Decimal(4),
            start_year=start_year,
            target_year=target_year,
            nhs_growth_rate=Decimal(growth),
            policy=POLICY,
        )


def test_year_target_reached_examples() -> None:
    def reached(*rows: tuple[int, str, str], growth: str = "0") -> int | None:
        history = [(year, Decimal(nhs), Decimal(qualified)) for year, nhs, qualified in rows]
        return year_target_reached(history=history, nhs_growth_rate=Decimal(growth), policy=POLICY)

    # Already meeting: the latest year, even with a single year of history.
    assert reached((2023, "10000", "6"), (2024, "10000", "8")) == 2024
    assert reached((2024, "10000", "8")) == 2024
    # +1 qualified WTE a year from 6 to 8 needed: 2026.
    assert reached((2023, "10000", "5"), (2024, "10000", "6")) == 2026
    # Order of history rows does not matter.
    assert reached((2024, "10000", "6"), (2023, "10000", "5")) == 2026
    # Flat, declining, or too little history: not at this rate.
    assert reached((2023, "10000", "6"), (2024, "10000", "6")) is None
    assert reached((2023, "10000", "6"), (2024, "10000", "5")) is None
    assert reached((2024, "10000", "6")) is None
    assert reached() is None
    # Improving, but NHS growth outpaces it within the horizon.
    assert reached((2023, "10000", "5"), (2024, "10000", "5.01"), growth="0.05") is None
    with pytest.raises(ValueError, match="one row per year"):
        reached((2024, "10000", "5"), (2024, "10000", "6"))


# --- Properties ---------------------------------------------------------------------


@given(st.decimals(min_value=0, max_value=10**9, places=6))
def test_label_truncates_and_round_trips(value: Decimal) -> None:
    label = ratio_label(value)
    assert label.startswith("1:")
    whole = Decimal(label.removeprefix("1:").replace(",", ""))
    assert whole <= value < whole + 1


@given(nhs=wte, qualified=positive_wte)
def test_ratio_is_quotient(nhs: Decimal, qualified: Decimal) -> None:
    assert staff_per_qualified(nhs, qualified) == nhs / qualified
    assert staff_per_qualified(nhs, Decimal(0)) is None


@given(nhs=positive_nhs_wte, qualified=wte, policy=policies)
def test_gap_is_never_negative_and_zero_only_when_meeting(
    nhs: Decimal, qualified: Decimal, policy: RatioPolicy
) -> None:
    gap = gap_wte(nhs, qualified, policy)
    status = ratio_status(staff_per_qualified(nhs, qualified), policy)
    assert gap >= 0
    assert (gap == 0) == (status is RatioStatus.MEETS_TARGET)
    # Filling the gap meets the target.
    assert nhs / (qualified + gap) <= policy.target_staff_per_qualified + PRECISION_TOLERANCE


@given(ratio=st.decimals(min_value=0, max_value=10_000, places=2), policy=policies)
def test_status_follows_the_boundaries(ratio: Decimal, policy: RatioPolicy) -> None:
    status = ratio_status(ratio, policy)
    if ratio <= policy.target_staff_per_qualified:
        assert status is RatioStatus.MEETS_TARGET
    elif ratio >= policy.reference_average:
        assert status is RatioStatus.AT_OR_WORSE_THAN_AVERAGE
    else:
        assert status is RatioStatus.SHORT_OF_TARGET


organisation_years = st.builds(
    OrganisationYear,
    code=st.text(min_size=3, max_size=3),
    name=st.just("Trust"),
    nhs_wte=st.one_of(st.none(), wte),
    qualified_wte=st.one_of(st.none(), wte),
)


@given(years=st.lists(organisation_years, max_size=12), policy=policies)
def test_area_pools_totals_and_sums_gaps(years: list[OrganisationYear], policy: RatioPolicy) -> None:
    organisations = [organisation_ratio(year, policy) for year in years]
    pooled = pool_area("E", "England", organisations, policy)
    with_figures = [o for o in organisations if o.has_figures]
    assert pooled.organisations_counted == len(with_figures)
    assert pooled.organisations_missing == len(organisations) - len(with_figures)
    if not with_figures:
        assert pooled.status is RatioStatus.NO_RETURN
        assert pooled.gap_wte is None
        return
    total_nhs = sum((o.nhs_wte or Decimal(0) for o in with_figures), Decimal(0))
    total_qualified = sum((o.qualified_wte or Decimal(0) for o in with_figures), Decimal(0))
    assert pooled.nhs_wte == total_nhs
    assert pooled.qualified_wte == total_qualified
    assert pooled.staff_per_qualified == staff_per_qualified(total_nhs, total_qualified)
    assert pooled.status is ratio_status(pooled.staff_per_qualified, policy)
    assert pooled.gap_wte == sum((o.gap_wte or Decimal(0) for o in with_figures), Decimal(0))
    pooled_figures_gap = gap_wte(total_nhs, total_qualified, policy)
    assert pooled.gap_wte >= pooled_figures_gap - PRECISION_TOLERANCE


# Targets with pence, as policy data allows: most of them do not divide a WTE exactly, so the
# need is rounded up in its last significant digit.
uneven_policies = st.builds(
    RatioPolicy,
    target_staff_per_qualified=st.decimals(min_value=1, max_value=5_000, places=2),
    reference_average=st.decimals(min_value=1, max_value=5_000, places=2),
)
hundredths = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000_000))  # up to 100,000.00 WTE


@given(
    figures=st.lists(st.tuples(hundredths, hundredths), max_size=12),
    policy=st.one_of(policies, uneven_policies),
)
def test_pooling_from_hundredths_is_pooling_the_organisations_digit_for_digit(
    figures: list[tuple[int | None, int | None]], policy: RatioPolicy
) -> None:
    """A trend pools each year from whole hundredths, without each organisation's figures; it must
    show exactly what the year's own page shows, so the two agree to the last digit, not nearly."""
    organisations = [
        organisation_ratio(OrganisationYear("RXX", "Trust", from_hundredths(n), from_hundredths(q)), policy)
        for n, q in figures
    ]
    expected = pool_area("E", "England", organisations, policy)
    pooled = pool_hundredths("E", "England", figures, policy)
    assert pooled == expected
    for name in ("nhs_wte", "qualified_wte", "staff_per_qualified", "gap_wte"):
        assert str(getattr(pooled, name)) == str(getattr(expected, name))


def test_example_pooling_from_hundredths_with_a_target_that_does_not_divide() -> None:
    policy = RatioPolicy(Decimal("1234.56"), Decimal(1730))
    # 1,000.00 / 1,234.56 = 0.81000...; each gap is rounded up in its 28th digit, then summed.
    figures = [(100_000, 50), (100_000, 0), (250_000, None), (None, 100)]
    pooled = pool_hundredths("Y56", "London", figures, policy)
    gap = gap_wte(Decimal(1000), Decimal("0.5"), policy) + gap_wte(Decimal(1000), Decimal(0), policy)
    assert (pooled.nhs_wte, pooled.qualified_wte, pooled.gap_wte) == (Decimal(2000), Decimal("0.5"), gap)
    assert (pooled.organisations_counted, pooled.organisations_missing) == (2, 2)
    assert pooled.ratio_label == "1:4,000"
    with pytest.raises(ValueError, match="negative"):
        pool_hundredths("Y56", "London", [(-1, 0)], policy)


@given(
    nhs=positive_nhs_wte,
    qualified=wte,
    start_year=st.integers(min_value=2000, max_value=2100),
    years=st.integers(min_value=1, max_value=30),
    growth=growth_rates,
    policy=policies,
)
def test_trajectory_properties(
    nhs: Decimal,
    qualified: Decimal,
    start_year: int,
    years: int,
    growth: Decimal,
    policy: RatioPolicy,
) -> None:
    steps = plan_trajectory(
        nhs_wte=nhs,
        qualified_wte=qualified,
        start_year=start_year,
        target_year=start_year + years,
        nhs_growth_rate=growth,
        policy=policy,
    )
    assert len(steps) == years
    assert [step.year for step in steps] == list(range(start_year + 1, start_year + years + 1))
    last = steps[-1]
    assert last.staff_per_qualified_if_met is not None
    assert last.staff_per_qualified_if_met <= policy.target_staff_per_qualified
    needs = [qualified] + [step.qualified_wte_needed for step in steps]
    assert all(earlier <= later for earlier, later in itertools.pairwise(needs))
    increases = [step.increase_from_previous_year for step in steps]
    assert all(abs(increase - increases[0]) <= PRECISION_TOLERANCE for increase in increases)
    assert sum(increases, Decimal(0)) == last.qualified_wte_needed - qualified


@given(
    nhs=positive_nhs_wte,
    qualified=positive_wte,
    yearly_change=st.decimals(min_value=-5, max_value=5, places=2),
    growth=growth_rates,
    policy=policies,
)
def test_year_target_reached_properties(
    nhs: Decimal,
    qualified: Decimal,
    yearly_change: Decimal,
    growth: Decimal,
    policy: RatioPolicy,
) -> None:
    previous_qualified = qualified - yearly_change
    assume(previous_qualified >= 0)
    history = [(2023, nhs, previous_qualified), (2024, nhs, qualified)]
    year = year_target_reached(history=history, nhs_growth_rate=growth, policy=policy)
    already_meeting = nhs / qualified <= policy.target_staff_per_qualified
    if already_meeting:
        assert year == 2024
    elif yearly_change <= 0 and growth >= 0:
        assert year is None
    if year is not None and year > 2024:
        years_ahead = year - 2024

        def ratio_after(years: int) -> Decimal:
            return nhs * (1 + growth) ** years / (qualified + yearly_change * years)

        assert ratio_after(years_ahead) <= policy.target_staff_per_qualified
        assert ratio_after(years_ahead - 1) > policy.target_staff_per_qualified
