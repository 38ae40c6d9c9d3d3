"""Cascades: from each train-the-trainer event, the facilitators trained, the sessions they ran and
the people reached; per region, capacity against demand (the facilitators part). Pure: no Django.

Per region:
- trained: facilitators on the register in the region (active or not), active: those still offering sessions;
- sessions run and people reached: every recorded session of the region's facilitators;
- capacity: the sessions a year the region's active facilitators say they can offer, and
  `capacity used`: this year's sessions of those active facilitators as a share of it;
- places: capacity counted as `PLACES_PER_SESSION` people a session;
- demand: this year's applications from the region for programme places (not withdrawn, not
  refused by the manager), shown only when at least the suppression threshold (else "fewer than N").

"Train more" is flagged when the region has no active facilitators, when capacity used reaches
`BUSY_SHARE` (80%), or when the demand shown is more than the places."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

PLACES_PER_SESSION = 8  # a typical Action Learning Set or workshop group
BUSY_SHARE = Fraction(4, 5)

NO_FACILITATORS = "No active facilitators"
BUSY = "Capacity used is 80% or more"
OVER_DEMAND = "Demand is more than the places"


@dataclass(frozen=True)
class RegionIn:
    id: int
    name: str
    demand: int  # this year's eligible applications from the region (before suppression)


@dataclass(frozen=True)
class EventIn:
    id: int
    title: str
    kind: str
    held_on: date
    region_id: int | None  # None: a national event


@dataclass(frozen=True)
class FacilitatorIn:
    id: int
    name: str
    kind: str
    region_id: int
    event_id: int | None  # the event they were trained at; None: trained by a trainer
    trained_on: date
    sessions_per_year: int
    active: bool


@dataclass(frozen=True)
class SessionIn:
    id: int
    facilitator_id: int
    held_on: date
    people_reached: int


@dataclass(frozen=True)
class RegionRow:
    region_id: int
    region: str
    trained: int
    active: int
    sessions_run: int
    people_reached: int
    sessions_this_year: int  # by the active facilitators
    capacity: int  # sessions a year the active facilitators offer
    capacity_used: Fraction | None  # None when there is no capacity
    places: int
    demand: int | None  # None: fewer than the threshold, not shown
    reasons: tuple[str, ...]

    @property
    def train_more(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class Branch:
    """One facilitator of an event's cascade, with the sessions they ran."""

    facilitator: FacilitatorIn
    sessions: tuple[SessionIn, ...]

    @property
    def sessions_run(self) -> int:
        return len(self.sessions)

    @property
    def people_reached(self) -> int:
        return sum(s.people_reached for s in self.sessions)


@dataclass(frozen=True)
class Tree:
    """An event (None: facilitators trained by a trainer, not at an event) and who it trained."""

    event: EventIn | None
    branches: tuple[Branch, ...]

    @property
    def trained(self) -> int:
        return len(self.branches)

    @property
    def sessions_run(self) -> int:
        return sum(b.sessions_run for b in self.branches)

    @property
    def people_reached(self) -> int:
        return sum(b.people_reached for b in self.branches)


def reasons_to_train(
    *, capacity: int, capacity_used: Fraction | None, places: int, demand: int | None
) -> tuple[str, ...]:
    """Why a region should train more facilitators (nothing: it need not)."""
    reasons = []
    if capacity == 0:
        reasons.append(NO_FACILITATORS)
    if capacity_used is not None and capacity_used >= BUSY_SHARE:
        reasons.append(BUSY)
    if demand is not None and demand > places:
        reasons.append(OVER_DEMAND)
    return tuple(reasons)


def _sessions_of(sessions: Iterable[SessionIn]) -> dict[int, list[SessionIn]]:
    found: dict[int, list[SessionIn]] = {}
    for session in sessions:
        found.setdefault(session.facilitator_id, []).append(session)
    return found


def region_rows(
    regions: Sequence[RegionIn],
    facilitators: Sequence[FacilitatorIn],
    sessions: Sequence[SessionIn],
    *,
    year: int,
    threshold: int,
    places_per_session: int = PLACES_PER_SESSION,
) -> list[RegionRow]:
    """One row per region, in the order given. Facilitators of other regions are left out."""
    by_facilitator = _sessions_of(sessions)
    rows = []
    for region in regions:
        mine = [f for f in facilitators if f.region_id == region.id]
        active = [f for f in mine if f.active]
        ran = [s for f in mine for s in by_facilitator.get(f.id, [])]
        this_year = sum(1 for f in active for s in by_facilitator.get(f.id, []) if s.held_on.year == year)
        capacity = sum(f.sessions_per_year for f in active)
        used = Fraction(this_year, capacity) if capacity else None
        places = capacity * places_per_session
        demand = region.demand if region.demand >= threshold else None
        rows.append(
            RegionRow(
                region_id=region.id,
                region=region.name,
                trained=len(mine),
                active=len(active),
                sessions_run=len(ran),
                people_reached=sum(s.people_reached for s in ran),
                sessions_this_year=this_year,
                capacity=capacity,
                capacity_used=used,
                places=places,
                demand=demand,
                reasons=reasons_to_train(capacity=capacity, capacity_used=used, places=places, demand=demand),
            )
        )
    return rows


def event_trees(
    events: Sequence[EventIn], facilitators: Sequence[FacilitatorIn], sessions: Sequence[SessionIn]
) -> list[Tree]:
    """Each event with the facilitators it trained (those given: the caller scopes them) and their
    sessions, newest event first; then, if any, the facilitators trained by a trainer, not at an event
    (or at an event not given)."""
    by_facilitator = _sessions_of(sessions)
    known = {e.id for e in events}

    def branch(f: FacilitatorIn) -> Branch:
        return Branch(f, tuple(sorted(by_facilitator.get(f.id, []), key=lambda s: (s.held_on, s.id))))

    def ordered(chosen: Iterable[FacilitatorIn]) -> tuple[Branch, ...]:
        return tuple(branch(f) for f in sorted(chosen, key=lambda f: (f.name, f.id)))

    trees = [
        Tree(event, ordered(f for f in facilitators if f.event_id == event.id))
        for event in sorted(events, key=lambda e: (-e.held_on.toordinal(), e.id))
    ]
    elsewhere = [f for f in facilitators if f.event_id is None or f.event_id not in known]
    if elsewhere:
        trees.append(Tree(None, ordered(elsewhere)))
    return trees
