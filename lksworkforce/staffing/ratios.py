"""Staffing ratio policy: NHS staff WTE served per WTE of qualified LKS staff.

Pure calculations (standard library only) so the rules can be tested without Django.
Callers load the policy values from the database and pass them in.

Rules (DOMAIN.md section 1, DESIGN.md "Numbers"):
- The ratio is NHS WTE / qualified WTE, kept at full Decimal precision and only
  truncated when displayed as ``1:N``.
- Boundaries: a ratio equal to the target MEETS it ("at least 1 qualified per 1,250");
  a ratio equal to the reference average is AT OR WORSE than the average.
- An area pools its organisations (total / total); its gap is the sum of the
  organisations' gaps, so one organisation's surplus never hides another's shortfall.
- A missing figure (no LKS return, no census figure) is missing, never zero.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Context, Decimal
from enum import StrEnum

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDREDTHS = Decimal("0.01")
NO_QUALIFIED_STAFF_LABEL = "no qualified staff"
NO_RETURN_LABEL = "no return"
NOT_AVAILABLE = "Not available"
# Dividing for a need rounds up, at Decimal's default precision of 28 digits. One fixed context,
# rather than a copy of the caller's for every division: the same result, several times faster
# (an area's gap is the sum of every organisation's, year after year for a trend).
_ROUND_UP = Context(prec=28, rounding=ROUND_CEILING)


@dataclass(frozen=True, slots=True)
class RatioPolicy:
    """The policy values in force for a period, e.g. target 1250 and average 1730.

    Both are "NHS staff WTE per qualified WTE"; lower is better.
    """

    target_staff_per_qualified: Decimal
    reference_average: Decimal

    def __post_init__(self) -> None:
        # Division by the target must be meaningful.
        if self.target_staff_per_qualified <= ZERO or self.reference_average <= ZERO:
            raise ValueError("The target ratio and the reference average must be above zero.")


class RatioStatus(StrEnum):
    """Where a ratio stands against the policy.

    If a policy ever sets the target at or above the average, meeting the target wins.
    """

    MEETS_TARGET = "meets_target"
    SHORT_OF_TARGET = "short_of_target"
    AT_OR_WORSE_THAN_AVERAGE = "at_or_worse_than_average"
    NO_QUALIFIED_STAFF = "no_qualified_staff"
    NO_RETURN = "no_return"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS: dict[RatioStatus, str] = {
    RatioStatus.MEETS_TARGET: "Meets target",
    RatioStatus.SHORT_OF_TARGET: "Better than average, short of target",
    RatioStatus.AT_OR_WORSE_THAN_AVERAGE: "At or worse than average",
    RatioStatus.NO_QUALIFIED_STAFF: "No qualified staff",
    RatioStatus.NO_RETURN: "No return",
}


def _require_not_negative(what: str, value: Decimal) -> None:
    # A negative WTE is a data error; failing loudly beats a plausible wrong ratio.
    if value < ZERO:
        raise ValueError(f"{what} cannot be negative (got {value}).")


def staff_per_qualified(nhs_wte: Decimal, qualified_wte: Decimal) -> Decimal | None:
    """NHS WTE per qualified WTE at full precision; None with no qualified staff."""
    _require_not_negative("NHS WTE", nhs_wte)
    _require_not_negative("Qualified WTE", qualified_wte)
    if qualified_wte == ZERO:
        return None
    return nhs_wte / qualified_wte


def ratio_label(staff_per_qualified: Decimal | None) -> str:
    """``1:N``, N truncated as in the published national figures: 1730.99 -> 1:1,730."""
    if staff_per_qualified is None:
        return NO_QUALIFIED_STAFF_LABEL
    whole_staff = int(staff_per_qualified.to_integral_value(rounding=ROUND_DOWN))
    return f"1:{whole_staff:,}"


def ratio_status(staff_per_qualified: Decimal | None, policy: RatioPolicy) -> RatioStatus:
    """Status: equal to the target meets it; equal to the average is at-or-worse."""
    if staff_per_qualified is None:
        return RatioStatus.NO_QUALIFIED_STAFF
    if staff_per_qualified <= policy.target_staff_per_qualified:
        return RatioStatus.MEETS_TARGET
    if staff_per_qualified >= policy.reference_average:
        return RatioStatus.AT_OR_WORSE_THAN_AVERAGE
    return RatioStatus.SHORT_OF_TARGET


def qualified_wte_for_target(nhs_wte: Decimal, policy: RatioPolicy) -> Decimal:
    """Qualified WTE needed for ``nhs_wte`` to be exactly at the target ratio."""
    # Round the last significant digit up so the need is never understated: staffing
    # exactly this much must compute as meeting the target, not 1e-25 short of it.
    return _ROUND_UP.divide(nhs_wte, policy.target_staff_per_qualified)


def gap_wte(nhs_wte: Decimal, qualified_wte: Decimal, policy: RatioPolicy) -> Decimal:
    """Extra qualified WTE needed to reach the target; 0 when already meeting it."""
    _require_not_negative("NHS WTE", nhs_wte)
    _require_not_negative("Qualified WTE", qualified_wte)
    return max(ZERO, qualified_wte_for_target(nhs_wte, policy) - qualified_wte)


@dataclass(frozen=True, slots=True)
class OrganisationYear:
    """One organisation's figures for a year; None means the figure is missing."""

    code: str
    name: str
    nhs_wte: Decimal | None  # None: no NHS workforce census figure
    qualified_wte: Decimal | None  # None: no LKS annual return for the year


