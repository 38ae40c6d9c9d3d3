"""The pure skills calculations, by property: gaps and their priority order; roll-up breakdowns
that never reveal a group under the threshold; the lowest widely-needed ranking."""

import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from lksworkforce.accounts.people import BandGroup
from lksworkforce.core.disclosure import DEFAULT_THRESHOLD
from lksworkforce.skills.gaps import RatedSubArea, area_history, area_summaries, gap, prioritised_gaps
from lksworkforce.skills.levels import Priority, sub_area_sort_key
from lksworkforce.skills.rollups import Breakdown, CellSums, Figures, Slice, breakdown, lowest_widely_needed

LEVELS = st.integers(0, 4)


# --- Gaps ----------------------------------------------------------------------------------------


@given(LEVELS, LEVELS)
def test_a_gap_is_never_negative_and_is_the_rise_wanted(current: int, target: int) -> None:
    assert gap(current, target) >= 0
    assert gap(current, target) == (target - current if target > current else 0)


NUMBERS = st.builds(lambda a, s: f"{a}.{s}", st.integers(1, 13), st.integers(1, 12))


@st.composite
def rated_sub_areas(draw: st.DrawFn) -> list[RatedSubArea]:
    numbers = draw(st.lists(NUMBERS, unique=True, max_size=15))
    return [
        RatedSubArea(
            number=n,
            name=f"Sub-area {n}",
            area_number=int(n.split(".")[0]),
            area_name=f"Area {n.split('.')[0]}",
            current=draw(LEVELS),
            target=draw(LEVELS),
            priority=draw(st.one_of(st.none(), st.sampled_from(Priority))),
            expected=draw(st.one_of(st.none(), LEVELS)),
        )
        for n in numbers
    ]


def _priority_rank(r: RatedSubArea) -> int:
    return 3 if r.priority is None else r.priority.order


@given(rated_sub_areas())
def test_the_prioritised_list_holds_every_gap_high_priority_and_largest_first(rated: list[RatedSubArea]) -> None:
    listed = prioritised_gaps(rated)

    assert {r.number for r in listed} == {r.number for r in rated if r.gap > 0 or (r.role_gap or 0) > 0}
    assert all(r.gap >= 0 and (r.role_gap is None or r.role_gap >= 0) for r in rated)
    for before, after in itertools.pairwise(listed):
        assert _priority_rank(before) <= _priority_rank(after)
        if _priority_rank(before) == _priority_rank(after):
            wider, narrower = max(before.gap, before.role_gap or 0), max(after.gap, after.role_gap or 0)
            assert wider >= narrower
            if wider == narrower:
                assert sub_area_sort_key(before.number) < sub_area_sort_key(after.number)


@given(rated_sub_areas())
def test_area_summaries_count_every_rating_once_with_means_between_the_levels(rated: list[RatedSubArea]) -> None:
    summaries = area_summaries(rated)

    assert [s.number for s in summaries] == sorted({r.area_number for r in rated})
    assert sum(s.rated for s in summaries) == len(rated)
    for summary in summaries:
        mine = [r for r in rated if r.area_number == summary.number]
        assert summary.mean_current is not None
        assert min(r.current for r in mine) <= summary.mean_current <= max(r.current for r in mine)
        assert summary.with_gap == sum(1 for r in mine if r.gap > 0)
        assert 0 <= summary.with_gap <= summary.rated


@given(st.lists(rated_sub_areas(), min_size=1, max_size=4))
def test_area_history_has_one_mean_per_assessment_and_change_from_first_to_last(
    assessments: list[list[RatedSubArea]],
) -> None:
    history = area_history(assessments)
    for line in history:
        assert len(line.means) == len(assessments)
        rated = [m for m in line.means if m is not None]
        assert rated
        assert line.change == (rated[-1] - rated[0] if len(rated) > 1 else None)


# --- Roll-ups ------------------------------------------------------------------------------------

ITEMS = ("1", "2", "3", "4")
ORGANISATIONS = ("RAA", "RAB", "RBA", "RBB")
BANDS = (BandGroup.BANDS_1_TO_4.value, BandGroup.BAND_5_AND_ABOVE.value)
ROLES = ("", "clinical", "assistant")


@dataclass(frozen=True)
class Person:
    slice: Slice
    ratings: tuple[tuple[str, int, int], ...]  # item, current, target


