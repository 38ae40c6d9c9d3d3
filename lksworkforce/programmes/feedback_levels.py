"""The four levels of feedback for a cohort and a programme, with small-group suppression (the feedback part).
Pure: no Django.

1. Reaction: a fixed questionnaire at the end of the cohort (four ratings from 1 to 5 and a comment).
2. Learning: the change in participants' self-assessed levels in the programme's sub-areas, from the
   cohort's first day to three months after its last, over those with a level on both days.
3. Behaviour: the follow-up, 3 to 6 months after: what people now do differently, with examples.
4. Results: impact case studies, when the quality and impact capability lands.

Privacy (docs/adr/0007-small-group-suppression.md, 0011-privacy-over-time.md):
- Nothing about a cohort is shown until at least the threshold of people have answered.
- Over time: answers are *published in steps of the threshold*, in the order they came: with 7
  answers and a threshold of 5, the first 5 are counted; the 6th to 9th wait for the 10th. So two
  reads, before and after one person's answer, show the same figures, and every change of a figure
  is the contribution of at least the threshold of people. Free-text (comments, follow-ups) is
  published the same way, and shown in alphabetical order, never in the order it came.
- Within what is published, every count under the threshold is hidden (zero is shown), with
  complementary suppression among the ratings of a question (their total is shown); a mean is
  shown only when none of its question's counts is hidden (ADR 11: the mean and the total could
  solve for hidden counts).
- Across pages: a programme's report pools its cohorts' published answers, and a cohort's page
  hides a rating's count whenever the programme's pooled count, less the other cohorts' pages,
  would give a hidden part away (`core.disclosure.hidden_by_parent`).
- Learning figures are computed only once the "after" day has passed, from assessments finished on
  or before fixed past days, so they no longer change with anyone's action; a sub-area is shown when
  at least the threshold of people have both readings, and how many improved only when both those
  who improved and those who did not are at least the threshold."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from lksworkforce.core.disclosure import Inherited, ParentView, hidden_by_parent, page_hidden, suppressed_groups

RATINGS = (1, 2, 3, 4, 5)
RATING_LABELS = {1: "1 (poor)", 2: "2", 3: "3", 4: "4", 5: "5 (excellent)"}
MAX_COMMENT = 2_000
MAX_FOLLOW_UP_TEXT = 4_000
FOLLOW_UP_AFTER_MONTHS = 3
FOLLOW_UP_WINDOW_MONTHS = 6  # the follow-up is open from 3 to 6 months after the cohort ends
LEARNING_AFTER_MONTHS = 3
RESULTS_LATER = "Impact case studies arrive with the quality and impact capability."


class ReactionQuestion(StrEnum):
    OVERALL = "overall"
    RELEVANCE = "relevance"
    FACILITATION = "facilitation"
    RECOMMEND = "recommend"

    @property
    def text(self) -> str:
        return {
            ReactionQuestion.OVERALL: "Overall, how would you rate the programme?",
            ReactionQuestion.RELEVANCE: "How relevant was it to your work?",
            ReactionQuestion.FACILITATION: "How good was the facilitation?",
            ReactionQuestion.RECOMMEND: "How likely are you to recommend it to a colleague?",
        }[self]


QUESTIONS: tuple[ReactionQuestion, ...] = tuple(ReactionQuestion)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days_in = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return date(year, month, min(day.day, days_in))


def ratings_problems(ratings: Mapping[str, object]) -> dict[str, str]:
    """Question key -> what is wrong with its answer (every question needs a whole number 1 to 5)."""
    problems = {}
    for question in QUESTIONS:
        value = ratings.get(question.value)
        if isinstance(value, bool) or not isinstance(value, int) or value not in RATINGS:
            problems[question.value] = f"{question.text} Choose a rating from 1 to 5"
    for key in ratings:
        if key not in {q.value for q in QUESTIONS}:
            problems[key] = "There is no such question"
    return problems


def published_count(answered: int, threshold: int) -> int:
    """How many of the answers, in the order they came, are counted: whole steps of the threshold."""
    step = max(threshold, 1)
    return (max(answered, 0) // step) * step


def published[T](answers: Sequence[T], threshold: int) -> Sequence[T]:
    return answers[: published_count(len(answers), threshold)]


def _mean(values: Mapping[int, int]) -> Decimal | None:
    total = sum(values.values())
    if not total:
        return None
    mean = Decimal(sum(r * n for r, n in values.items())) / Decimal(total)
    return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RatingCount:
    rating: int
    count: int | None  # None: hidden


@dataclass(frozen=True)
class QuestionSummary:
    question: ReactionQuestion
    counts: tuple[RatingCount, ...]
    mean: Decimal | None  # None: hidden (or nobody counted)


@dataclass(frozen=True)
class ReactionSummary:
    answered: int  # published answers (a multiple of the threshold)
    threshold: int
    questions: tuple[QuestionSummary, ...]
    comments: tuple[str, ...]

    @property
    def hidden(self) -> bool:
        return self.answered == 0


@dataclass(frozen=True)
class Reaction:
    ratings: Mapping[str, int]
    comments: str = ""


def _counts(answers: Iterable[Reaction], question: ReactionQuestion) -> dict[int, int]:
    counts = dict.fromkeys(RATINGS, 0)
    for answer in answers:
        value = answer.ratings.get(question.value)
        if value in counts:
            counts[value] += 1
    return counts


def _question(
    question: ReactionQuestion, counts: dict[int, int], threshold: int, inherited: Inherited[int] | None
) -> QuestionSummary:
    nonzero = {r: n for r, n in counts.items() if n}  # zero is shown: it gives nobody away
    hidden = page_hidden(nonzero, threshold, inherited=inherited)
    shown = tuple(RatingCount(r, None if r in hidden else n) for r, n in counts.items())
    return QuestionSummary(question, shown, None if hidden else _mean(counts))


def _summarise(
    counted: Sequence[Reaction], threshold: int, inherited: Mapping[ReactionQuestion, Inherited[int]]
) -> ReactionSummary:
    questions = tuple(_question(q, _counts(counted, q), threshold, inherited.get(q)) for q in QUESTIONS)
    comments = tuple(sorted((a.comments.strip() for a in counted if a.comments.strip()), key=str.casefold))
    return ReactionSummary(len(counted), threshold, questions, comments)


def reaction_summary(
    answers: Sequence[Reaction], threshold: int, *, inherited: Mapping[ReactionQuestion, Inherited[int]] | None = None
) -> ReactionSummary:
    """A cohort's reaction: its published answers, each question's counts and mean with what is hidden.
    `answers` in the order they came; `inherited`: what the programme's pooled report forces hidden."""
    return _summarise(published(answers, threshold), threshold, inherited or {})


