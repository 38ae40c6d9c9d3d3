"""Equity of access: participation per 100 LKS staff, by region, band group and organisation type, and
the highest-to-lowest ratio between regions' rates, with its trend by year (the equity part).
Pure: no Django.

Every count here is a count of people, so every count shown goes through `core.disclosure`:
groups under the threshold are hidden, and, because each table shows its total (England),
complementary suppression hides the smallest others until subtraction gives nobody away. A group of
nobody is shown as 0: it reveals no one, and the ratio needs it ("the lowest region had no one").
A rate is shown only with its count. A part of a group (applicants who said travel is a barrier)
is hidden unless both it and the rest of the group are at least the threshold: otherwise "all 7
applicants said so" (or none did) would tell every applicant's answer.

The ratio between the highest and the lowest region's rate is not defined when a region's rate is
hidden (which region is lowest cannot be told without giving its figure away), when the lowest is 0
(no multiple of nothing), or when fewer than two regions have LKS staff to rate against.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from lksworkforce.core.disclosure import Suppressed, suppressed_groups, suppressed_label, suppression_reason

PER = Decimal(100)


@dataclass(frozen=True)
class Count:
    """A number of people, and whether it may be shown."""

    size: int
    threshold: int
    hidden: bool

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.size

    @property
    def reason(self) -> Suppressed | None:
        return suppression_reason(self.size, self.threshold, hidden=self.hidden)

    @property
    def label(self) -> str:
        return suppressed_label(self.threshold) if self.hidden else f"{self.size:,}"


def counted[K: Hashable](
    sizes: Mapping[K, int], threshold: int, *, also_hidden: Iterable[K] = (), total_shown: bool = True
) -> dict[K, Count]:
    """Each group's count, hidden by `core.disclosure.suppressed_groups` (with the total shown:
    complementary suppression). Groups of nobody are left out of the rule and shown as 0: hiding
    them protects no one, and counting them as hidden would not change what the rule protects."""
    people = {key: size for key, size in sizes.items() if size > 0}
    forced = [key for key in also_hidden if key in people]
    hidden = suppressed_groups(people, threshold, total_shown=total_shown, also_hidden=forced)
    return {key: Count(size, threshold, key in hidden) for key, size in sizes.items()}


def total(sizes: Iterable[int], threshold: int) -> Count:
    """A table's total: hidden when it is under the threshold (and not nobody)."""
    size = sum(sizes)
    return Count(size, threshold, 0 < size < threshold)


def part_of[K: Hashable](parts: Mapping[K, int], wholes: Mapping[K, Count], threshold: int) -> dict[K, Count]:
    """A part of each group (applicants who said travel is a barrier, of a region's applicants),
    with the parts' total shown. A part is hidden when its group is, or when it or the rest of its
    group is under the threshold (zero included: "none of them" or "all of them" tells each
    person's answer; a group of nobody shows 0); then complementary suppression among the parts.
    One hidden part is never left alone beside parts that are shown: the parts' total less the
    shown ones would give it, so the smallest other part is hidden with it (where there is none,
    `part_of_total` hides the total)."""
    forced = [key for key, part in parts.items() if _part_hidden(part, wholes[key], threshold)]
    people = {key: size for key, size in parts.items() if size > 0}
    hidden = set(suppressed_groups(people, threshold, also_hidden=[key for key in forced if key in people]))
    hidden_people = [key for key in people if key in hidden or key in forced]
    if len(hidden_people) == 1:
        shown = sorted((size, str(key), key) for key, size in people.items() if key not in hidden_people)
        if shown:
            hidden.add(shown[0][2])
    return {key: Count(part, threshold, key in hidden or key in forced) for key, part in parts.items()}


def part_of_total(part: int, whole: Count, threshold: int, parts: Iterable[Count] = ()) -> Count:
    """The parts' total, under the same rule as each part (against the whole's total); hidden too
    when exactly one of the `parts` (the groups' counts from `part_of`) with anyone in it is hidden,
    since the total less the others would give it away."""
    alone = sum(1 for count in parts if count.hidden and count.size) == 1
    return Count(part, threshold, alone or _part_hidden(part, whole, threshold))


def _part_hidden(part: int, whole: Count, threshold: int) -> bool:
    """A group of nobody has no part to hide; otherwise see `part_of`."""
    if whole.size == 0:
        return False
    return whole.hidden or part < threshold or whole.size - part < threshold


def per_100(people: int, headcount: int | None) -> Decimal | None:
    """People per 100 LKS staff; None when there are no staff to rate against."""
    if not headcount:
        return None
    return Decimal(people) * PER / Decimal(headcount)


@dataclass(frozen=True)
class Group:
    """One group's participants, with the LKS staff of that group (None: not known, such as people
    whose region was not recorded)."""

    key: str
    name: str
    participants: int
    headcount: int | None


