"""Small-group suppression: no group under the threshold is ever shown, and the total cannot be
used to work one out."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.core.disclosure import (
    Inherited,
    ParentView,
    Suppressed,
    disclose,
    hidden_anywhere,
    hidden_by_parent,
    page_hidden,
    releasable,
    small_changes,
    suppressed_groups,
    suppressed_label,
    suppression_reason,
)
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.core.services import suppression_policy_set
from tests.conftest import World

sizes = st.dictionaries(st.text(min_size=1, max_size=3), st.integers(min_value=0, max_value=40), max_size=8)
thresholds = st.integers(min_value=2, max_value=12)


@given(sizes, thresholds)
def test_every_small_group_is_hidden(groups: dict[str, int], threshold: int) -> None:
    hidden = suppressed_groups(groups, threshold)
    assert {key for key, size in groups.items() if size < threshold} <= hidden


@given(sizes, thresholds)
def test_the_total_gives_away_no_small_number_of_people(groups: dict[str, int], threshold: int) -> None:
    """What subtraction from the total reveals (the people in hidden groups together) is nobody,
    or at least the threshold, or everything is hidden; and never a single hidden group alone."""
    hidden = suppressed_groups(groups, threshold)
    together = sum(groups[key] for key in hidden)
    everything_hidden = hidden == set(groups)
    assert together == 0 or everything_hidden or (together >= threshold and len(hidden) >= 2)


@given(sizes, thresholds)
def test_without_a_total_only_small_groups_are_hidden(groups: dict[str, int], threshold: int) -> None:
    assert suppressed_groups(groups, threshold, total_shown=False) == {k for k, v in groups.items() if v < threshold}


def test_a_group_of_four_beside_a_large_one_hides_both_when_the_total_is_shown() -> None:
    shown = disclose({"Bands 1-4": 4, "Band 5 and above": 120}, 5)
    assert shown["Bands 1-4"].label == "fewer than 5"
    assert shown["Band 5 and above"].hidden
    assert shown["Band 5 and above"].label == "fewer than 5"


def test_groups_at_the_threshold_are_shown() -> None:
    shown = disclose({"a": 5, "b": 1200}, 5)
    assert [d.label for d in shown.values()] == ["5", "1,200"]


def test_label_names_the_threshold() -> None:
    assert suppressed_label(10) == "fewer than 10"


@pytest.mark.django_db
def test_threshold_is_policy_data_with_a_default_of_five() -> None:
    from datetime import date

    assert suppression_threshold(date(2026, 1, 1)) == 5
    suppression_policy_set(actor=None, minimum_group_size=10, effective_from=date(2026, 4, 1))
    assert suppression_threshold(date(2026, 3, 31)) == 5
    assert suppression_threshold(date(2026, 4, 1)) == 10


@pytest.mark.django_db
def test_national_team_sets_the_threshold_on_its_page(world: World) -> None:
    from tests.conftest import client_for

    page = client_for(world.national).post(
        "/policy/suppression/",
        {
            "minimum_group_size": "10",
            "effective_from": "2026-01-01",
            "notes": "Board decision",
            "seen_versions": "none",
        },
    )
    assert page.status_code == 302
    assert suppression_threshold() == 10
    shown = client_for(world.staff).get("/policy/suppression/").content.decode()
    assert "fewer than <strong>10</strong> people" in shown
    assert "Board decision" in shown


@pytest.mark.django_db
def test_others_cannot_set_the_threshold_and_bad_values_change_nothing(world: World) -> None:
    from lksworkforce.core.models import SuppressionPolicy
    from tests.conftest import client_for

    refused = client_for(world.regional_lead).post(
        "/policy/suppression/", {"minimum_group_size": "2", "effective_from": "2026-01-01"}
    )
    assert refused.status_code == 403
    page = client_for(world.national).post(
        "/policy/suppression/", {"minimum_group_size": "1", "effective_from": "x", "seen_versions": "none"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "The smallest group must be 2 or more people" in text
    assert "Enter a real date" in text
    assert not SuppressionPolicy.objects.exists()
    assert suppression_threshold() == 5


# Changes over time (docs/adr/0011-privacy-over-time.md) -----------------------------------------

touches = st.dictionaries(
    st.integers(0, 30), st.frozensets(st.tuples(st.sampled_from("ab"), st.sampled_from("xyz")), max_size=4), max_size=30
)


@given(touches, st.integers(2, 6))
def test_what_is_released_moves_every_cell_by_nobody_or_at_least_the_threshold(
    pending: dict[int, frozenset[tuple[str, str]]], threshold: int
) -> None:
    released = releasable(pending, threshold)
    assert released <= set(pending)
    counts: dict[tuple[str, str], int] = {}
    for person in released:
        for cell in pending[person]:
            counts[cell] = counts.get(cell, 0) + 1
    assert all(n >= threshold for n in counts.values()), counts
    # A change that touches nothing is released at once; a cell everyone agrees on is never held.
    assert {p for p, cells in pending.items() if not cells} <= released


@given(st.integers(2, 6), st.integers(0, 12))
def test_a_group_that_changes_together_is_released_together(threshold: int, people: int) -> None:
    pending = {p: frozenset({("team", "band 5+"), ("team", "all")}) for p in range(people)}
    assert releasable(pending, threshold) == (frozenset(pending) if people >= threshold else frozenset())


def test_one_person_in_a_small_cell_is_held_and_the_others_go() -> None:
    five = {p: frozenset({("team", "all"), ("team", "band 5+")}) for p in range(5)}
    alone = {9: frozenset({("team", "all"), ("team", "band 1-4")})}
    assert releasable(five | alone, 5) == frozenset(five)
    assert releasable({**dict(list(five.items())[:4]), **alone}, 5) == frozenset()
    assert small_changes({"a": 0, "b": 1, "c": 4, "d": 5}, 5) == frozenset({"b", "c"})


@given(
    size=st.integers(min_value=0, max_value=50),
    threshold=st.integers(min_value=1, max_value=20),
    hidden=st.booleans(),
)
def test_a_hidden_figure_says_why_and_a_shown_one_gives_no_reason(size: int, threshold: int, hidden: bool) -> None:
    reason = suppression_reason(size, threshold, hidden=hidden)
    if not hidden:
        assert reason is None
    elif size < threshold:
        assert reason is Suppressed.SMALL_GROUP
    else:
        assert reason is Suppressed.PROTECTS_SMALLER_GROUP


# Across pages: a parent scope and its members (England and its regions) -------------------------

grids = st.lists(st.lists(st.integers(min_value=0, max_value=14), min_size=3, max_size=3), min_size=1, max_size=4)


@dataclass(frozen=True)
class Pages:
    """Every figure a reader who may read all the pages sees: the parent's total, its page by member
    (each member's total) and by group (each group's total), and each member's own page by group."""

    threshold: int
    cells: dict[tuple[int, int], int]  # (member, group) -> people
    shown: dict[tuple[str, ...], bool]  # figure -> shown anywhere

    def size(self, figure: tuple[str, ...]) -> int:
        kind, *keys = figure

        def counted(member: int, group: int) -> bool:
            return {
                "total": [],
                "member": [str(member)],
                "group": [str(group)],
                "cell": [str(member), str(group)],
            }[kind] == keys

        return sum(n for (m, g), n in self.cells.items() if counted(m, g))

    def sums(self) -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
        """Each figure shown as a total with the figures it is the sum of."""
        members = sorted({m for m, _g in self.cells})
        groups = sorted({g for _m, g in self.cells})
        figures: list[tuple[tuple[str, ...], list[tuple[str, ...]]]] = [
            (("total",), [("member", str(m)) for m in members]),
            (("total",), [("group", str(g)) for g in groups]),
        ]
        figures.extend((("member", str(m)), [("cell", str(m), str(g)) for g in groups]) for m in members)
        figures.extend((("group", str(g)), [("cell", str(m), str(g)) for m in members]) for g in groups)
        return figures


