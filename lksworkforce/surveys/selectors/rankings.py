"""A needs question's ranking, overall and by every breakdown, beside the previous cycle's: one
aggregate query per cycle, summed into groups here and ranked by `analysis`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from lksworkforce.accounts.people import BAND_GROUP_LABELS
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.surveys import analysis
from lksworkforce.surveys.models import (
    Answer,
    Option,
    Response,
    ResponseStatus,
    Survey,
)
from lksworkforce.surveys.questions import (
    NOT_STATED,
    NOT_STATED_LABEL,
    Breakdown,
    Demographic,
    band_group_of,
)
from lksworkforce.surveys.selectors.structure import (
    DEMOGRAPHIC_FIELDS,
    AskedQuestion,
    SurveyStructure,
    survey_structure,
)
from lksworkforce.surveys.selectors.surveys import previous_cycle


@dataclass(frozen=True)
class RankingFigures:
    """A needs question's ranking: overall, by every breakdown, with the threshold that hid groups."""

    survey: Survey
    question: AskedQuestion
    threshold: int
    respondents: int  # submitted responses to the survey
    overall: analysis.GroupRanking
    breakdowns: dict[Breakdown, list[analysis.GroupRanking]]
    region_key: str | None = None


@dataclass(frozen=True)
class RankingReport:
    current: RankingFigures
    previous: RankingFigures | None
    top: int | None
    previous_note: str = ""

    def comparison(self, group: analysis.GroupRanking) -> analysis.Comparison | None:
        """This group's top N beside the same group's in the previous cycle, when both are shown."""
        if self.previous is None or group.hidden:
            return None
        before = _same_group(self.previous, group.key, self._breakdown_of(group))
        if before is None or before.hidden:
            return None
        return analysis.compare_rankings(group.options, before.options, self.top)

    def _breakdown_of(self, group: analysis.GroupRanking) -> Breakdown | None:
        for breakdown, groups in self.current.breakdowns.items():
            if any(g is group for g in groups):
                return breakdown
        return None


def _same_group(figures: RankingFigures, key: str, breakdown: Breakdown | None) -> analysis.GroupRanking | None:
    if breakdown is None:
        return figures.overall
    return next((g for g in figures.breakdowns.get(breakdown, []) if g.key == key), None)


class NotRankableError(ValueError):
    """The question cannot be ranked (not asked, or not a choice question); the message says why."""


def ranking_report(
    survey: Survey,
    question_key: str | None = None,
    *,
    top: int | None = analysis.DEFAULT_TOP,
    compare_with: Survey | None = None,
    compare: bool = True,
    region_key: str | None = None,
) -> RankingReport:
    """The ranked needs of a survey with every breakdown and, when the previous cycle asked the same
    question, the comparison with it. Four aggregate queries (two per cycle)."""
    threshold = suppression_threshold()
    structure = survey_structure(survey)
    key = question_key or (survey.needs_question.key if survey.needs_question else None)
    if key is None:
        raise NotRankableError("The survey names no needs question: give one with --question")
    current = ranking_figures(structure, key, threshold, region_key=region_key)
    previous_figures, note = None, ""
    other = compare_with if compare_with is not None else (previous_cycle(survey) if compare else None)
    if other is not None:
        try:
            previous_figures = ranking_figures(survey_structure(other), key, threshold, region_key=region_key)
        except NotRankableError:
            note = f"{other.title} did not ask this question, so there is nothing to compare with."
    return RankingReport(current=current, previous=previous_figures, top=top, previous_note=note)


