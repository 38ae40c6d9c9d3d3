"""The cascade figures (pure): each region's facilitators, sessions, reach, capacity against demand,
the "train more" flag, and each event's tree."""

from datetime import date
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lksworkforce.programmes import cascade
from lksworkforce.programmes.cascade import EventIn, FacilitatorIn, RegionIn, SessionIn

YEAR = 2026
REGION_IDS = (1, 2, 3)
# The machine is shared: no deadline, and slow generation is not a failure.
RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[RegionIn], list[EventIn], list[FacilitatorIn], list[SessionIn]]:
    regions = [RegionIn(i, f"Region {i}", draw(st.integers(0, 60))) for i in REGION_IDS]
    events = [
        EventIn(i, f"Event {i}", "action_learning_sets", date(2024 + i % 3, 3, 1), draw(st.sampled_from([None, 1, 2])))
        for i in range(1, draw(st.integers(0, 4)) + 1)
    ]
    facilitators = [
        FacilitatorIn(
            id=i,
            name=f"Person {i}",
            kind="knowledge_management",
            region_id=draw(st.sampled_from(REGION_IDS)),
            event_id=draw(st.sampled_from([None, *(e.id for e in events), 99])),
            trained_on=date(2025, 1, 1),
            sessions_per_year=draw(st.integers(0, 12)),
            active=draw(st.booleans()),
        )
        for i in range(1, draw(st.integers(0, 10)) + 1)
    ]
    sessions = [
        SessionIn(i, draw(st.sampled_from([f.id for f in facilitators])), date(draw(st.sampled_from([2025, 2026])), 5, 1),
                  draw(st.integers(0, 30)))
        for i in range(1, (draw(st.integers(0, 25)) if facilitators else 0) + 1)
    ]  # fmt: skip
    return regions, events, facilitators, sessions


@RELAXED
@given(worlds(), st.integers(1, 10))
def test_region_rows_add_up(world: tuple[list[RegionIn], list[EventIn], list[FacilitatorIn], list[SessionIn]],
                            threshold: int) -> None:  # fmt: skip
    regions, _events, facilitators, sessions = world
    rows = cascade.region_rows(regions, facilitators, sessions, year=YEAR, threshold=threshold)
    assert [r.region_id for r in rows] == list(REGION_IDS)
    assert sum(r.trained for r in rows) == len(facilitators)
    assert sum(r.sessions_run for r in rows) == len(sessions)
    assert sum(r.people_reached for r in rows) == sum(s.people_reached for s in sessions)
    for row, region in zip(rows, regions, strict=True):
        active = [f for f in facilitators if f.region_id == region.id and f.active]
        assert row.active == len(active)
        assert row.capacity == sum(f.sessions_per_year for f in active)
        assert row.places == row.capacity * cascade.PLACES_PER_SESSION
        # Nothing under the threshold is shown.
        assert row.demand == (region.demand if region.demand >= threshold else None)
        expected_flag = (
            row.capacity == 0
            or (row.capacity_used is not None and row.capacity_used >= Fraction(4, 5))
            or (row.demand is not None and row.demand > row.places)
        )
        assert row.train_more == expected_flag


@RELAXED
@given(worlds())
def test_every_facilitator_is_in_one_tree(
    world: tuple[list[RegionIn], list[EventIn], list[FacilitatorIn], list[SessionIn]],
) -> None:
    _regions, events, facilitators, sessions = world
    trees = cascade.event_trees(events, facilitators, sessions)
    placed = [b.facilitator.id for t in trees for b in t.branches]
    assert sorted(placed) == sorted(f.id for f in facilitators)
    assert sum(t.sessions_run for t in trees) == len(sessions)
    assert sum(t.people_reached for t in trees) == sum(s.people_reached for s in sessions)
    assert [t.event for t in trees if t.event is not None] == sorted(
        events, key=lambda e: (-e.held_on.toordinal(), e.id)
    )
    for tree in trees:
        if tree.event is not None:
            assert all(b.facilitator.event_id == tree.event.id for b in tree.branches)


def _facilitator(i: int, region: int, per_year: int, *, active: bool = True) -> FacilitatorIn:
    return FacilitatorIn(i, f"P{i}", "action_learning_sets", region, None, date(2025, 1, 1), per_year, active)


def test_the_flag_and_its_reasons() -> None:
    regions = [RegionIn(1, "Busy", 4), RegionIn(2, "Wanted", 40), RegionIn(3, "Empty", 30), RegionIn(4, "Fine", 9)]
    facilitators = [_facilitator(1, 1, 5), _facilitator(2, 2, 4), _facilitator(3, 3, 6, active=False),
                    _facilitator(4, 4, 10)]  # fmt: skip
    sessions = [SessionIn(i, 1, date(YEAR, 2, i), 6) for i in range(1, 5)] + [SessionIn(9, 1, date(2025, 2, 1), 7)]
    busy, wanted, empty, fine = cascade.region_rows(regions, facilitators, sessions, year=YEAR, threshold=5)
    assert busy.capacity_used == Fraction(4, 5)
    assert busy.reasons == (cascade.BUSY,)
    assert busy.demand is None  # 4 applicants: fewer than 5
    assert busy.sessions_run == 5
    assert busy.people_reached == 31
    assert wanted.places == 32
    assert wanted.reasons == (cascade.OVER_DEMAND,)
    assert empty.trained == 1
    assert empty.active == 0
    assert empty.reasons == (cascade.NO_FACILITATORS, cascade.OVER_DEMAND)
    assert fine.reasons == ()
    assert not fine.train_more
