"""Reads for surveys: a survey's structure, and the SQL aggregates behind every figure.

Every figure is computed once here (aggregate -> `analysis`), and pages, the API, exports and the
CLI all show what these return."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.surveys import analysis
from lksworkforce.surveys.definition import OptionDef, QuestionDef, SectionDef, SurveyDef
from lksworkforce.surveys.models import (
    Answer,
    Option,
    Question,
    Response,
    ResponseStatus,
    Section,
    Survey,
    SurveyOption,
    SurveyQuestion,
)
from lksworkforce.surveys.questions import (
    BAND_GROUP_LABELS,
    NOT_STATED,
    NOT_STATED_LABEL,
    Breakdown,
    Demographic,
    OptionSpec,
    ParsedAnswer,
    QuestionKind,
    QuestionSpec,
    band_group_of,
)

# Response columns holding each demographic answer (see Response).
DEMOGRAPHIC_FIELDS = {
    Demographic.BAND: "band_id",
    Demographic.ROLE: "role_id",
    Demographic.REGION: "region_id",
    Demographic.ORGANISATION_TYPE: "organisation_type_id",
}


# Surveys ----------------------------------------------------------------------------------------


def surveys_visible_to(user: AnyViewer) -> QuerySet[Survey]:
    return Survey.objects.visible_to(user).select_related("compare_with")


def survey_visible_to(user: AnyViewer, key: str) -> Survey | None:
    return surveys_visible_to(user).filter(key=key).first()


def survey_keys() -> list[str]:
    """Every survey's key, for commands that name what exists when asked for what does not."""
    return list(Survey.objects.order_by("key").values_list("key", flat=True))


def survey_by_key(key: str) -> Survey | None:
    """For the survey form (anyone may answer) and the national team's commands."""
    return Survey.objects.select_related("needs_question", "compare_with").filter(key=key).first()


def response_counts(surveys: Iterable[Survey]) -> dict[int, int]:
    ids = [s.pk for s in surveys]
    rows = Response.objects.submitted().filter(survey_id__in=ids).values("survey_id").annotate(n=Count("id"))
    return {row["survey_id"]: row["n"] for row in rows}


def previous_cycle(survey: Survey) -> Survey | None:
    """The cycle a survey is compared with: the one its definition names, else the latest earlier cycle."""
    if survey.compare_with_id:
        return survey.compare_with
    return Survey.objects.filter(cycle__lt=survey.cycle).order_by("-cycle", "key").first()


def today() -> date:
    return timezone.localdate()


# Structure --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AskedOption:
    id: int
    key: str
    label: str
    score: int | None


@dataclass(frozen=True)
class AskedQuestion:
    """A question as one survey asks it, with the bank ids that answers point at."""

    id: int
    key: str
    kind: QuestionKind
    text: str
    hint: str
    required: bool
    demographic: Demographic | None
    section: int
    options: tuple[AskedOption, ...]
    max_choices: int | None
    ranks: int | None
    min_value: Decimal | None
    max_value: Decimal | None
    max_length: int | None
    unit: str
    spec: QuestionSpec = field(compare=False)

    @cached_property
    def option_ids(self) -> dict[str, int]:
        return {o.key: o.id for o in self.options}

    @cached_property
    def labels(self) -> dict[str, str]:
        return {o.key: o.label for o in self.options}


@dataclass(frozen=True)
class SectionView:
    number: int
    title: str
    introduction: str
    questions: tuple[AskedQuestion, ...]


@dataclass(frozen=True)
class SurveyStructure:
    survey: Survey
    sections: tuple[SectionView, ...]

    @property
    def questions(self) -> list[AskedQuestion]:
        return [q for s in self.sections for q in s.questions]

    def question(self, key: str) -> AskedQuestion | None:
        return next((q for q in self.questions if q.key == key), None)

    def section(self, number: int) -> SectionView | None:
        return next((s for s in self.sections if s.number == number), None)

    def demographic_question(self, demographic: Demographic) -> AskedQuestion | None:
        return next((q for q in self.questions if q.demographic is demographic), None)