@dataclass(frozen=True)
class ProgrammeReaction:
    pooled: ReactionSummary
    cohorts: Mapping[int, ReactionSummary]  # cohort id -> its own page's summary


def programme_reaction(by_cohort: Mapping[int, Sequence[Reaction]], threshold: int) -> ProgrammeReaction:
    """The programme's pooled reaction (every cohort's published answers) and each cohort's own,
    with what the pooled page forces each cohort's page to hide."""
    counted = {cohort: list(published(answers, threshold)) for cohort, answers in by_cohort.items()}
    pooled = _summarise([a for answers in counted.values() for a in answers], threshold, {})
    per_question = {q: {c: _counts(a, q) for c, a in counted.items()} for q in QUESTIONS}
    members = {c: len(a) for c, a in counted.items() if a}
    cohorts = {}
    for cohort, answers in counted.items():
        inherited: dict[ReactionQuestion, Inherited[int]] = {}
        for question, per_cohort in per_question.items():
            parent: ParentView[int, int] = ParentView(
                members=members,
                parts={r: {c: counts[r] for c, counts in per_cohort.items() if counts[r]} for r in RATINGS},
            )
            inherited[question] = hidden_by_parent(parent, cohort, threshold) if answers else Inherited()
        cohorts[cohort] = _summarise(answers, threshold, inherited)
    return ProgrammeReaction(pooled, cohorts)


# Learning ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubAreaChange:
    sub_area_id: int
    label: str
    people: int | None  # with both readings; None: fewer than the threshold (hidden)
    mean_change: Decimal | None
    improved: int | None


