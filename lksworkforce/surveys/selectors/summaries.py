"""Every question of a survey summarised, in four queries whatever the survey's size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.surveys import analysis
from lksworkforce.surveys.models import (
    Answer,
    Response,
    ResponseStatus,
    Survey,
)
from lksworkforce.surveys.questions import (
    QuestionKind,
)
from lksworkforce.surveys.selectors.structure import AskedQuestion, survey_structure


@dataclass(frozen=True)
class QuestionSummary:
    question: AskedQuestion
    answered: int
    hidden: bool  # fewer respondents answered than the threshold
    shares: list[analysis.Share] = field(default_factory=list)
    likert: analysis.LikertSummary | None = None
    ranking: list[analysis.RankedChoice] = field(default_factory=list)
    number: analysis.NumberSummary | None = None
    terms: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class SurveySummary:
    survey: Survey
    threshold: int
    respondents: int
    questions: list[QuestionSummary]


def survey_summary(survey: Survey) -> SurveySummary:
    """Every question summarised: distributions, Likert means, ranking points, number quartiles,
    and free text's answer count with its most used words. Four queries whatever the survey's size."""
    threshold = suppression_threshold()
    structure = survey_structure(survey)
    responses = Response.objects.submitted().filter(survey=survey)
    answers = Answer.objects.filter(response__survey=survey, response__status=ResponseStatus.SUBMITTED)
    answered = dict(
        answers.values("question_id").annotate(n=Count("id", filter=Q(is_first=True))).values_list("question_id", "n")
    )
    option_counts: dict[int, dict[int, dict[int | None, int]]] = defaultdict(lambda: defaultdict(dict))
    for question_id, option_id, rank, n in (
        answers.filter(option__isnull=False)
        .values("question_id", "option_id", "rank")
        .annotate(n=Count("id"))
        .values_list("question_id", "option_id", "rank", "n")
        .order_by()
    ):
        option_counts[question_id][option_id][rank] = n
    numbers: dict[int, list[Decimal]] = defaultdict(list)
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, number, text in (
        answers.filter(option__isnull=True).values_list("question_id", "number", "text").order_by()
    ):
        if number is not None:
            numbers[question_id].append(number)
        elif text:
            texts[question_id].append(text)
    summaries = []
    for question in structure.questions:
        count = answered.get(question.id, 0)
        if count < threshold:
            summaries.append(QuestionSummary(question, count, hidden=True))
            continue
        by_option = option_counts.get(question.id, {})
        keyed = {o.key: sum(by_option.get(question.option_ids[o.key], {}).values()) for o in question.options}
        summary = QuestionSummary(question, count, hidden=False)
        if question.kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}:
            summary = QuestionSummary(
                question, count, False, shares=analysis.distribution(keyed, _pairs(question), count)
            )
        elif question.kind is QuestionKind.LIKERT:
            likert = analysis.likert_summary(keyed, [(o.key, o.label, o.score) for o in question.options])
            summary = QuestionSummary(question, count, False, likert=likert)
        elif question.kind is QuestionKind.RANKING:
            rank_counts = {
                o.key: {
                    rank: n for rank, n in by_option.get(question.option_ids[o.key], {}).items() if rank is not None
                }
                for o in question.options
            }
            ranking = analysis.ranking_summary(rank_counts, _pairs(question), question.rank_count)
            summary = QuestionSummary(question, count, False, ranking=ranking)
        elif question.kind is QuestionKind.NUMBER:
            summary = QuestionSummary(question, count, False, number=analysis.number_summary(numbers[question.id]))
        else:
            terms = analysis.frequent_terms(texts[question.id], min_respondents=threshold)
            summary = QuestionSummary(question, count, False, terms=terms)
        summaries.append(summary)
    return SurveySummary(survey, threshold, responses.count(), summaries)


def _pairs(question: AskedQuestion) -> list[tuple[str, str]]:
    return [(o.key, o.label) for o in question.options]
