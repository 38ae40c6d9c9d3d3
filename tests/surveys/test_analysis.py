"""The survey statistics (pure; no database): Wilson intervals, ranks with ties, suppression,
comparison between cycles and the summaries of other questions."""

import math
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lksworkforce.surveys.analysis import (
    ALL_RESPONDENTS,
    AnswerCount,
    GroupCounts,
    RankedOption,
    Visibility,
    compare_rankings,
    competition_ranks,
    distribution,
    frequent_terms,
    likert_summary,
    number_summary,
    rank_breakdowns,
    rank_groups,
    rank_options,
    ranking_summary,
    top_options,
    wilson_interval,
)

trials = st.integers(min_value=1, max_value=1_000_000)


@st.composite
def proportions(draw: st.DrawFn) -> tuple[int, int]:
    n = draw(trials)
    return draw(st.integers(min_value=0, max_value=n)), n


@given(proportions())
def test_the_wilson_interval_lies_in_0_to_1_and_contains_the_proportion(case: tuple[int, int]) -> None:
    k, n = case
    low, high = wilson_interval(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0


@given(proportions())
def test_the_wilson_interval_is_symmetric_between_success_and_failure(case: tuple[int, int]) -> None:
    k, n = case
    low, high = wilson_interval(k, n)
    other_low, other_high = wilson_interval(n - k, n)
    assert math.isclose(low, 1 - other_high, abs_tol=1e-9)
    assert math.isclose(high, 1 - other_low, abs_tol=1e-9)


@given(st.integers(min_value=1, max_value=1000), st.integers(min_value=2, max_value=50))
def test_more_respondents_give_a_narrower_interval(n: int, factor: int) -> None:
    k = n // 3
    low, high = wilson_interval(k, n)
    wider_low, wider_high = wilson_interval(k * factor, n * factor)
    assert wider_high - wider_low < high - low


def test_wilson_worked_examples() -> None:
    # (Bound by bound: mypy cannot see that a pytest.approx inside a tuple compares equal to a float.)
    # None of 10: the upper bound is z^2 / (n + z^2) = 3.8415 / 13.8415.
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.27754, abs=1e-5)
    # 50 of 100: centred on a half, half-width 0.0962.
    low, high = wilson_interval(50, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)
    low, high = wilson_interval(10, 10)
    assert low == pytest.approx(0.72246, abs=1e-5)
    assert high == 1.0
    with pytest.raises(ValueError, match="at least one trial"):
        wilson_interval(0, 0)
    with pytest.raises(ValueError, match="between 0"):
        wilson_interval(11, 10)


counts = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3), st.integers(min_value=0, max_value=50), max_size=12
)


@given(counts)
def test_competition_ranks_ties_share_a_rank_and_skip_the_next(values: dict[str, int]) -> None:
    ranks = competition_ranks(values)
    for key, count in values.items():
        assert ranks[key] == 1 + sum(1 for other in values.values() if other > count)
    for a in values:
        for b in values:
            assert (ranks[a] == ranks[b]) == (values[a] == values[b])
            if values[a] > values[b]:
                assert ranks[a] < ranks[b]


def test_ranks_with_ties_worked_example() -> None:
    assert competition_ranks({"a": 9, "b": 7, "c": 7, "d": 3}) == {"a": 1, "b": 2, "c": 2, "d": 4}


@given(counts, st.integers(min_value=0, max_value=20), st.integers(min_value=1, max_value=12))
def test_the_top_n_is_every_chosen_option_ranked_n_or_better(values: dict[str, int], extra: int, top: int) -> None:
    answered = max(values.values(), default=0) + extra
    assume(answered > 0)
    ranked = rank_options(values, {k: k.upper() for k in values}, answered)
    shown = top_options(ranked, top)
    assert {o.key for o in shown} == {k for k, v in values.items() if v > 0 and o_rank(ranked, k) <= top}
    # Best first, and every share is respondents / answered inside its interval.
    assert [o.respondents for o in shown] == sorted((o.respondents for o in shown), reverse=True)
    for o in ranked:
        assert o.share == o.respondents / answered
        assert o.ci_low <= o.share <= o.ci_high
    # A tie at the boundary keeps every tied option: at least min(top, chosen) rows.
    chosen = sum(1 for v in values.values() if v > 0)
    assert len(shown) >= min(top, chosen)


def o_rank(ranked: list[RankedOption], key: str) -> int:
    return next(o.rank for o in ranked if o.key == key)


def test_a_tie_at_the_boundary_shows_more_than_n_rows() -> None:
    ranked = rank_options({"a": 10, "b": 8, "c": 8, "d": 2}, {k: k for k in "abcd"}, 20)
    assert [(o.key, o.rank) for o in top_options(ranked, 2)] == [("a", 1), ("b", 2), ("c", 2)]