def read_pages(rows: list[list[int]], threshold: int) -> Pages:
    """Suppress each page as the roll-ups and survey rankings do: each page by itself
    (`suppressed_groups`), a member's page with what its parent's pages force (`hidden_by_parent`,
    `page_hidden`)."""
    cells = {(m, g): n for m, row in enumerate(rows) for g, n in enumerate(row)}
    member_totals = {m: sum(row) for m, row in enumerate(rows)}
    group_totals = {g: sum(row[g] for row in rows) for g in range(3)}
    total = sum(member_totals.values())
    parent_hidden = total < threshold
    shown: dict[tuple[str, ...], bool] = {("total",): not parent_hidden}
    by_member = set(member_totals) if parent_hidden else suppressed_groups(member_totals, threshold)
    by_group = set(group_totals) if parent_hidden else suppressed_groups(group_totals, threshold)
    shown |= {("group", str(g)): g not in by_group for g in group_totals}
    parent = ParentView(member_totals, {g: {m: cells[(m, g)] for m in member_totals} for g in range(3)}, parent_hidden)
    for m, row in enumerate(rows):
        inherited = hidden_by_parent(parent, m, threshold)
        # The member's total is one figure on two pages: hidden on both or neither.
        assert inherited.everything == (m in by_member)
        own_hidden = member_totals[m] < threshold
        shown[("member", str(m))] = not (inherited.everything or own_hidden)
        sizes = dict(enumerate(row))
        own = set(sizes) if own_hidden else suppressed_groups(sizes, threshold)
        hidden = page_hidden(sizes, threshold, hidden=own, inherited=inherited)
        shown |= {("cell", str(m), str(g)): g not in hidden for g in sizes}
    return Pages(threshold, cells, shown)