PEOPLE_SLICES = st.tuples(st.sampled_from(ORGANISATIONS), st.sampled_from(BANDS), st.sampled_from(ROLES))


def people_in(slices: st.SearchStrategy[Slice]) -> st.SearchStrategy[Person]:
    return st.builds(
        Person,
        slices,
        st.lists(st.tuples(st.sampled_from(ITEMS), LEVELS, LEVELS), min_size=1, max_size=4, unique_by=lambda r: r[0]),
    )


def sums_of(people: list[Person]) -> tuple[list[CellSums], dict[Slice, int]]:
    """What the database's one aggregate gives: per item and slice, people (each once), ratings,
    sums of levels, people with a gap; and the people in each slice."""
    cells: dict[tuple[str, Slice], Figures] = defaultdict(Figures)
    for person in people:
        for item, current, target in person.ratings:
            cells[(item, person.slice)] += Figures(1, 1, current, target, 1 if target > current else 0)
    by_slice: dict[Slice, int] = defaultdict(int)
    for person in people:
        by_slice[person.slice] += 1
    return [CellSums(item, slice_, figures) for (item, slice_), figures in cells.items()], dict(by_slice)


GROUPINGS = {
    "organisation": lambda s: s[0],
    "band group": lambda s: s[1],
    "role": lambda s: s[2] or "Role not given",
}


def rolled_up(people: list[Person], grouping: str, threshold: int = DEFAULT_THRESHOLD) -> Breakdown:
    cells, by_slice = sums_of(people)
    return breakdown(cells, items=ITEMS, group_of=GROUPINGS[grouping], people_by_slice=by_slice, threshold=threshold)


def assert_nothing_small_is_revealed(result: Breakdown) -> None:
    threshold = result.threshold
    assert result.hidden == (result.people < threshold)
    for group in result.groups:
        if not group.hidden:
            assert group.people >= threshold
    shown_groups = [g for g in result.groups if not g.hidden]
    hidden_group_people = sum(g.people for g in result.groups if g.hidden)
    if not result.hidden and hidden_group_people:
        # The scope's total is shown: what the hidden groups hold together is not a small number
        # and is not one group's figure.
        assert hidden_group_people >= threshold
        assert len(result.groups) - len(shown_groups) >= 2
    for row in result.rows:
        cells = [row.total, *row.groups]
        for cell in cells:
            if not cell.hidden:
                assert cell.figures.people >= threshold
                assert not result.hidden
        if row.total.hidden:
            assert all(cell.hidden for cell in row.groups)
            continue
        hidden = [cell for cell in row.groups if cell.hidden]
        hidden_people = sum(cell.figures.people for cell in hidden)
        # Total minus the shown cells gives the hidden cells' sum: it must be nobody, or at least
        # the threshold spread over two or more hidden cells.
        assert hidden_people == 0 or (hidden_people >= threshold and len(hidden) >= 2)


@given(st.lists(people_in(PEOPLE_SLICES), max_size=60), st.sampled_from(sorted(GROUPINGS)), st.integers(2, 8))
def test_no_breakdown_reveals_a_group_under_the_threshold(people: list[Person], grouping: str, threshold: int) -> None:
    assert_nothing_small_is_revealed(rolled_up(people, grouping, threshold))


@given(st.lists(people_in(PEOPLE_SLICES), max_size=60), st.sampled_from(sorted(GROUPINGS)))
def test_each_total_is_the_sum_of_its_groups(people: list[Person], grouping: str) -> None:
    result = rolled_up(people, grouping)

    assert result.people == len(people)
    assert sum(g.people for g in result.groups) == len(people)
    assert [row.item for row in result.rows] == list(ITEMS)
    for row in result.rows:
        assert sum((cell.figures for cell in row.groups), Figures()) == row.total.figures
        raters = [p for p in people if any(item == row.item for item, _, _ in p.ratings)]
        assert row.total.figures.people == len(raters)


