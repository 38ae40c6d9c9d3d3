"""The development needs survey over the API: the same selectors and presenters as the results
page, its exports and `lksw survey_report`."""

from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, File, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.disclosure import Suppressed
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.surveys import presenters, selectors, services, summary_figures
from lksworkforce.surveys.definition import definition_as_dict
from lksworkforce.surveys.models import Survey
from lksworkforce.surveys.questions import TOP_DEFAULT, TOP_MOST, Breakdown

router = Router(tags=["Surveys"])
QUESTION_TYPES = Literal["single_choice", "multiple_choice", "likert", "ranking", "number", "free_text"]


SUPPRESSED = (
    "Why the figures beside it are null: `small_group` (fewer people than the threshold) or "
    "`protects_smaller_group` (hidden so that a small group cannot be worked out); null when shown"
)
PERCENT = "A percentage to 1 decimal place, as the results page shows it; null when hidden or not asked"


class SurveyOut(Schema):
    key: str
    title: str
    cycle: int
    opens_on: date
    closes_on: date
    status: str
    respondents: int | None
    respondents_suppressed: Suppressed | None = Field(description=SUPPRESSED)
    compare_with: str | None


class RankingRowOut(Schema):
    group: str
    rank: int | None
    option: str | None
    respondents: int | None
    percent: float | None = Field(description=PERCENT)
    ci_low: float | None = Field(description="The 95% confidence interval's lower end, " + PERCENT)
    ci_high: float | None = Field(description="The 95% confidence interval's upper end, " + PERCENT)
    previous_rank: int | None = Field(None, description="With `compare`: the rank last cycle; null if not asked")
    previous_percent: float | None = Field(None, description="With `compare`: " + PERCENT)
    suppressed: Suppressed | None = Field(description=SUPPRESSED)


class DroppedOut(Schema):
    group: str
    option: str
    previous_rank: int
    previous_percent: float | None
    rank: int | None
    percent: float | None


class RankingOut(Schema):
    survey: str
    title: str
    question: str
    question_text: str
    by: str | None
    top: int | None
    threshold: int
    respondents: int | None
    respondents_suppressed: Suppressed | None = Field(description=SUPPRESSED)
    answered: int | None
    answered_suppressed: Suppressed | None = Field(description=SUPPRESSED)
    compare_with: str | None
    note: str
    rows: list[RankingRowOut]
    dropped_out: list[DroppedOut]


class AnswerShareOut(Schema):
    key: str
    answer: str
    respondents: int | None
    percent: float | None = Field(description=PERCENT)
    suppressed: Suppressed | None = Field(description=SUPPRESSED)


class RankedAnswerOut(Schema):
    key: str
    answer: str
    ranked_by: int | None = Field(description="People who put it anywhere in their order")
    points: int | None = Field(description="Borda count: with k places, a first choice scores k and a last 1")
    first_choices: int | None
    first_choices_suppressed: Suppressed | None = Field(description=SUPPRESSED)
    mean_rank: float | None = Field(description="The mean place given to it by those who ranked it (1 is first)")
    suppressed: Suppressed | None = Field(description="Why points, first choices and mean rank are null")


class NumberOut(Schema):
    """No minimum or maximum: an extreme value can identify the one person who gave it."""

    mean: float
    median: float
    lower_quartile: float
    upper_quartile: float
    unit: str


class WordCountOut(Schema):
    term: str
    respondents: int


class QuestionFiguresOut(Schema):
    question: str
    question_text: str
    type: QUESTION_TYPES
    answered: int | None
    answered_suppressed: Suppressed | None = Field(description=SUPPRESSED)
    hidden: bool = Field(description="Fewer people answered than the threshold: no figures are given")
    answers: list[AnswerShareOut] = Field(description="Choice and Likert questions: each answer in the survey's order")
    mean_score: float | None = Field(description="Likert questions: the mean score of those who answered")
    mean_score_suppressed: Suppressed | None = Field(description=SUPPRESSED)
    ranking: list[RankedAnswerOut] = Field(description="Ranking questions: most points first")
    number: NumberOut | None = Field(description="Number questions")
    words: list[WordCountOut] = Field(description="Free-text questions: the words used by enough people to show")


class SummaryOut(Schema):
    survey: str
    threshold: int
    respondents: int | None
    respondents_suppressed: Suppressed | None = Field(description=SUPPRESSED)
    questions: list[QuestionFiguresOut]


class OptionDefinitionOut(Schema):
    key: str
    label: str
    score: int | None = Field(None, description="A Likert point's score; absent for other questions")


class QuestionDefinitionOut(Schema):
    """A question as docs/formats/survey-definition.md describes it; optional fields only when set."""

    key: str
    type: QUESTION_TYPES
    text: str
    hint: str | None = None
    required: bool | None = None
    demographic: Literal["band", "role", "region", "organisation_type"] | None = None
    max_choices: int | None = None
    ranks: int | None = None
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    max_length: int | None = None
    options: list[OptionDefinitionOut] | None = None


class SectionDefinitionOut(Schema):
    title: str
    introduction: str | None = None
    questions: list[QuestionDefinitionOut]


class SurveyDefinitionOut(Schema):
    key: str
    title: str
    cycle: int
    opens_on: date
    closes_on: date
    introduction: str | None = None
    invitations: bool | None = None
    needs_question: str | None = None
    compare_with: str | None = None
    sections: list[SectionDefinitionOut]


class ImportOut(Schema):
    rows: int
    created: int
    already_imported: int
    notes: list[str]


def _survey(request: HttpRequest, key: str) -> Survey:
    survey = selectors.survey_visible_to(request.user, key)
    if survey is None:
        raise HttpError(404, f"No survey with key {key}")
    return survey


