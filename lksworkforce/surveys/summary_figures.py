"""Every question's summary as figures (the API's form) and as rows of text (CSV, XLSX, the page),
from one decision of what is shown: each count either shown, or hidden with the reason why
(a small group, or one that would give a smaller group away)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lksworkforce.core.disclosure import Suppressed, suppressed_label
from lksworkforce.surveys import analysis
from lksworkforce.surveys.presenters import (
    NOT_SHOWN,
    count_figure,
    count_label,
    hidden_count_reason,
    percent_figure,
    small_counts,
)
from lksworkforce.surveys.questions import QuestionKind, plain_number
from lksworkforce.surveys.selectors import QuestionSummary, SurveySummary

SUMMARY_COLUMNS = ("question", "question_text", "type", "answered", "answer", "respondents", "percent", "figure")
NO_WORDS = "No word was used by enough respondents to show"


@dataclass(frozen=True)
class AnswerShare:
    """An answer of a choice or Likert question: how many chose it, and what share of those who answered."""

    key: str
    answer: str
    respondents: int | None
    percent: float | None
    suppressed: Suppressed | None


@dataclass(frozen=True)
class RankedAnswer:
    """An option of a ranking question: Borda points, first choices and mean rank. A small group of
    people ranking it hides all three (they describe those few people)."""

    key: str
    answer: str
    ranked_by: int | None
    points: int | None
    first_choices: int | None
    first_choices_suppressed: Suppressed | None
    mean_rank: float | None
    suppressed: Suppressed | None


@dataclass(frozen=True)
class NumberFigures:
    """No minimum or maximum: an extreme value can identify the one person who gave it."""

    mean: Decimal
    median: Decimal
    lower_quartile: Decimal
    upper_quartile: Decimal
    unit: str


@dataclass(frozen=True)
class WordCount:
    term: str
    respondents: int


@dataclass(frozen=True)
class QuestionFigures:
    question: str
    question_text: str
    type: str
    answered: int | None
    answered_suppressed: Suppressed | None
    hidden: bool  # fewer people answered than the threshold: no figures at all
    answers: list[AnswerShare] = field(default_factory=list)
    mean_score: float | None = None  # Likert questions
    mean_score_suppressed: Suppressed | None = None
    ranking: list[RankedAnswer] = field(default_factory=list)
    number: NumberFigures | None = None
    words: list[WordCount] = field(default_factory=list)


def _shares(shares: list[analysis.Share], threshold: int, *, total_shown: bool) -> list[AnswerShare]:
    hidden = small_counts({s.key: s.respondents for s in shares}, threshold, total_shown=total_shown)
    return [
        AnswerShare(s.key, s.label, None, None, hidden_count_reason(s.respondents, threshold))
        if s.key in hidden
        else AnswerShare(s.key, s.label, s.respondents, percent_figure(s.share), None)
        for s in shares
    ]


def _ranked(choice: analysis.RankedChoice, threshold: int) -> RankedAnswer:
    if 0 < choice.ranked_by < threshold:
        return RankedAnswer(choice.key, choice.label, None, None, None, None, None, Suppressed.SMALL_GROUP)
    first, first_suppressed = count_figure(choice.first_choices, threshold)
    mean_rank = None if choice.mean_rank is None else round(choice.mean_rank, 2)
    return RankedAnswer(
        choice.key, choice.label, choice.ranked_by, choice.points, first, first_suppressed, mean_rank, None
    )


def _question(item: QuestionSummary, threshold: int) -> QuestionFigures:
    answered, answered_suppressed = count_figure(item.answered, threshold)
    figures = QuestionFigures(
        item.question.key, item.question.text, item.question.kind.value, answered, answered_suppressed, item.hidden
    )
    kind = item.question.kind
    if item.hidden:
        return figures
    if kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}:
        shares = _shares(item.shares, threshold, total_shown=kind is QuestionKind.SINGLE_CHOICE)
        return QuestionFigures(**{**figures.__dict__, "answers": shares})
    if kind is QuestionKind.LIKERT and item.likert is not None:
        shares = _shares(item.likert.shares, threshold, total_shown=True)
        mean, mean_suppressed = item.likert.mean_score, None
        if mean is not None and any(share.suppressed for share in shares):
            # With some counts hidden, the mean and the total together could solve for them.
            mean, mean_suppressed = None, Suppressed.PROTECTS_SMALLER_GROUP
        mean = None if mean is None else round(mean, 2)
        return QuestionFigures(
            **{**figures.__dict__, "answers": shares, "mean_score": mean, "mean_score_suppressed": mean_suppressed}
        )
    if kind is QuestionKind.RANKING:
        return QuestionFigures(**{**figures.__dict__, "ranking": [_ranked(r, threshold) for r in item.ranking]})
    if kind is QuestionKind.NUMBER and item.number is not None:
        n = item.number
        number = NumberFigures(n.mean, n.median, n.lower_quartile, n.upper_quartile, item.question.unit)
        return QuestionFigures(**{**figures.__dict__, "number": number})
    return QuestionFigures(**{**figures.__dict__, "words": [WordCount(t, c) for t, c in item.terms]})


def summary_figures(summary: SurveySummary) -> list[QuestionFigures]:
    """Every question's figures, in the survey's order."""
    return [_question(item, summary.threshold) for item in summary.questions]


# As rows of text, for CSV, XLSX and the page ------------------------------------------------------


def _count_text(count: int | None, reason: Suppressed | None, threshold: int) -> str:
    if reason is None:
        return str(count)
    return suppressed_label(threshold) if reason is Suppressed.SMALL_GROUP else NOT_SHOWN


def _answer_rows(question: QuestionFigures, threshold: int) -> list[dict[str, str]]:
    rows = [
        {
            "answer": a.answer,
            "respondents": _count_text(a.respondents, a.suppressed, threshold),
            "percent": "" if a.percent is None else f"{a.percent:.1f}",
        }
        for a in question.answers
    ]
    if question.type == QuestionKind.LIKERT and (question.mean_score is not None or question.mean_score_suppressed):
        figure = NOT_SHOWN if question.mean_score_suppressed else f"{question.mean_score:.2f}"
        rows.append({"answer": "Mean score", "figure": figure})
    return rows


def _ranking_rows(question: QuestionFigures, threshold: int) -> list[dict[str, str]]:
    rows = []
    for r in question.ranking:
        if r.suppressed:
            rows.append({"answer": r.answer, "respondents": suppressed_label(threshold)})
            continue
        first = _count_text(r.first_choices, r.first_choices_suppressed, threshold)
        mean_rank = f"; mean rank {r.mean_rank:.2f}" if r.mean_rank is not None else ""
        rows.append(
            {
                "answer": r.answer,
                "respondents": str(r.ranked_by),
                "figure": f"{r.points} points; {first} first choices{mean_rank}",
            }
        )
    return rows


def _figure_rows(question: QuestionFigures, threshold: int) -> list[dict[str, str]]:
    if question.answers:
        return _answer_rows(question, threshold)
    if question.ranking:
        return _ranking_rows(question, threshold)
    if question.number is not None:
        n, unit = question.number, f" {question.number.unit}" if question.number.unit else ""
        return [
            {"answer": "Mean", "figure": f"{plain_number(n.mean)}{unit}"},
            {"answer": "Median", "figure": f"{plain_number(n.median)}{unit}"},
            {
                "answer": "Middle half",
                "figure": f"{plain_number(n.lower_quartile)} to {plain_number(n.upper_quartile)}{unit}",
            },
        ]
    if question.type in {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING}:
        return []
    return [{"answer": f"Used by {w.respondents} respondents", "figure": w.term} for w in question.words] or [
        {"answer": "Most used words", "figure": NO_WORDS}
    ]


def summary_rows(summary: SurveySummary) -> list[dict[str, str]]:
    """Every question's figures, one row per answer (or per figure), for CSV, XLSX and the page:
    the same figures as `summary_figures`, as text."""
    threshold = summary.threshold
    rows: list[dict[str, str]] = []
    blank = dict.fromkeys(("answer", "respondents", "percent", "figure"), "")
    for question in summary_figures(summary):
        base = {
            "question": question.question,
            "question_text": question.question_text,
            "type": question.type,
            "answered": count_label(question.answered or 0, threshold)
            if question.answered_suppressed is None
            else suppressed_label(threshold),
        }
        if question.hidden:
            rows.append(base | blank)
            continue
        rows += [base | blank | r for r in _figure_rows(question, threshold)]
    return rows
