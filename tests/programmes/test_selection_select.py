"""Selection (programmes/selection.py): never more offers than places, nobody offered while a
better-scored applicant from their region waits, places a region cannot fill go to the best from
anywhere, ties by earlier submission then id, and the waiting list is everyone else, best first."""

from decimal import Decimal
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.programmes.selection import Candidate, Selection, best_first, select

REGIONS = ["Y60", "Y61", "Y62", "Y63", ""]
SCORES = st.integers(0, 40).map(lambda halves: Decimal(halves) / 2)  # few values, so many ties


@st.composite
def candidate_lists(draw: st.DrawFn) -> list[Candidate]:
    ids = draw(st.lists(st.integers(1, 10_000), unique=True, max_size=40))
    return [
        Candidate(
            application_id=application_id,
            region_code=draw(st.sampled_from(REGIONS)),
            score=draw(SCORES),
            submitted_order=draw(st.integers(0, 20)),
        )
        for application_id in ids
    ]


@st.composite
def places_and_shares(draw: st.DrawFn) -> tuple[int, dict[str, int]]:
    shares = draw(st.dictionaries(st.sampled_from(REGIONS[:4]), st.integers(0, 8)))
    return sum(shares.values()) + draw(st.integers(0, 5)), shares


def candidate(application_id: int, region: str, score: str, order: int = 0) -> Candidate:
    return Candidate(application_id=application_id, region_code=region, score=Decimal(score), submitted_order=order)


@given(candidate_lists(), places_and_shares())
def test_never_more_offers_than_places_and_everyone_is_offered_or_waiting_once(
    candidates: list[Candidate], places_shares: tuple[int, dict[str, int]]
) -> None:
    places, shares = places_shares
    chosen = select(candidates, places, shares)
    assert len(chosen.offered) == min(places, len(candidates))
    everyone = chosen.offered + chosen.waiting
    assert sorted(everyone) == sorted(candidate.application_id for candidate in candidates)


@given(candidate_lists(), places_and_shares())
def test_nobody_is_offered_while_a_better_applicant_from_their_region_waits(
    candidates: list[Candidate], places_shares: tuple[int, dict[str, int]]
) -> None:
    places, shares = places_shares
    chosen = select(candidates, places, shares)
    offered = set(chosen.offered)
    for winner in candidates:
        for waiting in candidates:
            same_region = winner.region_code == waiting.region_code
            if same_region and winner.application_id in offered and waiting.application_id not in offered:
                assert best_first(winner) < best_first(waiting), (winner, waiting)


@given(candidate_lists(), places_and_shares())
def test_each_region_fills_its_share_as_far_as_its_applicants_go(
    candidates: list[Candidate], places_shares: tuple[int, dict[str, int]]
) -> None:
    places, shares = places_shares
    offered = set(select(candidates, places, shares).offered)
    for region, share in shares.items():
        applying = [candidate for candidate in candidates if candidate.region_code == region]
        placed = [candidate for candidate in applying if candidate.application_id in offered]
        assert len(placed) >= min(share, len(applying))


@given(candidate_lists(), places_and_shares())
def test_a_place_left_over_goes_to_the_best_waiting_from_anywhere(
    candidates: list[Candidate], places_shares: tuple[int, dict[str, int]]
) -> None:
    # Anyone offered beyond their region's share was better than everyone left waiting.
    places, shares = places_shares
    chosen = select(candidates, places, shares)
    lookup = {candidate.application_id: candidate for candidate in candidates}
    waiting_best = [best_first(lookup[application_id]) for application_id in chosen.waiting]
    counted: dict[str, int] = {}
    for application_id in chosen.offered:  # best first, so a region's share is its first offers
        region = lookup[application_id].region_code
        counted[region] = counted.get(region, 0) + 1
        if counted[region] > shares.get(region, 0):
            assert all(best_first(lookup[application_id]) < other for other in waiting_best)


@given(candidate_lists(), st.integers(0, 50))
def test_with_no_shares_simply_the_best_first(candidates: list[Candidate], places: int) -> None:
    ranked = [candidate.application_id for candidate in sorted(candidates, key=best_first)]
    assert select(candidates, places) == Selection(offered=tuple(ranked[:places]), waiting=tuple(ranked[places:]))
    assert select(candidates, places, {}) == select(candidates, places)


@given(candidate_lists(), places_and_shares())
def test_the_offers_and_the_waiting_list_are_both_best_first(
    candidates: list[Candidate], places_shares: tuple[int, dict[str, int]]
) -> None:
    places, shares = places_shares
    chosen = select(candidates, places, shares)
    lookup = {candidate.application_id: candidate for candidate in candidates}
    for group in (chosen.offered, chosen.waiting):
        keys = [best_first(lookup[application_id]) for application_id in group]
        assert keys == sorted(keys)


@given(candidate_lists(), places_and_shares(), st.randoms())
def test_the_same_selection_whatever_order_the_applications_come_in(
    candidates: list[Candidate], places_shares: tuple[int, dict[str, int]], shuffler: Random
) -> None:
    places, shares = places_shares
    shuffled = list(candidates)
    shuffler.shuffle(shuffled)
    assert select(shuffled, places, shares) == select(candidates, places, shares)


def test_a_region_fills_its_share_before_better_applicants_elsewhere() -> None:
    candidates = [
        candidate(1, "Y60", "9"),
        candidate(2, "Y60", "8"),
        candidate(3, "Y60", "7"),
        candidate(4, "Y61", "3"),
        candidate(5, "Y61", "2"),
    ]
    chosen = select(candidates, 3, {"Y60": 2, "Y61": 1})
    assert chosen == Selection(offered=(1, 2, 4), waiting=(3, 5))


def test_a_share_a_region_cannot_fill_goes_to_the_best_from_anywhere() -> None:
    candidates = [candidate(1, "Y60", "9"), candidate(2, "Y60", "8"), candidate(3, "", "8.5"), candidate(4, "Y61", "1")]
    # Y62 has two places and nobody applying: they go to the best not yet offered (3, then 2).
    chosen = select(candidates, 4, {"Y60": 1, "Y61": 1, "Y62": 2})
    assert chosen == Selection(offered=(1, 3, 2, 4), waiting=())
    assert select(candidates, 3, {"Y60": 1, "Y62": 2}) == Selection(offered=(1, 3, 2), waiting=(4,))


def test_equal_scores_go_to_the_earlier_application_then_the_lower_id() -> None:
    candidates = [
        candidate(7, "Y60", "5", order=2),
        candidate(3, "Y60", "5", order=1),
        candidate(2, "Y60", "5", order=2),
    ]
    assert select(candidates, 2) == Selection(offered=(3, 2), waiting=(7,))


def test_no_applicants_no_offers() -> None:
    assert select([], 5, {"Y60": 5}) == Selection(offered=(), waiting=())


@pytest.mark.parametrize(
    ("candidates", "places", "shares", "message"),
    [
        ([candidate(1, "Y60", "1")], -1, None, "number of places"),
        ([candidate(1, "Y60", "1"), candidate(1, "Y61", "2")], 2, None, "appears more than once"),
        ([candidate(1, "Y60", "NaN")], 1, None, "no usable score"),
        ([candidate(1, "Y60", "1")], 2, {"Y60": 2, "Y61": 1}, "add up to 3, more than the 2 places"),
        ([candidate(1, "Y60", "1")], 2, {"Y60": -1}, "share must be a whole number"),
        ([candidate(1, "Y60", "1")], 2, {"": 1}, "no region code"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(
    candidates: list[Candidate], places: int, shares: dict[str, int] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        select(candidates, places, shares)