@given(
    st.lists(people_in(PEOPLE_SLICES), max_size=40),
    st.sampled_from(sorted(GROUPINGS)),
    st.data(),
)
def test_a_group_of_four_is_hidden_everywhere(people: list[Person], grouping: str, data: st.DataObject) -> None:
    """Every breakdown with a group of 4 people: that group is never shown, in the group list or in
    any item's row, whatever the other groups hold."""
    small_key = {"organisation": "RZZ", "band group": BandGroup.NOT_STATED.value, "role": "outreach"}[grouping]
    slice_of_small = {
        "organisation": ("RZZ", BANDS[1], "clinical"),
        "band group": ("RAA", BandGroup.NOT_STATED.value, ""),
        "role": ("RAB", BANDS[0], "outreach"),
    }[grouping]
    four = data.draw(st.lists(people_in(st.just(slice_of_small)), min_size=4, max_size=4))
    result = rolled_up([*people, *four], grouping)

    index = [g.key for g in result.groups].index(small_key)
    assert result.groups[index].people == 4
    assert result.groups[index].hidden
    for row in result.rows:
        assert row.groups[index].hidden, row.item
    assert_nothing_small_is_revealed(result)


def test_a_group_of_four_beside_larger_groups_hides_another_so_it_cannot_be_worked_out() -> None:
    people = [Person(("RAA", BANDS[1], ""), (("1", 2, 3),)) for _ in range(10)]
    people += [Person(("RAB", BANDS[1], ""), (("1", 1, 3),)) for _ in range(7)]
    people += [Person(("RBA", BANDS[1], ""), (("1", 0, 2),)) for _ in range(4)]

    result = rolled_up(people, "organisation")

    assert [(g.key, g.people, g.hidden) for g in result.groups] == [
        ("RAA", 10, False),
        ("RAB", 7, True),  # the smallest other group, hidden too
        ("RBA", 4, True),
    ]
    row = result.rows[0]
    assert row.total.shown() == Figures(21, 21, 27, 59, 21)
    assert [cell.hidden for cell in row.groups] == [False, True, True]


def test_a_scope_under_the_threshold_shows_nothing() -> None:
    people = [Person(("RAA", BANDS[1], ""), (("1", 2, 3),)) for _ in range(4)]
    result = rolled_up(people, "band group")
    assert result.hidden
    assert all(row.total.hidden and all(c.hidden for c in row.groups) for row in result.rows)
    assert lowest_widely_needed(result) == []


# --- Lowest widely-needed -------------------------------------------------------------------------


@given(
    st.lists(people_in(PEOPLE_SLICES), max_size=80),
    st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal("0.75")]),
    st.one_of(st.none(), st.integers(1, 4)),
)
def test_the_lowest_widely_needed_ranking(people: list[Person], share: Decimal, top: int | None) -> None:
    result = rolled_up(people, "organisation")
    ranked = lowest_widely_needed(result, share=share, top=top)
    rows = {row.item: row for row in result.rows}

    for entry in ranked:
        row = rows[entry.item]
        assert not row.total.hidden
        assert entry.figures == row.total.figures
        assert Decimal(entry.figures.people) >= share * result.people
        if top is not None:
            assert entry.rank <= top
    assert len({entry.item for entry in ranked}) == len(ranked)
    for position, (before, after) in enumerate(itertools.pairwise(ranked), start=2):
        assert before.figures.mean_current is not None
        assert after.figures.mean_current is not None
        assert before.figures.mean_current <= after.figures.mean_current
        tied = (before.figures.mean_current, before.figures.percent_with_gap) == (
            after.figures.mean_current,
            after.figures.percent_with_gap,
        )
        assert after.rank == (before.rank if tied else position)
    if ranked:
        assert ranked[0].rank == 1
    # Every widely-needed item shown is listed when nothing limits the list.
    if top is None:
        wide = {
            row.item
            for row in result.rows
            if not row.total.hidden and row.total.figures.people >= share * result.people
        }
        assert {entry.item for entry in ranked} == wide


def test_equal_items_share_a_rank() -> None:
    people = [Person(("RAA", BANDS[1], ""), (("1", 1, 3), ("2", 1, 3), ("3", 3, 3))) for _ in range(6)]
    ranked = lowest_widely_needed(rolled_up(people, "organisation"))
    assert [(r.item, r.rank) for r in ranked] == [("1", 1), ("2", 1), ("3", 3)]
    assert ranked[0].percent_rating == Decimal("100.0")


@given(st.lists(people_in(PEOPLE_SLICES), min_size=5, max_size=40))
def test_an_item_too_few_people_rated_is_never_ranked(people: list[Person]) -> None:
    result = rolled_up(people, "role")
    hidden = {row.item for row in result.rows if row.total.hidden}
    assume(hidden)
    ranked = lowest_widely_needed(result, share=Decimal(0))
    assert not hidden & {r.item for r in ranked}