def _results(request: HttpRequest, key: str) -> Survey:
    """A survey whose results the viewer may see: closed, or the viewer is the national team."""
    survey = _survey(request, key)
    if not request.user.has_perm("surveys.view_results", survey):
        raise HttpError(403, presenters.results_not_yet(survey))
    return survey


@router.get("/surveys", response=responses(list[SurveyOut]), summary="Development needs surveys, newest first")
def survey_list(request: HttpRequest) -> list[dict[str, Any]]:
    surveys = list(selectors.surveys_visible_to(request.user))
    counts = selectors.response_counts(surveys)
    threshold = suppression_threshold()
    today = selectors.today()
    return [
        {
            "key": s.key,
            "title": s.title,
            "cycle": s.cycle,
            "opens_on": s.opens_on,
            "closes_on": s.closes_on,
            "status": s.status_on(today),
            **presenters.respondents_figures(counts.get(s.pk, 0), threshold),
            "compare_with": s.compare_with.key if s.compare_with else None,
        }
        for s in surveys
    ]


@router.get(
    "/surveys/{key}",
    response=responses(SurveyDefinitionOut, 404),
    summary="A survey's definition",
    exclude_none=True,
)
def survey_detail(request: HttpRequest, key: str) -> dict[str, Any]:
    """The definition as `lksw survey_export` writes it (docs/formats/survey-definition.md), as JSON."""
    return definition_as_dict(selectors.survey_definition(_survey(request, key)))


@router.get(
    "/surveys/{key}/ranking",
    response=responses(RankingOut, 403, 404),
    summary="A needs question's options ranked, with breakdowns and comparison",
)
def ranking(
    request: HttpRequest,
    key: str,
    question: str | None = None,
    top: Annotated[int, Query(ge=1, le=TOP_MOST)] = TOP_DEFAULT,
    by: Literal["band_group", "role", "region", "organisation_type"] | None = None,
    compare: str | None = None,
) -> dict[str, Any]:
    """The figures of `lksw survey_report` as numbers: each group's top options with respondents,
    percent and its 95% interval (and `previous_rank`, `previous_percent` with `compare`). A group or
    count that is hidden is null, with `suppressed` saying why. `question` defaults to the survey's
    needs question."""
    survey = _results(request, key)
    other = None
    if compare:
        other = selectors.survey_visible_to(request.user, compare)
        if other is None:
            raise HttpError(404, f"No survey with key {compare} to compare with")
        other = _results(request, compare)
    try:
        report = selectors.ranking_report(survey, question, top=top, compare_with=other, compare=False)
    except selectors.NotRankableError as error:
        raise HttpError(422, str(error)) from None
    breakdown = Breakdown(by) if by else None
    if breakdown is not None and breakdown not in report.current.breakdowns:
        raise HttpError(422, f"{survey.title} asks no {breakdown.demographic.value} question to break down by")
    return presenters.ranking_figures(report, breakdown, compared=other is not None)


@router.get("/surveys/{key}/summary", response=responses(SummaryOut, 403, 404), summary="Every question summarised")
def summary(request: HttpRequest, key: str) -> dict[str, Any]:
    figures = selectors.survey_summary(_results(request, key))
    return {
        "survey": key,
        "threshold": figures.threshold,
        **presenters.respondents_figures(figures.respondents, figures.threshold),
        "questions": summary_figures.summary_figures(figures),
    }


class CpdNeedOut(Schema):
    rank: int
    need: str
    respondents: int | None
    percent: float | None = Field(description=PERCENT)
    suppressed: Suppressed | None = Field(description=SUPPRESSED)
    sub_areas: list[str]
    on_offer: list[str]


class CpdOfferOut(Schema):
    survey: str
    question: str
    top: int
    catalogue_available: bool
    rows: list[CpdNeedOut]


@router.get(
    "/surveys/{key}/cpd-offer",
    response=responses(CpdOfferOut, 403, 404),
    summary="The top needs, the skills sub-areas they touch and what is on offer",
)
def cpd_offer(request: HttpRequest, key: str, question: str | None = None, top: int = TOP_DEFAULT) -> dict[str, Any]:
    survey = _results(request, key)
    try:
        offer = selectors.cpd_offer(survey, question, top=top)
    except selectors.NotRankableError as error:
        raise HttpError(422, str(error)) from None
    return {
        "survey": survey.key,
        "question": offer.report.current.question.key,
        "top": top,
        "catalogue_available": offer.catalogue_available,
        "rows": presenters.cpd_figures(offer),
    }


@router.post(
    "/surveys/{key}/imports",
    response=write_responses(ImportOut, 404),
    summary="Import responses from a survey tool's CSV or XLSX export (national team)",
)
def responses_import(
    request: HttpRequest,
    key: str,
    file: File[UploadedFile | None] = None,
    mapping: File[UploadedFile | None] = None,
) -> dict[str, object]:
    if not request.user.has_perm("surveys.import_responses"):
        raise HttpError(403, "Only the national team can import survey responses")
    survey = _survey(request, key)
    if file is None:
        raise Rejected([Problem(field="file", reason="Attach the CSV or XLSX file of responses")])
    outcome = services.responses_import(
        survey=survey,
        data=upload_bytes(file),
        filename=file.name or "responses.csv",
        mapping_data=upload_bytes(mapping) if mapping is not None else None,
        mapping_filename=(mapping.name or "mapping.yaml") if mapping is not None else "mapping.yaml",
        actor=request.user,
    )
    return {
        "rows": outcome.rows,
        "created": outcome.created,
        "already_imported": outcome.already_imported,
        "notes": outcome.notes,
    }
