"""Reads for surveys: a survey's structure, and the SQL aggregates behind every figure.

Every figure is computed once here (aggregate -> `analysis`), and pages, the API, exports and the
CLI all show what these return. One module per job; the names are gathered here for callers."""

from lksworkforce.surveys.selectors.cpd import (
    CpdOffer,
    LinkedSubArea,
    NeedOffer,
    cpd_offer,
)
from lksworkforce.surveys.selectors.rankings import (
    GroupOf,
    NotRankableError,
    RankingFigures,
    RankingReport,
    breakdown_groupers,
    ranking_figures,
    ranking_report,
)
from lksworkforce.surveys.selectors.responses import (
    response_answers,
    resumable_response,
    stored_answers,
    unsent_count,
)
from lksworkforce.surveys.selectors.structure import (
    DEMOGRAPHIC_FIELDS,
    AskedQuestion,
    SectionView,
    SurveyStructure,
    answered_keys,
    bank_questions,
    survey_definition,
    survey_structure,
)
from lksworkforce.surveys.selectors.summaries import (
    QuestionSummary,
    SurveySummary,
    survey_summary,
)
from lksworkforce.surveys.selectors.surveys import (
    closed_surveys,
    open_surveys,
    previous_cycle,
    response_counts,
    survey_by_key,
    survey_keys,
    survey_visible_to,
    surveys_visible_to,
    today,
)

__all__ = [
    "DEMOGRAPHIC_FIELDS",
    "AskedQuestion",
    "CpdOffer",
    "GroupOf",
    "LinkedSubArea",
    "NeedOffer",
    "NotRankableError",
    "QuestionSummary",
    "RankingFigures",
    "RankingReport",
    "SectionView",
    "SurveyStructure",
    "SurveySummary",
    "answered_keys",
    "bank_questions",
    "breakdown_groupers",
    "closed_surveys",
    "cpd_offer",
    "open_surveys",
    "previous_cycle",
    "ranking_figures",
    "ranking_report",
    "response_answers",
    "response_counts",
    "resumable_response",
    "stored_answers",
    "survey_by_key",
    "survey_definition",
    "survey_keys",
    "survey_structure",
    "survey_summary",
    "survey_visible_to",
    "surveys_visible_to",
    "today",
    "unsent_count",
]
