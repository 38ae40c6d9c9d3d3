"""Selection: which applicants a cohort offers places to, from the panel's scores and the regional
fair shares; places a region cannot fill go to the best-scored unplaced applicants from any region.
Pure, typed, property-tested (the selection part).

"Best" is the higher score, then the earlier submission, then the lower application id, so the
order is total and the same every time. With shares, each region first offers its share to its own
best applicants (an applicant whose region is unknown, or not in the shares, takes no region's
share); the places left (shares a region could not fill, and places beyond the shares) go to the
best applicants not yet offered one, from any region. Everyone not offered a place is on the
waiting list, best first."""

from collections.abc import Mapping
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


def best_first(candidate: Candidate) -> tuple[Decimal, int, int]:
    """The sort key of the selection order: higher score, then earlier submission, then lower id."""
    return (-candidate.score, candidate.submitted_order, candidate.application_id)


def select(candidates: list[Candidate], places: int, shares: Mapping[str, int] | None = None) -> Selection:
    """Offers up to `places`: with `shares` (region code -> places), each region's best first, then
    the unfilled places to the best unplaced from anywhere; without, simply best first."""
    _check(candidates, places, shares)
    ranked = sorted(candidates, key=best_first)
    chosen: set[int] = set()
    if shares:
        taken = dict.fromkeys(shares, 0)
        for candidate in ranked:
            region = candidate.region_code
            if region in taken and taken[region] < shares[region]:
                taken[region] += 1
                chosen.add(candidate.application_id)
    for candidate in ranked:
        if len(chosen) >= places:
            break
        chosen.add(candidate.application_id)
    offered = tuple(candidate.application_id for candidate in ranked if candidate.application_id in chosen)
    waiting = tuple(candidate.application_id for candidate in ranked if candidate.application_id not in chosen)
    return Selection(offered=offered, waiting=waiting)


def remaining_shares(shares: Mapping[str, int], used: Mapping[str, int], places: int) -> dict[str, int]:
    """Each region's share of the cohort's places less the places its applicants already hold (taken
    or offered), for offering the `places` still free. Where a region holds more than its share
    (from places other regions could not fill), what is left adds up to more than the free places;
    it is then cut from the largest remaining share first (ties: the later region code), so the
    shares never promise more than there is."""
    left = {code: max(0, share - used.get(code, 0)) for code, share in shares.items()}
    excess = sum(left.values()) - max(0, places)
    while excess > 0:
        code = max(left, key=lambda c: (left[c], c))
        left[code] -= 1
        excess -= 1
    return left


def _check(candidates: list[Candidate], places: int, shares: Mapping[str, int] | None) -> None:
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ValueError(f"The number of places must be a whole number, 0 or more (not {places!r}).")
    seen: set[int] = set()
    for candidate in candidates:
        if candidate.application_id in seen:
            raise ValueError(f"Application {candidate.application_id} appears more than once.")
        seen.add(candidate.application_id)
        if not candidate.score.is_finite():
            raise ValueError(f"Application {candidate.application_id} has no usable score ({candidate.score}).")
    if shares is None:
        return
    for code, share in shares.items():
        if not code.strip():
            raise ValueError("A regional share has no region code.")
        if isinstance(share, bool) or not isinstance(share, int) or share < 0:
            raise ValueError(f"Region {code}'s share must be a whole number, 0 or more (not {share!r}).")
    if sum(shares.values()) > places:
        raise ValueError(f"The regional shares add up to {sum(shares.values())}, more than the {places} places.")