@given(grids, st.integers(min_value=2, max_value=6))
def test_no_small_group_can_be_worked_out_by_subtracting_one_page_from_another(
    rows: list[list[int]], threshold: int
) -> None:
    """England's figure less the regions' pages, a region's total less its groups, a group's total
    less each region's part of it: what is left is nobody or at least the threshold."""
    pages = read_pages(rows, threshold)
    for figure, is_shown in pages.shown.items():
        if is_shown:
            assert pages.size(figure) >= threshold, figure
    for total, parts in pages.sums():
        if not pages.shown[total]:
            continue
        left = pages.size(total) - sum(pages.size(p) for p in parts if pages.shown[p])
        assert left == 0 or left >= threshold, (total, parts, left)


def test_a_region_hides_its_part_of_englands_figure_when_england_would_give_it_away() -> None:
    """England shows bands 1 to 4 (4 + 10 + 30); North West's 4 are hidden on its page, and London's
    10 too, as England less South West's page would otherwise leave them; London's page then hides
    its band 5 and above as well, or its total would give its bands 1 to 4 away."""
    england = ParentView(
        {"London": 40, "North West": 24, "South West": 60},
        {"Bands 1 to 4": {"London": 10, "North West": 4, "South West": 30}},
    )
    london = hidden_by_parent(england, "London", 5)
    assert london == Inherited(groups=frozenset({"Bands 1 to 4"}))
    assert hidden_by_parent(england, "South West", 5) == Inherited()
    sizes = {"Bands 1 to 4": 10, "Band 5 and above": 30}
    assert page_hidden(sizes, 5, inherited=london) == frozenset(sizes)
    assert page_hidden(sizes, 5) == frozenset()


def test_a_member_the_parent_hides_shows_nothing_of_its_own() -> None:
    """England by region hides North West (4) and, to protect it, London (12): London's own page
    shows nothing, or England less the pages of London and South West would leave North West."""
    england: ParentView[str, str] = ParentView({"London": 12, "North West": 4, "South West": 60})
    assert hidden_by_parent(england, "London", 5).everything
    assert not hidden_by_parent(england, "South West", 5).everything
    assert page_hidden({"a": 6, "b": 6}, 5, inherited=hidden_by_parent(england, "London", 5)) == {"a", "b"}


def test_the_same_figure_is_hidden_on_every_page_that_shows_it() -> None:
    assert hidden_anywhere({"Beta"}, frozenset({"Alpha", "Beta"}), frozenset()) == {"Alpha", "Beta"}