@dataclass(frozen=True)
class Rate:
    key: str
    name: str
    headcount: int | None
    participants: Count

    @property
    def per_100(self) -> Decimal | None:
        """Shown only with its count (a rate and the headcount give the count back)."""
        return None if self.participants.hidden else per_100(self.participants.size, self.headcount)


@dataclass(frozen=True)
class Participation:
    rows: list[Rate]
    total: Rate


def participation(
    groups: Sequence[Group], threshold: int, *, total_people: int, total_headcount: int | None
) -> Participation:
    """Each group's rate per 100 LKS staff, suppressed, and the table's total (`total_people`: each
    person once, however many groups they were in)."""
    counts = counted({group.key: group.participants for group in groups}, threshold)
    rows = [Rate(group.key, group.name, group.headcount, counts[group.key]) for group in groups]
    everyone = Count(total_people, threshold, 0 < total_people < threshold)
    return Participation(rows, Rate("all", "England", total_headcount, everyone))


class RatioUndefined(StrEnum):
    SUPPRESSED = "suppressed"  # a region's rate is hidden: which is lowest cannot be told
    LOWEST_IS_ZERO = "lowest_is_zero"
    TOO_FEW_REGIONS = "too_few_regions"  # fewer than two regions with LKS staff

    @property
    def sentence(self) -> str:
        return {
            RatioUndefined.SUPPRESSED: "Not defined: a region's figure is hidden (fewer people than the threshold, "
            "or hidden to protect such a region), so which region is lowest cannot be said without giving it away.",
            RatioUndefined.LOWEST_IS_ZERO: "Not defined: the lowest region had no participants, and no multiple of "
            "nothing can be given.",
            RatioUndefined.TOO_FEW_REGIONS: "Not defined: fewer than two regions have LKS staff in published returns.",
        }[self]


@dataclass(frozen=True)
class Ratio:
    """The highest region's rate over the lowest's; `value` None when `undefined` says why."""

    year: int
    value: Decimal | None
    highest: str = ""  # region names
    lowest: str = ""
    undefined: RatioUndefined | None = None


def highest_to_lowest(year: int, rates: Sequence[Rate]) -> Ratio:
    """Over the regions with LKS staff (a rate to compare): see the module's docstring."""
    rated = [rate for rate in rates if rate.headcount]
    if len(rated) < 2:
        return Ratio(year, None, undefined=RatioUndefined.TOO_FEW_REGIONS)
    if any(rate.participants.hidden for rate in rated):
        return Ratio(year, None, undefined=RatioUndefined.SUPPRESSED)
    known = [(rate.per_100 or Decimal(0), rate.name) for rate in rated]
    high = max(known, key=lambda pair: (pair[0], pair[1]))
    low = min(known, key=lambda pair: (pair[0], pair[1]))
    if low[0] == 0:
        return Ratio(year, None, highest=high[1], lowest=low[1], undefined=RatioUndefined.LOWEST_IS_ZERO)
    return Ratio(year, high[0] / low[0], highest=high[1], lowest=low[1])


class Trend(StrEnum):
    NARROWING = "narrowing"  # the ratio is smaller than in the last year it was defined
    WIDENING = "widening"
    STEADY = "steady"
    UNKNOWN = "unknown"  # this year's ratio, or every earlier one, is not defined

    @property
    def label(self) -> str:
        return {
            Trend.NARROWING: "Narrowing: the gap between regions is smaller than in",
            Trend.WIDENING: "Widening: the gap between regions is larger than in",
            Trend.STEADY: "Steady: about the same as in",
            Trend.UNKNOWN: "Not known: there is no earlier year, or this year, with a ratio to compare",
        }[self]


TREND_STEP = Decimal("0.01")  # ratios that agree to 2 decimal places are the same


@dataclass(frozen=True)
class Direction:
    trend: Trend
    since: int | None = None  # the year compared with

    @property
    def sentence(self) -> str:
        return self.trend.label if self.since is None else f"{self.trend.label} {self.since}."


def trend(series: Sequence[Ratio]) -> Direction:
    """The last year's ratio against the latest earlier year whose ratio is defined."""
    ordered = sorted(series, key=lambda ratio: ratio.year)
    if not ordered or ordered[-1].value is None:
        return Direction(Trend.UNKNOWN)
    latest = ordered[-1].value
    earlier = [ratio for ratio in ordered[:-1] if ratio.value is not None]
    if not earlier:
        return Direction(Trend.UNKNOWN)
    before = earlier[-1]
    assert before.value is not None
    step = latest.quantize(TREND_STEP) - before.value.quantize(TREND_STEP)
    if step == 0:
        return Direction(Trend.STEADY, before.year)
    return Direction(Trend.NARROWING if step < 0 else Trend.WIDENING, before.year)