@dataclass(frozen=True)
class LearningChange:
    before_on: date
    after_on: date
    ready: bool  # the after day has passed
    threshold: int
    sub_areas: tuple[SubAreaChange, ...]


def _changes(
    sub_area_id: int, before: Mapping[int, Mapping[int, int]], after: Mapping[int, Mapping[int, int]]
) -> list[int]:
    return [
        after[p][sub_area_id] - levels[sub_area_id]
        for p, levels in before.items()
        if sub_area_id in levels and sub_area_id in after.get(p, {})
    ]


def _change_row(
    sub_area_id: int, label: str, changes: Sequence[int], threshold: int, *, improved_ok: bool = True
) -> SubAreaChange:
    people = len(changes)
    if people < threshold:
        return SubAreaChange(sub_area_id, label, None, None, None)
    improved = sum(1 for c in changes if c > 0)
    split = {"improved": improved, "not": people - improved}
    split_hidden = suppressed_groups({k: n for k, n in split.items() if n}, threshold)  # zero is shown
    mean = (Decimal(sum(changes)) / Decimal(people)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return SubAreaChange(sub_area_id, label, people, mean, improved if improved_ok and not split_hidden else None)


type Readings = tuple[Mapping[int, Mapping[int, int]], Mapping[int, Mapping[int, int]]]


def learning_change(
    sub_areas: Sequence[tuple[int, str]],
    before: Mapping[int, Mapping[int, int]],
    after: Mapping[int, Mapping[int, int]],
    threshold: int,
) -> tuple[SubAreaChange, ...]:
    """Per sub-area, over the people with a level on both days: how many, the mean change and how many improved."""
    return tuple(_change_row(pk, label, _changes(pk, before, after), threshold) for pk, label in sub_areas)


def pooled_learning(
    sub_areas: Sequence[tuple[int, str]], cohorts: Sequence[Readings], threshold: int
) -> tuple[SubAreaChange, ...]:
    """A programme's learning change: per sub-area, over the cohorts whose own page shows it (so the
    pooled figure less the cohorts' pages gives no hidden cohort away); how many improved only when
    every cohort counted shows its own."""
    rows = []
    for pk, label in sub_areas:
        changes: list[int] = []
        improved_ok = True
        for before, after in cohorts:
            own = _changes(pk, before, after)
            row = _change_row(pk, label, own, threshold)
            if row.people is not None:
                changes += own
                improved_ok = improved_ok and row.improved is not None
        rows.append(_change_row(pk, label, changes, threshold, improved_ok=improved_ok))
    return tuple(rows)


def learning_days(starts_on: date, ends_on: date) -> tuple[date, date]:
    """The day of the "before" reading (the cohort's first) and of the "after" (three months after its last)."""
    return starts_on, add_months(ends_on, LEARNING_AFTER_MONTHS)


# Behaviour ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpAnswer:
    doing_differently: str
    examples: str


@dataclass(frozen=True)
class Behaviour:
    scheduled: int  # follow-ups scheduled (everyone with a place: not personal)
    answered: int  # published answers (a multiple of the threshold)
    threshold: int
    answers: tuple[FollowUpAnswer, ...]  # alphabetical

    @property
    def hidden(self) -> bool:
        return self.answered == 0


def behaviour(scheduled: int, answers_in_order: Sequence[FollowUpAnswer], threshold: int) -> Behaviour:
    counted = published(answers_in_order, threshold)
    shown = tuple(sorted(counted, key=lambda a: (a.doing_differently.casefold(), a.examples.casefold())))
    return Behaviour(scheduled, len(counted), threshold, shown)


def pooled_behaviour(cohorts: Sequence[Behaviour], threshold: int) -> Behaviour:
    """A programme's follow-ups: every cohort's published answers (each a whole number of steps)."""
    answers = [a for c in cohorts for a in c.answers]
    shown = tuple(sorted(answers, key=lambda a: (a.doing_differently.casefold(), a.examples.casefold())))
    return Behaviour(sum(c.scheduled for c in cohorts), len(answers), threshold, shown)


def follow_up_due(ends_on: date) -> date:
    return add_months(ends_on, FOLLOW_UP_AFTER_MONTHS)


def follow_up_closes(ends_on: date) -> date:
    return add_months(ends_on, FOLLOW_UP_WINDOW_MONTHS)
