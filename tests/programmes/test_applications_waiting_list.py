"""The waiting list: promoted in score order, earlier applications first among equals, unscored last."""

from decimal import Decimal
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.programmes.waiting_list import Waiting, free_places, promotion_order, to_promote

scores = st.one_of(st.none(), st.decimals(min_value=0, max_value=40, places=2, allow_nan=False))


@st.composite
def waiting_lists(draw: st.DrawFn) -> list[Waiting]:
    size = draw(st.integers(min_value=0, max_value=25))
    orders = draw(st.permutations(list(range(size))))
    return [Waiting(application_id=100 + i, score=draw(scores), submitted_order=orders[i]) for i in range(size)]


def test_best_score_first_then_who_applied_first_then_the_unscored() -> None:
    waiting = [
        Waiting(1, Decimal("12.5"), 3),
        Waiting(2, None, 0),
        Waiting(3, Decimal("14"), 2),
        Waiting(4, Decimal("12.5"), 1),
    ]
    assert promotion_order(waiting) == [3, 4, 1, 2]


def test_a_freed_place_goes_to_the_top_of_the_list() -> None:
    waiting = [Waiting(1, Decimal(9), 0), Waiting(2, Decimal(11), 1)]
    assert to_promote(waiting, capacity=10, taken=8, offers_out=1) == [2]
    assert to_promote(waiting, capacity=10, taken=9, offers_out=1) == []


@given(waiting_lists())
def test_the_order_is_a_permutation_with_scores_never_rising(waiting: list[Waiting]) -> None:
    order = promotion_order(waiting)
    assert sorted(order) == sorted(w.application_id for w in waiting)
    by_id = {w.application_id: w for w in waiting}
    ranked = [by_id[i] for i in order]
    for before, after in pairwise(ranked):
        if before.score is None:
            assert after.score is None
        elif after.score is not None:
            assert before.score >= after.score
            if before.score == after.score:
                assert before.submitted_order < after.submitted_order


@given(waiting_lists(), st.integers(0, 30), st.integers(0, 30), st.integers(0, 30))
def test_never_more_offers_than_free_places(waiting: list[Waiting], capacity: int, taken: int, out: int) -> None:
    promoted = to_promote(waiting, capacity=capacity, taken=taken, offers_out=out)
    assert len(promoted) == min(len(waiting), free_places(capacity, taken, out))
    assert promoted == promotion_order(waiting)[: len(promoted)]
    assert free_places(capacity, taken, out) >= 0
