"""Programmes over the API: feedback. Give your reaction at the end of a cohort (once; it is not
linked to you), read and answer your follow-up (with its `edit_version`), and read a cohort's and a
programme's feedback report: the same rows as the pages and their CSV (presenters.feedback)."""

from datetime import date, datetime
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.programmes import feedback_levels as levels
from lksworkforce.programmes.models import FollowUp
from lksworkforce.programmes.presenters import feedback as presenters
from lksworkforce.programmes.selectors import feedback as selectors
from lksworkforce.programmes.services.feedback import follow_up_answer, reaction_give

router = Router()

NOT_A_RUNNER = "Only those who run the cohort can read its feedback"
NATIONAL_ONLY = "Only the national team can read a programme's feedback across its cohorts"
RATING = "A whole number from 1 (poor) to 5 (excellent)"


class RatingsIn(Schema):
    overall: int = Field(ge=1, le=5, description=f"{levels.ReactionQuestion.OVERALL.text} {RATING}")
    relevance: int = Field(ge=1, le=5, description=f"{levels.ReactionQuestion.RELEVANCE.text} {RATING}")
    facilitation: int = Field(ge=1, le=5, description=f"{levels.ReactionQuestion.FACILITATION.text} {RATING}")
    recommend: int = Field(ge=1, le=5, description=f"{levels.ReactionQuestion.RECOMMEND.text} {RATING}")


class ReactionIn(BodyIn):
    ratings: RatingsIn
    comments: Annotated[str, Text(levels.MAX_COMMENT, "The comment")] = ""


class ReactionOut(Schema):
    cohort_id: int
    given: bool = Field(description="Your reaction is recorded (it is stored without a link to you)")


@router.post(
    "/programmes/cohorts/{cohort_id}/feedback",
    response=write_responses(ReactionOut, 404),
    summary="Give your reaction at the end of a cohort: four ratings and a comment, once (not linked to you)",
)
def reaction_give_op(request: SignedInRequest, cohort_id: int, body: ReactionIn) -> Any:
    place = selectors.own_place(request.user, cohort_id)
    if place is None:
        raise HttpError(404, "You have no place on this cohort")
    reaction_give(enrolment=place, ratings=dict(body.ratings.dict()), comments=body.comments)
    return {"cohort_id": cohort_id, "given": True}


class FollowUpOut(Schema):
    cohort_id: int
    due_on: date
    closes_on: date
    answered_at: datetime | None
    doing_differently: str
    examples: str
    edit_version: int = Field(description="Send it back when you answer; an older one is refused (409 stale)")


class FollowUpIn(BodyIn):
    doing_differently: Annotated[str, Text(levels.MAX_FOLLOW_UP_TEXT, "What you now do differently")]
    examples: Annotated[str, Text(levels.MAX_FOLLOW_UP_TEXT, "The examples")] = ""
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER)


def _follow_up_out(follow_up: FollowUp) -> dict[str, Any]:
    cohort = follow_up.enrolment.cohort
    return {
        "cohort_id": cohort.pk,
        "due_on": follow_up.due_on,
        "closes_on": levels.follow_up_closes(cohort.ends_on),
        "answered_at": follow_up.answered_at,
        "doing_differently": follow_up.doing_differently,
        "examples": follow_up.examples,
        "edit_version": follow_up.edit_version,
    }


def _own_follow_up(request: SignedInRequest, cohort_id: int) -> FollowUp:
    follow_up = selectors.own_follow_up(request.user, cohort_id)
    if follow_up is None:
        raise HttpError(404, "You have no follow-up for this cohort")
    return follow_up


@router.get(
    "/programmes/cohorts/{cohort_id}/follow-up",
    response=responses(FollowUpOut, 404),
    summary="Your follow-up on a cohort: when it is open, and your answer",
)
def follow_up_get(request: SignedInRequest, cohort_id: int) -> Any:
    return _follow_up_out(_own_follow_up(request, cohort_id))


@router.put(
    "/programmes/cohorts/{cohort_id}/follow-up",
    response=write_responses(FollowUpOut, 404, 409),
    summary="Answer your follow-up: what you now do differently, with examples (once, while it is open)",
)
def follow_up_put(request: SignedInRequest, cohort_id: int, body: FollowUpIn) -> Any:
    follow_up = _own_follow_up(request, cohort_id)
    saved = follow_up_answer(
        actor=request.user,
        follow_up=follow_up,
        doing_differently=body.doing_differently,
        examples=body.examples,
        edit_version=body.edit_version,
    )
    return _follow_up_out(saved)


class RowOut(Schema):
    level: str = Field(description="Reaction, Learning, Behaviour or Results")
    item: str
    people: str = Field(description="How many, or “fewer than N” when hidden")
    mean: str
    rated_1: str
    rated_2: str
    rated_3: str
    rated_4: str
    rated_5: str
    improved: str


class FollowUpAnswerOut(Schema):
    doing_differently: str
    examples: str


class ReportOut(Schema):
    title: str
    threshold: int
    note: str
    rows: list[RowOut] = Field(description="As the page and its CSV show them")
    comments: list[str]
    follow_up_answers: list[FollowUpAnswerOut]
    results: str


class CohortLineOut(Schema):
    cohort_id: int
    name: str
    region: str
    ends_on: str
    places: str
    reactions: str
    overall_mean: str
    follow_ups_answered: str


class ProgrammeReportOut(ReportOut):
    cohorts: list[CohortLineOut]


def _report(title: str, feedback: selectors.CohortFeedback | selectors.ProgrammeFeedback) -> dict[str, Any]:
    rows = presenters.report_rows(feedback)
    return {
        "title": title,
        "threshold": feedback.threshold,
        "note": presenters.publishing_note(feedback.threshold),
        "rows": presenters.export_table(rows)[1],
        "comments": list(feedback.reaction.comments),
        "follow_up_answers": [vars(a) for a in feedback.behaviour.answers],
        "results": levels.RESULTS_LATER,
    }


@router.get(
    "/programmes/cohorts/{cohort_id}/feedback/report",
    response=responses(ReportOut, 403, 404),
    summary="A cohort's feedback in four levels, with small groups suppressed (those who run the cohort)",
)
def cohort_report(request: SignedInRequest, cohort_id: int) -> Any:
    cohort = selectors.cohort_found(cohort_id)
    if cohort is None:
        raise HttpError(404, "No such cohort")
    if not selectors.runs_cohort(request.user, cohort):
        raise HttpError(403, NOT_A_RUNNER)
    return _report(f"Feedback: {cohort.name}", selectors.cohort_feedback(cohort, today=timezone.localdate()))


@router.get(
    "/programmes/programme/{key}/feedback",
    response=responses(ProgrammeReportOut, 403, 404),
    summary="A programme's feedback across its cohorts, with small groups suppressed (national team)",
)
def programme_report(request: SignedInRequest, key: str) -> Any:
    programme = selectors.programme_found(key)
    if programme is None:
        raise HttpError(404, "No such programme")
    if not selectors.sees_programme_report(request.user):
        raise HttpError(403, NATIONAL_ONLY)
    feedback = selectors.programme_feedback(programme, today=timezone.localdate())
    return {
        **_report(f"Feedback: {programme.title}", feedback),
        "cohorts": [vars(line) for line in presenters.cohort_lines(feedback)],
    }
