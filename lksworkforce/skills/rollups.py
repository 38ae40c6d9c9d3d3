"""Roll-ups of self-assessments from team to nation, with small-group suppression. Pure and
typed, no Django.

The database gives sums per item (an area or a sub-area) and *slice* (organisation, band group,
role): distinct people, ratings, sums of current and target levels, people with a gap. Because
each person's latest assessment sits in exactly one slice, these sums add up across slices, so
every breakdown (by band group, by role, by organisation or region for a heat map) and the
total come from one aggregate query. A person rating several sub-areas of one area counts once
in that area's people.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lksworkforce.core.disclosure import suppressed_groups
from lksworkforce.skills.gaps import mean

WIDELY_NEEDED_SHARE = Decimal("0.5")
PERCENT_PLACE = Decimal("0.1")

type Slice = tuple[str, ...]


@dataclass(frozen=True)
class Figures:
    people: int = 0
    ratings: int = 0
    sum_current: int = 0
    sum_target: int = 0
    people_with_gap: int = 0

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            self.people + other.people,
            self.ratings + other.ratings,
            self.sum_current + other.sum_current,
            self.sum_target + other.sum_target,
            self.people_with_gap + other.people_with_gap,
        )

    @property
    def mean_current(self) -> Decimal | None:
        return mean(self.sum_current, self.ratings)

    @property
    def mean_target(self) -> Decimal | None:
        return mean(self.sum_target, self.ratings)

    @property
    def mean_gap(self) -> Decimal | None:
        return mean(self.sum_target - self.sum_current, self.ratings)

    @property
    def percent_with_gap(self) -> Decimal | None:
        """Share of the people rating the item whose target is above their current level, as a
        percentage to one decimal place."""
        if self.people == 0:
            return None
        share = Decimal(100 * self.people_with_gap) / Decimal(self.people)
        return share.quantize(PERCENT_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CellSums:
    item: str
    slice: Slice
    figures: Figures


@dataclass(frozen=True)
class Cell:
    """Figures for one group, or hidden: then only "fewer than N" may be shown."""

    figures: Figures
    hidden: bool

    def shown(self) -> Figures | None:
        return None if self.hidden else self.figures


@dataclass(frozen=True)
class Row:
    item: str
    total: Cell
    groups: tuple[Cell, ...]  # in the order of Breakdown.groups


@dataclass(frozen=True)
class Group:
    key: str
    people: int
    hidden: bool


@dataclass(frozen=True)
class Breakdown:
    """Items down, groups across, with a total column; suppression applied."""

    threshold: int
    people: int  # everyone in scope with an assessment
    hidden: bool  # the whole scope is a small group
    groups: tuple[Group, ...]
    rows: tuple[Row, ...]


def breakdown(
    cells: Iterable[CellSums],
    *,
    items: Sequence[str],
    group_of: Callable[[Slice], str],
    people_by_slice: Mapping[Slice, int],
    threshold: int,
    group_order: Sequence[str] | None = None,
) -> Breakdown:
    """Sum the cells into groups (by `group_of` their slice) for each item in `items`.

    Suppression: the scope as a whole, each group's head count, and every item's cells across
    the groups (with the item's total shown, so complementary cells are hidden too)."""
    people_by_group: dict[str, int] = defaultdict(int)
    for slice_, people in people_by_slice.items():
        people_by_group[group_of(slice_)] += people
    keys = list(group_order) if group_order is not None else sorted(people_by_group)
    keys += sorted(k for k in people_by_group if k not in keys)
    everyone = sum(people_by_group.values())
    scope_hidden = everyone < threshold
    hidden_groups = suppressed_groups({k: people_by_group.get(k, 0) for k in keys}, threshold)
    groups = tuple(Group(k, people_by_group.get(k, 0), scope_hidden or k in hidden_groups) for k in keys)

    sums: dict[str, dict[str, Figures]] = defaultdict(lambda: defaultdict(Figures))
    for cell in cells:
        bucket = sums[cell.item]
        key = group_of(cell.slice)
        bucket[key] = bucket[key] + cell.figures
    rows = []
    for item in items:
        by_group = sums.get(item, {})
        total = sum(by_group.values(), Figures())
        hidden = suppressed_groups({k: by_group.get(k, Figures()).people for k in keys}, threshold)
        total_hidden = scope_hidden or total.people < threshold
        rows.append(
            Row(
                item=item,
                total=Cell(total, total_hidden),
                groups=tuple(Cell(by_group.get(k, Figures()), total_hidden or k in hidden) for k in keys),
            )
        )
    return Breakdown(threshold, everyone, scope_hidden, groups, tuple(rows))


@dataclass(frozen=True)
class Ranked:
    rank: int
    item: str
    figures: Figures
    percent_rating: Decimal


def lowest_widely_needed(
    result: Breakdown, *, share: Decimal = WIDELY_NEEDED_SHARE, top: int | None = 10
) -> list[Ranked]:
    """The team skills audit's list: items rated as relevant by at least `share` of the people in
    scope, lowest mean current level first (then the larger share with a gap, then framework order).
    Hidden items never appear; equal figures share a rank."""
    if result.hidden or result.people == 0:
        return []
    order = {row.item: position for position, row in enumerate(result.rows)}
    candidates = [
        row
        for row in result.rows
        if not row.total.hidden and Decimal(row.total.figures.people) >= share * Decimal(result.people)
    ]

    def sort_key(row: Row) -> tuple[Decimal, Decimal, int]:
        figures = row.total.figures
        return (figures.mean_current or Decimal(0), -(figures.percent_with_gap or Decimal(0)), order[row.item])

    candidates.sort(key=sort_key)
    ranked: list[Ranked] = []
    previous: tuple[Decimal, Decimal] | None = None
    for position, row in enumerate(candidates, start=1):
        figures = row.total.figures
        tie_key = sort_key(row)[:2]
        rank = ranked[-1].rank if ranked and tie_key == previous else position
        percent = (Decimal(100 * figures.people) / Decimal(result.people)).quantize(PERCENT_PLACE, ROUND_HALF_UP)
        ranked.append(Ranked(rank, row.item, figures, percent))
        previous = tie_key
    if top is not None:
        ranked = [r for r in ranked if r.rank <= top]
    return ranked
