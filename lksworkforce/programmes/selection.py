"""Selection: which applicants a cohort offers places to, from the panel's scores and the regional
fair shares; places a region cannot fill go to the best-scored unplaced applicants from any region.
Pure, typed, property-tested (the selection part)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Candidate:
    application_id: int
    region_code: str  # "" when the applicant's region is not known
    score: Decimal
    submitted_order: int  # earlier applications first among equal scores


@dataclass(frozen=True)
class Selection:
    offered: tuple[int, ...]  # application ids, best first
    waiting: tuple[int, ...]  # the waiting list, in the order it is promoted


def select(candidates: list[Candidate], places: int, shares: dict[str, int] | None = None) -> Selection:
    """Offers up to `places`: with `shares` (region code -> places), each region's best first, then
    the unfilled places to the best unplaced from anywhere; without, simply best first."""
    raise NotImplementedError  # the selection part