@dataclass(frozen=True, slots=True)
class OrganisationRatio:
    """An organisation's figures with its ratio, status and gap.

    When either figure is missing: status NO_RETURN, ratio_label "no return",
    and staff_per_qualified, gap_wte and meets_target are None.
    """

    code: str
    name: str
    nhs_wte: Decimal | None
    qualified_wte: Decimal | None
    staff_per_qualified: Decimal | None
    ratio_label: str
    status: RatioStatus
    gap_wte: Decimal | None
    meets_target: bool | None

    @property
    def has_figures(self) -> bool:
        return self.nhs_wte is not None and self.qualified_wte is not None


def _assess(
    nhs_wte: Decimal | None, qualified_wte: Decimal | None, policy: RatioPolicy
) -> tuple[Decimal | None, str, RatioStatus, bool | None]:
    """Ratio, label, status and meets_target; a missing figure gives NO_RETURN."""
    if nhs_wte is None or qualified_wte is None:
        return None, NO_RETURN_LABEL, RatioStatus.NO_RETURN, None
    ratio = staff_per_qualified(nhs_wte, qualified_wte)
    status = ratio_status(ratio, policy)
    return ratio, ratio_label(ratio), status, status is RatioStatus.MEETS_TARGET


def organisation_ratio(org: OrganisationYear, policy: RatioPolicy) -> OrganisationRatio:
    ratio, label, status, meets_target = _assess(org.nhs_wte, org.qualified_wte, policy)
    gap = None
    if org.nhs_wte is not None and org.qualified_wte is not None:
        gap = gap_wte(org.nhs_wte, org.qualified_wte, policy)
    return OrganisationRatio(
        code=org.code,
        name=org.name,
        nhs_wte=org.nhs_wte,
        qualified_wte=org.qualified_wte,
        staff_per_qualified=ratio,
        ratio_label=label,
        status=status,
        gap_wte=gap,
        meets_target=meets_target,
    )


@dataclass(frozen=True, slots=True)
class AreaRatio:
    """An area (region, system, nation) pooled from organisations with both figures.

    Totals, ratio, gap and meets_target are None when no organisation has figures.
    """

    code: str
    name: str
    nhs_wte: Decimal | None
    qualified_wte: Decimal | None
    staff_per_qualified: Decimal | None
    ratio_label: str
    status: RatioStatus
    gap_wte: Decimal | None
    meets_target: bool | None
    organisations_counted: int
    organisations_missing: int


def pool_area(
    code: str,
    name: str,
    organisations: Iterable[OrganisationRatio],
    policy: RatioPolicy,
) -> AreaRatio:
    """Pooled ratio (total NHS WTE / total qualified WTE) and summed gap for an area."""
    total_nhs_wte = ZERO
    total_qualified_wte = ZERO
    total_gap_wte = ZERO
    counted = 0
    missing = 0
    for org in organisations:
        if org.nhs_wte is None or org.qualified_wte is None:
            missing += 1
            continue
        counted += 1
        total_nhs_wte += org.nhs_wte
        total_qualified_wte += org.qualified_wte
        # Sum per-organisation gaps: a surplus elsewhere must not hide a shortfall. The
        # organisation's own gap is reused, so an area's gap is by construction their sum.
        total_gap_wte += org.gap_wte if org.gap_wte is not None else gap_wte(org.nhs_wte, org.qualified_wte, policy)
    return _area(code, name, total_nhs_wte, total_qualified_wte, total_gap_wte, counted, missing, policy)


