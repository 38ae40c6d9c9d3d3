"""Regional fair shares of a national cohort's places: pure, typed, property-tested.

Each region's share is in proportion to its LKS headcount, by the largest remainder method, after
every region with at least one eligible applicant has its minimum (a policy value, default 1).
Ties in the remainder go to the region with fewer places so far, then by region code. (The
selection part builds this; `lksw programme_fair_shares` prints it.)"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class RegionDemand:
    code: str
    name: str
    lks_headcount: int
    has_applicants: bool = True  # at least one eligible applicant (the minimum applies only then)


@dataclass(frozen=True)
class RegionShare:
    code: str
    name: str
    lks_headcount: int
    exact_share: Decimal  # places * headcount / total headcount, before rounding
    places: int


def fair_shares(places: int, regions: list[RegionDemand], *, min_per_region: int = 1) -> list[RegionShare]:
    """One row per region (in region code order), places summing to `places`."""
    raise NotImplementedError  # the selection part
