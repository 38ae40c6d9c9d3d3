"""The completion rule (programmes/completion.py): pure, property-tested."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.programmes.completion import (
    CompletionRule,
    Outcome,
    SessionMark,
    decide,
    progress_sentence,
    sessions_required,
)

START = date(2026, 3, 2)
rules = st.builds(CompletionRule, st.one_of(st.none(), st.integers(0, 12)), st.booleans())
attendance = st.lists(st.booleans(), max_size=10)


def marks_of(present: list[bool]) -> list[SessionMark]:
    return [SessionMark(START + timedelta(weeks=n), here) for n, here in enumerate(present)]


def test_three_of_four_completes_on_the_third_attended_session() -> None:
    decision = decide(
        CompletionRule(3, needs_project=False),
        marks_of([True, False, True, True]),
        in_a_project=False,
        cohort_ended=False,
    )
    assert decision.outcome is Outcome.COMPLETED
    assert decision.completed_on == START + timedelta(weeks=3)
    assert progress_sentence(decision, yours=True) == "3 of 4 sessions attended; you need 3."


def test_every_session_when_the_rule_says_none_and_not_completed_once_ended() -> None:
    rule = CompletionRule(None, needs_project=False)
    going = decide(rule, marks_of([True, True, False]), in_a_project=False, cohort_ended=False)
    assert (going.outcome, going.required, going.completed_on) == (Outcome.GOING, 3, None)
    ended = decide(rule, marks_of([True, True, False]), in_a_project=False, cohort_ended=True)
    assert ended.outcome is Outcome.NOT_COMPLETED
    assert progress_sentence(ended, yours=False) == "2 of 3 sessions attended; needs 3."


def test_a_group_project_is_needed_where_the_programme_says_so() -> None:
    rule = CompletionRule(2, needs_project=True)
    without = decide(rule, marks_of([True, True]), in_a_project=False, cohort_ended=True)
    assert without.outcome is Outcome.NOT_COMPLETED
    assert "a group project (you are not in one yet)" in progress_sentence(without, yours=True)
    within = decide(rule, marks_of([True, True]), in_a_project=True, cohort_ended=True)
    assert (within.outcome, within.completed_on) == (Outcome.COMPLETED, START + timedelta(weeks=1))


def test_a_cohort_without_sessions_is_never_decided() -> None:
    decision = decide(CompletionRule(0, needs_project=False), [], in_a_project=True, cohort_ended=True)
    assert decision.outcome is Outcome.GOING
    assert progress_sentence(decision, yours=True) == "No sessions are planned yet."


@given(rules, attendance, st.booleans(), st.booleans())
def test_completed_exactly_when_the_rule_is_met(
    rule: CompletionRule, present: list[bool], project: bool, ended: bool
) -> None:
    decision = decide(rule, marks_of(present), in_a_project=project, cohort_ended=ended)
    met = (
        bool(present) and sum(present) >= sessions_required(rule, len(present)) and (project or not rule.needs_project)
    )
    assert (decision.outcome is Outcome.COMPLETED) == met
    assert decision.attended == sum(present) <= decision.sessions == len(present)
    assert decision.required <= decision.sessions
    if decision.outcome is Outcome.NOT_COMPLETED:
        assert ended
    if met:
        assert decision.completed_on in {m.on for m in marks_of(present)}
        if decision.required:  # the day of an attended session, the required-th one
            attended_days = [m.on for m in marks_of(present) if m.present]
            assert decision.completed_on == attended_days[decision.required - 1]
    else:
        assert decision.completed_on is None


@given(rules, attendance, st.booleans(), st.booleans(), st.integers(0, 9))
def test_being_present_once_more_never_undoes_a_completion(
    rule: CompletionRule, present: list[bool], project: bool, ended: bool, index: int
) -> None:
    before = decide(rule, marks_of(present), in_a_project=project, cohort_ended=ended)
    more = list(present)
    if more:
        more[index % len(more)] = True
    after = decide(rule, marks_of(more), in_a_project=project, cohort_ended=ended)
    if before.outcome is Outcome.COMPLETED:
        assert after.outcome is Outcome.COMPLETED
        assert after.completed_on is not None
        assert before.completed_on is not None
        assert after.completed_on <= before.completed_on


@given(rules, attendance, st.booleans(), st.randoms(use_true_random=False))
def test_the_order_marks_arrive_in_does_not_matter(
    rule: CompletionRule, present: list[bool], project: bool, rng: object
) -> None:
    marks = marks_of(present)
    shuffled = list(marks)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert decide(rule, marks, in_a_project=project, cohort_ended=True) == decide(
        rule, shuffled, in_a_project=project, cohort_ended=True
    )