def pool_hundredths(
    code: str,
    name: str,
    organisations: Iterable[tuple[int | None, int | None]],
    policy: RatioPolicy,
) -> AreaRatio:
    """``pool_area`` for organisations given only as (NHS WTE, qualified WTE) in whole hundredths
    (1,234.56 WTE as 123456; None when missing), as a database sums them exactly. For a trend,
    which needs each year's area but not each organisation's figures.

    The result is the same, digit for digit: each organisation's gap is still worked out and
    summed, only 100 times larger. Decimal rounds to significant digits, so scaling the operands
    by 100 scales every rounded result by 100 (the need ``100 * n / target`` rounded up is 100
    times the need ``n / target`` rounded up); the totals are divided by 100 at the end, exactly.
    """
    target = policy.target_staff_per_qualified
    total_nhs = 0
    total_qualified = 0
    total_gap = ZERO  # in hundredths
    counted = 0
    missing = 0
    for nhs, qualified in organisations:
        if nhs is None or qualified is None:
            missing += 1
            continue
        if nhs < 0 or qualified < 0:
            raise ValueError(f"WTE cannot be negative (got {nhs} and {qualified} hundredths).")
        counted += 1
        total_nhs += nhs
        total_qualified += qualified
        total_gap += max(ZERO, _ROUND_UP.divide(nhs, target) - qualified)
    return _area(
        code,
        name,
        Decimal(total_nhs).scaleb(-2),
        Decimal(total_qualified).scaleb(-2),
        total_gap.scaleb(-2) if total_gap else ZERO,  # no shortfall: ZERO, as pool_area sums
        counted,
        missing,
        policy,
    )


def from_hundredths(value: int | None) -> Decimal | None:
    """A WTE in whole hundredths as the 2-place Decimal: 123456 -> Decimal("1234.56")."""
    return None if value is None else Decimal(value).scaleb(-2)


def _area(
    code: str,
    name: str,
    total_nhs_wte: Decimal,
    total_qualified_wte: Decimal,
    total_gap_wte: Decimal,
    counted: int,
    missing: int,
    policy: RatioPolicy,
) -> AreaRatio:
    # With no organisation counted the totals are missing, not zero.
    nhs_wte = total_nhs_wte if counted else None
    qualified_wte = total_qualified_wte if counted else None
    ratio, label, status, meets_target = _assess(nhs_wte, qualified_wte, policy)
    return AreaRatio(
        code=code,
        name=name,
        nhs_wte=nhs_wte,
        qualified_wte=qualified_wte,
        staff_per_qualified=ratio,
        ratio_label=label,
        status=status,
        gap_wte=total_gap_wte if counted else None,
        meets_target=meets_target,
        organisations_counted=counted,
        organisations_missing=missing,
    )


def change_since(previous: Decimal | None, current: Decimal | None) -> Decimal | None:
    """Change in staff per qualified since the previous year; negative is better."""
    if previous is None or current is None:
        return None
    return current - previous


@dataclass(frozen=True, slots=True)
class TrajectoryStep:
    year: int
    projected_nhs_wte: Decimal
    qualified_wte_needed: Decimal
    increase_from_previous_year: Decimal
    # None only when no staff are needed at all (no NHS staff, no qualified staff).
    staff_per_qualified_if_met: Decimal | None


def _projected_nhs_wte(nhs_wte: Decimal, nhs_growth_rate: Decimal, years_ahead: int) -> Decimal:
    # Compound growth: the workforce census grows (or shrinks) by a rate each year.
    return nhs_wte * (ONE + nhs_growth_rate) ** years_ahead


def _require_growth_above_minus_one(nhs_growth_rate: Decimal) -> None:
    # -1 (-100%) or below would mean no NHS workforce at all, or a negative one.
    if nhs_growth_rate <= -ONE:
        raise ValueError(f"NHS WTE growth rate must be above -1 (-100%); got {nhs_growth_rate}.")