def survey_structure(survey: Survey) -> SurveyStructure:
    """Sections, questions and options as the survey asks them: three queries."""
    sections = list(Section.objects.filter(survey=survey).order_by("number"))
    asked = list(SurveyQuestion.objects.filter(survey=survey).select_related("question").order_by("position"))
    options_by_question: dict[int, list[AskedOption]] = defaultdict(list)
    for survey_option in (
        SurveyOption.objects.filter(survey_question__survey=survey)
        .select_related("option")
        .order_by("survey_question_id", "position")
    ):
        option = survey_option.option
        options_by_question[survey_option.survey_question_id].append(
            AskedOption(option.pk, option.key, survey_option.label, option.score)
        )
    by_section: dict[int, list[AskedQuestion]] = defaultdict(list)
    for sq in asked:
        options = tuple(options_by_question[sq.pk])
        kind = QuestionKind(sq.question.kind)
        spec = QuestionSpec(
            key=sq.question.key,
            kind=kind,
            text=sq.text,
            options=tuple(OptionSpec(o.key, o.label, o.score) for o in options),
            required=sq.required,
            max_choices=sq.max_choices,
            ranks=sq.ranks,
            min_value=sq.min_value,
            max_value=sq.max_value,
            max_length=sq.max_length,
        )
        by_section[sq.section_id].append(
            AskedQuestion(
                id=sq.question_id,
                key=sq.question.key,
                kind=kind,
                text=sq.text,
                hint=sq.hint,
                required=sq.required,
                demographic=Demographic(sq.question.demographic) if sq.question.demographic else None,
                section=next(s.number for s in sections if s.pk == sq.section_id),
                options=options,
                max_choices=sq.max_choices,
                ranks=sq.ranks,
                min_value=sq.min_value,
                max_value=sq.max_value,
                max_length=sq.max_length,
                unit=sq.unit,
                spec=spec,
            )
        )
    return SurveyStructure(
        survey=survey,
        sections=tuple(SectionView(s.number, s.title, s.introduction, tuple(by_section[s.pk])) for s in sections),
    )


def survey_definition(survey: Survey) -> SurveyDef:
    """The survey as its YAML definition describes it (for `survey_export` and the API)."""
    structure = survey_structure(survey)
    return SurveyDef(
        key=survey.key,
        title=survey.title,
        cycle=survey.cycle,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        introduction=survey.introduction,
        invitations=survey.uses_invitations,
        needs_question=survey.needs_question.key if survey.needs_question else None,
        compare_with=survey.compare_with.key if survey.compare_with else None,
        sections=tuple(
            SectionDef(
                title=s.title,
                introduction=s.introduction,
                questions=tuple(
                    QuestionDef(
                        key=q.key,
                        kind=q.kind,
                        text=q.text,
                        hint=q.hint,
                        required=q.required,
                        demographic=q.demographic,
                        options=tuple(OptionDef(o.key, o.label, o.score) for o in q.options),
                        max_choices=q.max_choices,
                        ranks=q.ranks,
                        min_value=q.min_value,
                        max_value=q.max_value,
                        max_length=q.max_length,
                        unit=q.unit,
                    )
                    for q in s.questions
                ),
            )
            for s in structure.sections
        ),
    )


def bank_questions(keys: Iterable[str]) -> dict[str, Question]:
    return {q.key: q for q in Question.objects.filter(key__in=list(keys)).prefetch_related("options")}


def answered_keys(survey: Survey) -> dict[str, set[str]]:
    """Question key -> option keys (with "" for a question answered without options) that stored
    answers to this survey use: what a reloaded definition must keep."""
    used: dict[str, set[str]] = defaultdict(set)
    rows = (
        Answer.objects.filter(response__survey=survey).values_list("question__key", "option__key").distinct().order_by()
    )
    for question_key, option_key in rows:
        used[question_key].add(option_key or "")
    return used


# Figures ----------------------------------------------------------------------------------------


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
    if region_key is not None:
        region_question = structure.demographic_question(Demographic.REGION)
        scope["region_id"] = region_question.option_ids.get(region_key) if region_question else None
    responses = Response.objects.filter(**scope)
    demographic_fields = list(DEMOGRAPHIC_FIELDS.values())
    # One aggregate: for every option and combination of the four demographics, how many chose it and
    # how many answers start with it (Answer.is_first), whose sum over the options is how many answered.
    # Every breakdown is summed from it here.
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
    option_keys = {o.id: o.key for o in question.options}
    option_keys |= dict(
        Option.objects.filter(question_id=question.id).exclude(pk__in=option_keys).values_list("pk", "key")
    )
    groupers = _groupers(structure)
    # (breakdown, position of its demographic in a row, how option ids map to its groups)
    positions = [
        (breakdown, demographic_fields.index(DEMOGRAPHIC_FIELDS[breakdown.demographic]), group_of)
        for breakdown, (group_of, _labels) in groupers.items()
    ]
    answered: dict[Breakdown | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    chosen: dict[Breakdown | None, dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    everyone = answered[None]
    sums = [(chosen[breakdown], answered[breakdown], position, group_of) for breakdown, position, group_of in positions]
    overall_chosen = chosen[None][analysis.ALL_RESPONDENTS]
    for option_id, *demographics, n, first in rows:
        option = option_keys[option_id]
        overall_chosen[option] += n
        everyone[analysis.ALL_RESPONDENTS] += first
        for chosen_in, answered_in, position, group_of in sums:
            group = group_of(demographics[position])
            chosen_in[group][option] += n
            answered_in[group] += first
    labels = question.labels
    overall_answered = answered[None][analysis.ALL_RESPONDENTS]
    overall = analysis.rank_groups(
        [
            analysis.GroupCounts(
                analysis.ALL_RESPONDENTS,
                analysis.ALL_RESPONDENTS_LABEL,
                overall_answered,
                chosen[None][analysis.ALL_RESPONDENTS],
            )
        ],
        labels,
        threshold,
    )[0]
    breakdowns = {}
    for breakdown, (_group_of, group_labels) in groupers.items():
        counts = answered[breakdown]
        keys = [k for k in group_labels if counts.get(k, 0) > 0] + [
            k for k in counts if k not in group_labels and counts[k] > 0
        ]
        groups = [analysis.GroupCounts(k, group_labels.get(k, k), counts[k], chosen[breakdown][k]) for k in keys]
        breakdowns[breakdown] = analysis.rank_groups(groups, labels, threshold) if overall_answered else []
    return RankingFigures(
        survey=survey,
        question=question,
        threshold=threshold,
        respondents=responses.count(),
        overall=overall,
        breakdowns=breakdowns,
        region_key=region_key,
    )


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
            group_keys = {o.id: band_group_of(o.key, o.label) for o in question.options}
            labels = dict(BAND_GROUP_LABELS)
        else:
            group_keys = {o.id: o.key for o in question.options}
            labels = {o.key: o.label for o in question.options} | {NOT_STATED: NOT_STATED_LABEL}

        def group_of(option_id: int | None, group_keys: dict[int, str] = group_keys) -> str:
            return group_keys.get(option_id, NOT_STATED) if option_id is not None else NOT_STATED

        groupers[breakdown] = (group_of, labels)
    return groupers


# Summaries of every question -------------------------------------------------------------------


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
        keyed = {o.key: sum(by_option.get(o.id, {}).values()) for o in question.options}
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
                o.key: {rank: n for rank, n in by_option.get(o.id, {}).items() if rank is not None}
                for o in question.options
            }
            ranking = analysis.ranking_summary(rank_counts, _pairs(question), question.spec.rank_count)
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


def open_surveys(day: date) -> QuerySet[Survey]:
    return Survey.objects.open_on(day)


def closed_surveys(day: date) -> QuerySet[Survey]:
    return Survey.objects.filter(closes_on__lt=day)


def unsent_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey, status=ResponseStatus.IN_PROGRESS).count()


