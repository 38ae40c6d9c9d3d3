"""A person's gaps: target against current per sub-area, the prioritised list, summaries per area
and change between assessments. Pure and typed, no Django."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lksworkforce.skills.levels import Priority, sub_area_sort_key

ONE_PLACE = Decimal("0.1")


def mean(total: int, count: int) -> Decimal | None:
    """A mean to one decimal place (halves round up); None for no values."""
    if count == 0:
        return None
    return (Decimal(total) / Decimal(count)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def gap(current: int, target: int) -> int:
    """How many levels a person wants to rise: target - current, or 0 when already there."""
    return max(0, target - current)


@dataclass(frozen=True)
class RatedSubArea:
    number: str
    name: str
    area_number: int
    area_name: str
    current: int
    target: int
    priority: Priority | None = None
    expected: int | None = None  # the level the person's role profile expects, if any

    @property
    def gap(self) -> int:
        return gap(self.current, self.target)

    @property
    def role_gap(self) -> int | None:
        return None if self.expected is None else gap(self.current, self.expected)


def _priority_rank(priority: Priority | None) -> int:
    return 3 if priority is None else priority.order


def prioritised_gaps(rated: Iterable[RatedSubArea]) -> list[RatedSubArea]:
    """Sub-areas with a gap (to the person's target or their role's expectation): high priority
    first, then the largest gap, then framework order."""
    with_gap = [r for r in rated if r.gap > 0 or (r.role_gap or 0) > 0]
    return sorted(
        with_gap, key=lambda r: (_priority_rank(r.priority), -max(r.gap, r.role_gap or 0), sub_area_sort_key(r.number))
    )


@dataclass(frozen=True)
class AreaSummary:
    number: int
    name: str
    rated: int
    mean_current: Decimal | None
    mean_target: Decimal | None
    mean_expected: Decimal | None
    with_gap: int


def area_summaries(rated: Iterable[RatedSubArea]) -> list[AreaSummary]:
    """Per area, in area order: how many sub-areas were rated, mean current, target and (where the
    role expects levels) expected level, and how many rated sub-areas have a gap."""
    by_area: dict[tuple[int, str], list[RatedSubArea]] = defaultdict(list)
    for r in rated:
        by_area[(r.area_number, r.area_name)].append(r)
    summaries = []
    for (number, name), items in sorted(by_area.items()):
        expected = [r.expected for r in items if r.expected is not None]
        summaries.append(
            AreaSummary(
                number=number,
                name=name,
                rated=len(items),
                mean_current=mean(sum(r.current for r in items), len(items)),
                mean_target=mean(sum(r.target for r in items), len(items)),
                mean_expected=mean(sum(expected), len(expected)),
                with_gap=sum(1 for r in items if r.gap > 0),
            )
        )
    return summaries


@dataclass(frozen=True)
class AreaHistory:
    """Mean current level in one area at each assessment (None where the area was not rated),
    and the change from the first rated assessment to the last."""

    number: int
    name: str
    means: tuple[Decimal | None, ...]

    @property
    def change(self) -> Decimal | None:
        rated = [m for m in self.means if m is not None]
        return rated[-1] - rated[0] if len(rated) >= 2 else None


def area_history(assessments: Sequence[Iterable[RatedSubArea]]) -> list[AreaHistory]:
    """Assessments in date order, each as its rated sub-areas (already mapped to the areas of the
    framework being shown, so that a framework revision does not break the line)."""
    per_assessment = [{s.number: s for s in area_summaries(a)} for a in assessments]
    areas = sorted({(s.number, s.name) for summaries in per_assessment for s in summaries.values()})
    return [
        AreaHistory(
            number=number,
            name=name,
            means=tuple(
                summaries[number].mean_current if number in summaries else None for summaries in per_assessment
            ),
        )
        for number, name in areas
    ]
