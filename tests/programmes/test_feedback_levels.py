"""The four feedback levels' figures (pure): publishing in steps of the threshold, suppression within
a question and across a programme's cohorts, the learning change, and the follow-up's dates."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.programmes.feedback_levels import (
    QUESTIONS,
    RATINGS,
    FollowUpAnswer,
    Reaction,
    add_months,
    behaviour,
    follow_up_due,
    learning_change,
    programme_reaction,
    published_count,
    ratings_problems,
    reaction_summary,
)

THRESHOLD = 5
reactions = st.builds(
    Reaction,
    st.fixed_dictionaries({q.value: st.sampled_from(RATINGS) for q in QUESTIONS}),
    st.sampled_from(["", "Useful", "Too long"]),
)


def test_nothing_is_shown_until_the_threshold_have_answered() -> None:
    four = reaction_summary([Reaction({q.value: 5 for q in QUESTIONS})] * 4, THRESHOLD)
    assert four.hidden
    assert all(c.count == 0 for q in four.questions for c in q.counts)
    assert four.comments == ()
    five = reaction_summary([Reaction({q.value: 5 for q in QUESTIONS}, "Great")] * 5, THRESHOLD)
    assert five.answered == 5
    assert five.questions[0].mean == Decimal("5.0")
    assert five.comments == ("Great",) * 5


def test_a_count_under_the_threshold_hides_its_question_s_mean() -> None:
    answers = [Reaction({q.value: 4 for q in QUESTIONS})] * 6 + [Reaction({q.value: 2 for q in QUESTIONS})] * 4
    summary = reaction_summary(answers, THRESHOLD)
    counts = {c.rating: c.count for c in summary.questions[0].counts}
    assert counts == {1: 0, 2: None, 3: 0, 4: None, 5: 0}  # 4 hidden, and 6 hidden with it
    assert summary.questions[0].mean is None


@given(st.integers(0, 10_000), st.integers(1, 50))
def test_published_in_whole_steps_of_the_threshold(answered: int, threshold: int) -> None:
    counted = published_count(answered, threshold)
    assert counted % threshold == 0
    assert 0 <= answered - counted < threshold


@given(st.lists(reactions, max_size=30), reactions)
def test_one_more_answer_changes_nothing_or_at_least_the_threshold_of_answers(
    answers: list[Reaction], one_more: Reaction
) -> None:
    before = reaction_summary(answers, THRESHOLD)
    after = reaction_summary([*answers, one_more], THRESHOLD)
    assert before == after or after.answered - before.answered == THRESHOLD


@given(st.lists(reactions, max_size=40))
def test_no_count_under_the_threshold_is_shown(answers: list[Reaction]) -> None:
    summary = reaction_summary(answers, THRESHOLD)
    for question in summary.questions:
        assert all(c.count is None or c.count == 0 or c.count >= THRESHOLD for c in question.counts)
        if question.mean is not None:
            assert all(c.count is not None for c in question.counts)


@given(st.dictionaries(st.integers(1, 6), st.lists(reactions, max_size=25), max_size=5))
def test_the_programme_s_pooled_counts_less_the_cohorts_pages_give_nobody_away(
    by_cohort: dict[int, list[Reaction]],
) -> None:
    report = programme_reaction(by_cohort, THRESHOLD)
    for index, question in enumerate(QUESTIONS):
        pooled = {c.rating: c.count for c in report.pooled.questions[index].counts}
        for rating in RATINGS:
            shown_pooled = pooled[rating]
            if shown_pooled is None:
                continue
            parts = {
                cohort: {c.rating: c.count for c in s.questions[index].counts} for cohort, s in report.cohorts.items()
            }
            shown = sum(p[rating] or 0 for p in parts.values())
            remainder = shown_pooled - shown
            assert remainder == 0 or remainder >= THRESHOLD, (question, rating)
        for summary in report.cohorts.values():
            counts = summary.questions[index].counts
            assert all(c.count is None or c.count == 0 or c.count >= THRESHOLD for c in counts)


def test_ratings_must_each_be_a_whole_number_from_1_to_5() -> None:
    good = {q.value: 3 for q in QUESTIONS}
    assert ratings_problems(good) == {}
    assert set(ratings_problems({**good, "overall": 6, "extra": 1})) == {"overall", "extra"}
    assert set(ratings_problems({**good, "relevance": True})) == {"relevance"}
    assert "facilitation" in ratings_problems({k: v for k, v in good.items() if k != "facilitation"})


def test_learning_change_over_people_with_both_readings() -> None:
    before = {p: {1: 1, 2: 2} for p in range(6)} | {99: {1: 0}}
    after = {p: {1: 1 + (p % 2), 2: 2} for p in range(6)} | {100: {1: 4}}
    first, second = learning_change([(1, "1.1"), (2, "1.2")], before, after, THRESHOLD)
    assert first.people == 6
    assert first.mean_change == Decimal("0.5")
    assert first.improved is None  # 3 improved, 3 did not: both under the threshold
    assert second.people == 6
    assert second.mean_change == Decimal("0.0")
    assert second.improved == 0  # nobody improved: zero gives nobody away
    hidden = learning_change([(1, "1.1")], dict(list(before.items())[:4]), after, THRESHOLD)[0]
    assert hidden.people is None
    assert hidden.mean_change is None


@given(st.integers(5, 60), st.integers(0, 60))
def test_how_many_improved_is_shown_only_when_both_sides_are_large_enough(people: int, improved: int) -> None:
    improved = min(improved, people)
    before = {p: {1: 1} for p in range(people)}
    after = {p: {1: 2 if p < improved else 1} for p in range(people)}
    row = learning_change([(1, "1.1")], before, after, THRESHOLD)[0]
    assert row.people == people
    if row.improved is not None:
        assert row.improved == improved
        assert improved == 0 or improved >= THRESHOLD
        assert people - improved == 0 or people - improved >= THRESHOLD


def test_follow_up_answers_are_published_in_steps_and_in_alphabetical_order() -> None:
    answers = [FollowUpAnswer(f"{letter} now", "") for letter in "edcbaz"]
    shown = behaviour(8, answers, THRESHOLD)
    assert shown.answered == 5
    assert [a.doing_differently for a in shown.answers] == ["a now", "b now", "c now", "d now", "e now"]
    assert behaviour(8, answers[:4], THRESHOLD).hidden


def test_months_later_keep_the_day_or_take_the_month_s_last() -> None:
    assert add_months(date(2026, 6, 26), 3) == date(2026, 9, 26)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert follow_up_due(date(2026, 1, 31)) == date(2026, 4, 30)
