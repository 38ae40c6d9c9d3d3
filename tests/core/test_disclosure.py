"""Small-group suppression: no group under the threshold is ever shown, and the total cannot be
used to work one out."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.core.disclosure import (
    Suppressed,
    disclose,
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