def test_options_nobody_chose_are_ranked_but_not_shown() -> None:
    ranked = rank_options({"a": 3}, {"a": "A", "b": "B"}, 5)
    assert [(o.key, o.rank, o.respondents) for o in ranked] == [("a", 1, 3), ("b", 2, 0)]
    assert [o.key for o in top_options(ranked, 10)] == ["a"]
    assert rank_options({}, {"a": "A"}, 0) == []
    with pytest.raises(ValueError, match="more respondents than answered"):
        rank_options({"a": 6}, {"a": "A"}, 5)


groups = st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8)


@given(groups, st.integers(min_value=2, max_value=10))
def test_no_group_smaller_than_the_threshold_is_ever_shown(sizes: list[int], threshold: int) -> None:
    counts = [GroupCounts(f"g{i}", f"Group {i}", n, {"x": n // 2}) for i, n in enumerate(sizes)]
    rankings = rank_groups(counts, {"x": "X"}, threshold)
    for ranking in rankings:
        if ranking.answered < threshold and ranking.answered > 0:
            assert ranking.visibility is Visibility.SMALL
        if ranking.hidden:
            assert ranking.options == ()
            assert ranking.top(10) == []
        else:
            assert ranking.answered >= threshold or ranking.answered == 0
    # With the total shown, what is hidden cannot be worked out: nothing, or at least a threshold's
    # worth of people in more than one group.
    hidden = [r for r in rankings if r.hidden]
    people_hidden = sum(r.answered for r in hidden)
    assert people_hidden == 0 or (people_hidden >= threshold and len(hidden) > 1) or len(hidden) == len(rankings)


def test_a_group_of_4_is_hidden_and_so_is_its_complement() -> None:
    counts = [
        GroupCounts("bands_1_to_4", "Bands 1 to 4", 4, {"x": 4}),
        GroupCounts("band_5_and_above", "Band 5 and above", 30, {"x": 12}),
        GroupCounts("not_stated", "Band not stated", 9, {"x": 1}),
    ]
    rankings = {r.key: r for r in rank_groups(counts, {"x": "X"}, 5)}
    assert rankings["bands_1_to_4"].visibility is Visibility.SMALL
    # Hidden too, the smaller of the others: otherwise 43 - 30 - 9 gives the 4 away.
    assert rankings["not_stated"].visibility is Visibility.COMPLEMENTARY
    assert rankings["band_5_and_above"].visibility is Visibility.SHOWN
    assert rankings["band_5_and_above"].top(10)[0].respondents == 12


OPTIONS = ("a", "b", "c", "d")
BREAKDOWNS = {"band": ("low", "high", "not_stated"), "region": ("north", "south")}

# A respondent: the group they are in for each breakdown, and the options they chose (first first).
respondents = st.lists(
    st.tuples(
        st.fixed_dictionaries({b: st.sampled_from(groups) for b, groups in BREAKDOWNS.items()}),
        st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=len(OPTIONS), unique=True),
    ),
    max_size=60,
)


def answer_cells(people: list[tuple[dict[str, str], list[str]]]) -> list[AnswerCount[str]]:
    """The aggregate SQL gives: per option and combination of groups, answers choosing it and
    answers starting with it."""
    chosen: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()
    first: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()
    for groups, options in people:
        cell_groups = tuple(sorted(groups.items()))
        for option in options:
            chosen[option, cell_groups] += 1
        first[options[0], cell_groups] += 1
    return [AnswerCount(option, dict(groups), n, first[option, groups]) for (option, groups), n in chosen.items()]


@given(respondents, st.integers(min_value=1, max_value=8))
def test_every_breakdown_of_a_ranking_adds_up_to_everyone(
    people: list[tuple[dict[str, str], list[str]]], threshold: int
) -> None:
    labels = {o: o.upper() for o in OPTIONS}
    group_labels = {b: {g: g.title() for g in groups[:-1]} for b, groups in BREAKDOWNS.items()}  # one unlabelled
    overall, breakdowns = rank_breakdowns(answer_cells(people), labels, group_labels, threshold)
    assert overall.key == ALL_RESPONDENTS
    assert overall.answered == len(people)
    assert overall.hidden == (len(people) < threshold)
    if not overall.hidden:
        for option in overall.options:
            assert option.respondents == sum(option.key in chosen for _groups, chosen in people)
    assert set(breakdowns) == set(BREAKDOWNS)
    for breakdown, groups in BREAKDOWNS.items():
        sizes = Counter(person_groups[breakdown] for person_groups, _chosen in people)
        shown = breakdowns[breakdown]
        # Groups in their labels' order, the unlabelled one last, and none that nobody is in.
        assert [g.key for g in shown] == [g for g in groups if sizes[g]]
        assert {g.key: g.answered for g in shown} == {g: n for g, n in sizes.items() if n}
        assert sum(g.answered for g in shown) == overall.answered
        for group in shown:
            assert group.label == group_labels[breakdown].get(group.key, group.key)
            assert not (0 < group.answered < threshold) or group.hidden
            for option in group.options:
                assert option.respondents == sum(
                    option.key in chosen for person_groups, chosen in people if person_groups[breakdown] == group.key
                )


def test_comparison_finds_moves_new_entries_and_drop_outs() -> None:
    labels = {k: k.title() for k in "abcde"}
    previous = rank_options({"a": 50, "b": 40, "c": 30, "d": 1}, {k: labels[k] for k in "abcd"}, 100)  # e not asked
    current = rank_options({"b": 60, "a": 45, "e": 35, "c": 5}, labels, 100)
    comparison = compare_rankings(current, previous, 3)
    rows = {row.option.key: row for row in comparison.rows}
    assert list(rows) == ["b", "a", "e"]
    assert (rows["b"].previous_rank, rows["b"].rank_change) == (2, 1)
    assert (rows["a"].previous_rank, rows["a"].rank_change) == (1, -1)
    assert rows["b"].share_change == pytest.approx(0.2)
    assert rows["e"].is_new_entry
    assert rows["e"].previous_rank is None
    assert [r.option.key for r in comparison.new_entries] == ["e"]
    assert [(d.key, d.previous_rank, d.rank) for d in comparison.dropped_out] == [("c", 3, 4)]
    # Offered before but chosen by nobody: ranked tied last, with a share of 0.
    again = compare_rankings(
        rank_options({"a": 5}, {"a": "A"}, 10), rank_options({"b": 5}, {"a": "A", "b": "B"}, 10), 3
    )
    assert (again.rows[0].previous_rank, again.rows[0].previous_share, again.rows[0].is_new_entry) == (2, 0.0, True)


@given(counts, counts, st.integers(min_value=1, max_value=6))
def test_new_entries_and_drop_outs_are_the_difference_of_the_two_top_lists(
    now: dict[str, int], before: dict[str, int], top: int
) -> None:
    labels = {k: k for k in {*now, *before}}
    current = rank_options(now, labels, max(now.values(), default=0) + 1)
    previous = rank_options(before, labels, max(before.values(), default=0) + 1)
    comparison = compare_rankings(current, previous, top)
    current_top = {o.key for o in top_options(current, top)}
    previous_top = {o.key for o in top_options(previous, top)}
    assert {r.option.key for r in comparison.new_entries} == current_top - previous_top
    assert {d.key for d in comparison.dropped_out} == previous_top - current_top


def test_summaries_of_other_questions() -> None:
    shares = distribution({"a": 3, "b": 1}, [("b", "B"), ("a", "A"), ("c", "C")], 4)
    assert [(s.key, s.respondents, s.share) for s in shares] == [("b", 1, 0.25), ("a", 3, 0.75), ("c", 0, 0.0)]
    likert = likert_summary({"low": 2, "high": 6}, [("low", "Low", 1), ("mid", "Mid", 2), ("high", "High", 3)])
    assert likert.answered == 8
    assert likert.mean_score == pytest.approx((2 * 1 + 6 * 3) / 8)
    ranking = ranking_summary({"x": {1: 3, 2: 1}, "y": {1: 1, 2: 3}, "z": {}}, [("x", "X"), ("y", "Y"), ("z", "Z")], 2)
    assert [(r.key, r.points, r.first_choices, r.mean_rank) for r in ranking] == [
        ("x", 7, 3, 1.25),
        ("y", 5, 1, 1.75),
        ("z", 0, 0, None),
    ]


@given(st.lists(st.decimals(min_value=0, max_value=1000, places=2), min_size=1, max_size=200))
def test_number_summaries_are_ordered_and_show_no_extremes(values: list[Decimal]) -> None:
    summary = number_summary(values)
    assert summary is not None
    assert summary.lower_quartile <= summary.median <= summary.upper_quartile
    assert summary.answered == len(values)
    assert not hasattr(summary, "minimum")
    assert not hasattr(summary, "maximum")
    assert number_summary([]) is None


def test_frequent_terms_leave_out_rare_words_and_common_ones() -> None:
    texts = ["More training on searching", "Searching for evidence", "searching skills and AI", "AI tools", "Zebra"]
    assert frequent_terms(texts, min_respondents=2) == [("searching", 3)]
    assert frequent_terms(texts, min_respondents=3) == [("searching", 3)]
    assert frequent_terms(texts, min_respondents=4) == []