def resumable_response(survey: Survey, code_hash: str) -> Response | None:
    return Response.objects.filter(survey=survey, status=ResponseStatus.IN_PROGRESS, resume_code_hash=code_hash).first()


def response_answers(response: Response) -> dict[int, list[Answer]]:
    """A response's stored answers by question id (options in rank order for rankings)."""
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in response.answers.select_related("option").order_by("question_id", "rank", "id"):
        by_question[answer.question_id].append(answer)
    return by_question


def stored_answers(response: Response, questions: Iterable[AskedQuestion]) -> dict[str, ParsedAnswer]:
    """A response's answers as the form shows them again (options in rank order)."""
    stored = response_answers(response)
    parsed = {}
    for question in questions:
        rows = stored.get(question.id)
        if not rows:
            continue
        if rows[0].option_id is not None:
            parsed[question.key] = ParsedAnswer(options=tuple(a.option.key for a in rows if a.option))
        else:
            parsed[question.key] = ParsedAnswer(number=rows[0].number, text=rows[0].text)
    return parsed


# From needs to the CPD offer --------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedSubArea:
    id: int
    number: str
    name: str
    area: str
    framework: str


@dataclass(frozen=True)
class NeedOffer:
    need: analysis.RankedOption
    sub_areas: list[LinkedSubArea]
    offers: list[Any]  # offer.OfferItem

    @property
    def nothing_on_offer(self) -> bool:
        return not self.offers


@dataclass(frozen=True)
class CpdOffer:
    report: RankingReport
    needs: list[NeedOffer]
    catalogue_available: bool


def cpd_offer(survey: Survey, question_key: str | None = None, *, top: int = analysis.DEFAULT_TOP) -> CpdOffer:
    """For the top needs: the skills framework sub-areas each touches, and what is on offer for them."""
    from lksworkforce.surveys import offer

    report = ranking_report(survey, question_key, top=top, compare=False)
    needs = report.current.overall.top(top)
    option_ids = report.current.question.option_ids
    linked: dict[int, list[LinkedSubArea]] = defaultdict(list)
    through = Option.sub_areas.through
    for link in (
        through.objects.filter(option_id__in=[option_ids[n.key] for n in needs if n.key in option_ids])
        .select_related("subarea__area", "subarea__framework")
        .order_by("subarea__framework__key", "subarea__position")
    ):
        sub_area = link.subarea
        linked[link.option_id].append(
            LinkedSubArea(sub_area.pk, sub_area.number, sub_area.name, sub_area.area.name, sub_area.framework.key)
        )
    offered = offer.on_offer({s.id for links in linked.values() for s in links})
    rows = []
    for need in needs:
        sub_areas = linked.get(option_ids.get(need.key, 0), [])
        offers = [item for s in sub_areas for item in offered.get(s.id, [])]
        rows.append(NeedOffer(need, sub_areas, list(dict.fromkeys(offers))))
    return CpdOffer(report, rows, offer.catalogue_available())
