"""CPD hours for CILIP revalidation: a person's learning in a year against the expectation of
CPD_HOURS_EXPECTED hours, by sub-area and by month. Pure and typed, no Django: the page, the CSV,
the PDF and the API all show what `cpd_summary` returns.

A record in several sub-areas counts its whole time in each of them (it developed each), so the
sub-area rows can add up to more than the year's total; the total counts each record once."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lksworkforce.learning.vocabulary import CPD_HOURS_EXPECTED

NO_SUB_AREA = "No sub-area given"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Learning:
    """One learning record, as the summary needs it. `sub_areas`: (position, label) pairs."""

    done_on: date
    minutes: int
    sub_areas: tuple[tuple[int, str], ...] = ()


def hours(minutes: int) -> float:
    """Minutes as hours to one decimal place, as every surface shows them."""
    return round(minutes / 60, 1)


@dataclass(frozen=True)
class HoursRow:
    label: str
    minutes: int
    records: int

    @property
    def hours(self) -> float:
        return hours(self.minutes)


@dataclass(frozen=True)
class CpdSummary:
    year: int
    minutes: int
    records: int
    by_sub_area: tuple[HoursRow, ...]  # framework order, then "No sub-area given"
    by_month: tuple[HoursRow, ...]  # all twelve months, January first
    expected_hours: int = CPD_HOURS_EXPECTED

    @property
    def hours(self) -> float:
        return hours(self.minutes)

    @property
    def expectation_met(self) -> bool:
        return self.minutes >= self.expected_hours * 60

    @property
    def hours_to_go(self) -> float:
        """Hours still to do to reach the expectation (0 once it is met)."""
        return hours(max(0, self.expected_hours * 60 - self.minutes))


def cpd_summary(learning: Iterable[Learning], year: int, *, expected_hours: int = CPD_HOURS_EXPECTED) -> CpdSummary:
    """The year's hours, records, and their split by sub-area and by month."""
    in_year = [item for item in learning if item.done_on.year == year]
    by_sub_area: dict[tuple[int, str], list[int]] = {}
    by_month = [[0, 0] for _ in MONTHS]
    for item in in_year:
        month = by_month[item.done_on.month - 1]
        month[0] += item.minutes
        month[1] += 1
        for key in set(item.sub_areas) or {(2**31, NO_SUB_AREA)}:
            figures = by_sub_area.setdefault(key, [0, 0])
            figures[0] += item.minutes
            figures[1] += 1
    return CpdSummary(
        year=year,
        minutes=sum(item.minutes for item in in_year),
        records=len(in_year),
        by_sub_area=tuple(HoursRow(label, *by_sub_area[(pos, label)]) for pos, label in sorted(by_sub_area)),
        by_month=tuple(HoursRow(name, *figures) for name, figures in zip(MONTHS, by_month, strict=True)),
        expected_hours=expected_hours,
    )


def minutes_by_year(learning: Iterable[Learning]) -> dict[int, int]:
    """Each year with learning -> its minutes, newest year first."""
    totals: dict[int, int] = {}
    for item in learning:
        totals[item.done_on.year] = totals.get(item.done_on.year, 0) + item.minutes
    return dict(sorted(totals.items(), reverse=True))