def plan_trajectory(
    *,
    nhs_wte: Decimal,
    qualified_wte: Decimal,
    start_year: int,
    target_year: int,
    nhs_growth_rate: Decimal,
    policy: RatioPolicy,
) -> list[TrajectoryStep]:
    """Equal yearly increases in qualified WTE that meet the target in ``target_year``.

    ``start_year`` is the current position and is not a step: the steps are the years
    ``start_year + 1`` to ``target_year`` inclusive. If the current staff already meet
    the target in ``target_year``, every step keeps the current staff (never a cut).
    """
    if target_year <= start_year:
        raise ValueError(f"The target year ({target_year}) must be after the start year ({start_year}).")
    _require_growth_above_minus_one(nhs_growth_rate)
    _require_not_negative("NHS WTE", nhs_wte)
    _require_not_negative("Qualified WTE", qualified_wte)

    years = target_year - start_year
    final_nhs_wte = _projected_nhs_wte(nhs_wte, nhs_growth_rate, years)
    final_need = max(qualified_wte, qualified_wte_for_target(final_nhs_wte, policy))
    total_increase = final_need - qualified_wte
    steps: list[TrajectoryStep] = []
    previous_need = qualified_wte
    for years_ahead in range(1, years + 1):
        projected = _projected_nhs_wte(nhs_wte, nhs_growth_rate, years_ahead)
        # The last step is set exactly so Decimal rounding cannot leave it just short.
        need = final_need if years_ahead == years else qualified_wte + total_increase * years_ahead / years
        steps.append(
            TrajectoryStep(
                year=start_year + years_ahead,
                projected_nhs_wte=projected,
                qualified_wte_needed=need,
                increase_from_previous_year=need - previous_need,
                staff_per_qualified_if_met=staff_per_qualified(projected, need),
            )
        )
        previous_need = need
    return steps


def year_target_reached(
    *,
    history: Sequence[tuple[int, Decimal, Decimal]],
    nhs_growth_rate: Decimal,
    policy: RatioPolicy,
    horizon_years: int = 50,
) -> int | None:
    """First year the target is met if recent change in qualified WTE continues.

    ``history`` holds (year, nhs_wte, qualified_wte), in any order, one row per year.
    Returns the latest history year if it already meets the target. Otherwise the
    yearly rate is the average change between the first and latest years (needs at
    least 2 years), NHS WTE grows at ``nhs_growth_rate``, and the first projected year
    meeting the target is returned. None means "not at this rate": fewer than 2 years
    of history, or the target is not met within ``horizon_years`` of the latest year.
    """
    _require_growth_above_minus_one(nhs_growth_rate)
    if not history:
        return None
    ordered = sorted(history, key=lambda row: row[0])
    if len({year for year, _, _ in ordered}) != len(ordered):
        raise ValueError("The history must have at most one row per year.")
    first_year, _, first_qualified_wte = ordered[0]
    last_year, last_nhs_wte, last_qualified_wte = ordered[-1]
    last_ratio = staff_per_qualified(last_nhs_wte, last_qualified_wte)
    # Already meeting needs no rate of change, so a single year is enough here.
    if ratio_status(last_ratio, policy) is RatioStatus.MEETS_TARGET:
        return last_year
    if len(ordered) < 2:
        return None
    yearly_change = (last_qualified_wte - first_qualified_wte) / (last_year - first_year)
    for years_ahead in range(1, horizon_years + 1):
        projected_qualified_wte = last_qualified_wte + yearly_change * years_ahead
        if projected_qualified_wte <= ZERO:
            return None  # Staff are falling; they will not recover at this rate.
        projected_nhs_wte = _projected_nhs_wte(last_nhs_wte, nhs_growth_rate, years_ahead)
        ratio = staff_per_qualified(projected_nhs_wte, projected_qualified_wte)
        if ratio_status(ratio, policy) is RatioStatus.MEETS_TARGET:
            return last_year + years_ahead
    return None


def format_wte(value: Decimal | None) -> str:
    """For people: 2 places (half up), thousands separators; "Not available" if None."""
    if value is None:
        return NOT_AVAILABLE
    return f"{_to_hundredths(value):,f}"


def format_decimal_2(value: Decimal | None) -> str:
    """For CSV: plain "1234.57" (half up, no separators); empty cell when missing."""
    if value is None:
        return ""
    return f"{_to_hundredths(value):f}"


def to_hundredths(value: Decimal | None) -> Decimal | None:
    """A figure at the precision every surface shows it (2 places, half up): the API's number is
    the CSV's cell, read as a number."""
    return None if value is None else _to_hundredths(value)


def _to_hundredths(value: Decimal) -> Decimal:
    rounded = value.quantize(HUNDREDTHS, rounding=ROUND_HALF_UP)
    # Avoid showing "-0.00" for tiny negative values.
    return rounded if rounded != ZERO else abs(rounded)