def ranking_figures(
    structure: SurveyStructure, question_key: str, threshold: int, *, region_key: str | None = None
) -> RankingFigures:
    survey = structure.survey
    question = structure.question(question_key)
    if question is None:
        raise NotRankableError(f"{survey.title} has no question {question_key}")
    if not question.kind.can_be_ranked:
        raise NotRankableError(
            f"Question {question_key} is a {question.kind.value} question; rankings are for multiple_choice and single_choice questions"
        )
    scope: dict[str, Any] = {"survey": survey, "status": ResponseStatus.SUBMITTED}
    groupers = _groupers(structure)
    # A region's ranking is the nation's cells in that region, hiding what the national ranking's
    # pages force on it (docs/adr/0007-small-group-suppression.md): one query either way.
    within_nation = region_key is not None and Breakdown.REGION in groupers
    if region_key is not None:
        region_question = structure.demographic_question(Demographic.REGION)
        scope["region_id"] = region_question.option_ids.get(region_key) if region_question else None
    responses = Response.objects.filter(**scope)
    counted = {k: v for k, v in scope.items() if not (within_nation and k == "region_id")}
    cells = _answer_counts(question, groupers, counted)
    inherited = None
    if within_nation and region_key is not None:
        inherited = analysis.inherited_from_nation(cells, Breakdown.REGION, region_key, threshold)
        cells = [cell for cell in cells if cell.groups[Breakdown.REGION] == region_key]
    overall, breakdowns = analysis.rank_breakdowns(
        cells,
        question.labels,
        {breakdown: labels for breakdown, (_group_of, labels) in groupers.items()},
        threshold,
        inherited=inherited,
    )
    return RankingFigures(
        survey=survey,
        question=question,
        threshold=threshold,
        respondents=responses.count(),
        overall=overall,
        breakdowns=breakdowns,
        region_key=region_key,
    )


def _answer_counts(
    question: AskedQuestion,
    groupers: dict[Breakdown, tuple[GroupOf, dict[str, str]]],
    scope: dict[str, Any],
) -> list[analysis.AnswerCount[Breakdown]]:
    """One aggregate: for every option and combination of the four demographics, how many chose it
    and how many answers start with it (Answer.is_first), whose sum over the options is how many
    answered. `analysis.rank_breakdowns` sums every breakdown from it."""
    demographic_fields = list(DEMOGRAPHIC_FIELDS.values())
    rows = (
        Answer.objects.filter(
            **{f"response__{name}": value for name, value in scope.items()},
            question_id=question.id,
            option__isnull=False,
        )
        .values_list("option_id", *(f"response__{f}" for f in demographic_fields))
        .annotate(n=Count("id"), first=Count("id", filter=Q(is_first=True)))
        .order_by()
    )
    option_keys = {option_id: key for key, option_id in question.option_ids.items()}
    option_keys |= dict(
        Option.objects.filter(question_id=question.id).exclude(pk__in=option_keys).values_list("pk", "key")
    )
    # (breakdown, position of its demographic in a row, how option ids map to its groups)
    positions = [
        (breakdown, demographic_fields.index(DEMOGRAPHIC_FIELDS[breakdown.demographic]), group_of)
        for breakdown, (group_of, _labels) in groupers.items()
    ]
    return [
        analysis.AnswerCount(
            option=option_keys[option_id],
            groups={breakdown: group_of(demographics[position]) for breakdown, position, group_of in positions},
            chosen=n,
            first=first,
        )
        for option_id, *demographics, n, first in rows
    ]


type GroupOf = Any  # (option id or None) -> group key


def breakdown_groupers(structure: SurveyStructure) -> dict[Breakdown, tuple[GroupOf, dict[str, str]]]:
    return _groupers(structure)


def _groupers(structure: SurveyStructure) -> dict[Breakdown, tuple[GroupOf, dict[str, str]]]:
    """For each breakdown the survey can give: how an answer's option id maps to a group key, and
    the groups' labels in the order to show them ("not stated" last)."""
    groupers: dict[Breakdown, tuple[GroupOf, dict[str, str]]] = {}
    for breakdown in Breakdown:
        question = structure.demographic_question(breakdown.demographic)
        if question is None:
            continue
        if breakdown is Breakdown.BAND_GROUP:
            group_keys = {question.option_ids[o.key]: band_group_of(o.key, o.label) for o in question.options}
            labels = dict(BAND_GROUP_LABELS)
        else:
            group_keys = {option_id: key for key, option_id in question.option_ids.items()}
            labels = {o.key: o.label for o in question.options} | {NOT_STATED: NOT_STATED_LABEL}

        def group_of(option_id: int | None, group_keys: dict[int, str] = group_keys) -> str:
            return group_keys.get(option_id, NOT_STATED) if option_id is not None else NOT_STATED

        groupers[breakdown] = (group_of, labels)
    return groupers
