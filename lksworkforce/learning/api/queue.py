"""Learning over the API: suggestions (anyone signed in) and the curators' queue."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.learning.duplicates import Duplicate
from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.presenters import queue as presenters
from lksworkforce.learning.selectors import queue as selectors
from lksworkforce.learning.services import decisions
from lksworkforce.learning.services.suggestions import NOT_SENT, SuggestionInput, suggestion_send
from lksworkforce.learning.vocabulary import SuggestionKind

router = Router()

_TEXT = 6000  # longer than any field takes: the service says the real limits, as problems


class SuggestionIn(Schema):
    kind: str = Field(description="new_resource, sheet_addition, correction or broken_link")
    title: str = Field("", max_length=_TEXT)
    url: str = Field("", max_length=_TEXT)
    description: str = Field("", max_length=_TEXT)
    resource_kind: str = Field("", max_length=40, description="For a new resource: e_learning, mooc, webinar, ...")
    why: str = Field("", max_length=_TEXT, description="Why you recommend it, or what is wrong")
    resource_id: int | None = Field(None, ge=1, le=2**31 - 1, description="The resource it is about")
    sheet_id: int | None = Field(None, ge=1, le=2**31 - 1, description="The resource sheet, for a sheet addition")
    confirmed: bool = Field(False, description="Send even though it looks like something already held")


class DuplicateOut(Schema):
    key: str = Field(description="resource:<id> or suggestion:<id>")
    title: str
    url: str
    where: str = Field(description="catalogue, draft, retired or queue")
    because: str
    sentence: str


class SuggestionOut(Schema):
    id: int
    kind: str
    status: str
    resource_id: int | None
    sheet_id: int | None
    title: str
    url: str
    details: str
    created_at: dt.datetime
    decided_at: dt.datetime | None
    reason: str
    outcome: str = Field(description="What became of it, as the suggester reads it")
    outcome_resource_id: int | None
    edit_version: int


class QueueItemOut(SuggestionOut):
    raised_by_service: bool
    suggested_by: str = Field(description="The suggester's name; blank for what the service raised")
    allowed_decisions: list[str]
    duplicates: list[DuplicateOut]


class DecisionIn(Schema):
    decision: str = Field(description="accept, decline, merge or retire (as the item's kind allows)")
    edit_version: int = Field(ge=0, le=2**31 - 1, description="The item's edit_version as you read it")
    reason: str = Field("", max_length=_TEXT, description="Required to decline: the suggester reads it")
    resource_id: int | None = Field(None, ge=1, le=2**31 - 1, description="Merge into it, or add it to the sheet")
    review_due_on: dt.date | None = None
    title: str = Field("", max_length=_TEXT)
    url: str = Field("", max_length=_TEXT)
    description: str = Field("", max_length=_TEXT)
    resource_kind: str = Field("", max_length=40)
    provider: str = Field("", max_length=_TEXT)
    publish: bool = Field(False, description="Accept a new resource as published rather than draft")
    teaches: list[int] = Field([], max_length=200, description="Sub-area ids a new resource teaches")


def _out(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.pk,
        "kind": s.kind,
        "status": s.status,
        "resource_id": s.resource_id,
        "sheet_id": s.sheet_id,
        "title": s.title,
        "url": s.url,
        "details": s.details,
        "created_at": s.created_at,
        "decided_at": s.decided_at,
        "reason": s.reason,
        "outcome": presenters.outcome(s),
        "outcome_resource_id": s.outcome_resource_id,
        "edit_version": s.edit_version,
    }


def _duplicate_out(d: Duplicate) -> dict[str, str]:
    c = d.candidate
    return {
        "key": c.key,
        "title": c.title,
        "url": c.url,
        "where": c.where,
        "because": d.because,
        "sentence": presenters.duplicate_sentence(d),
    }


def _item_out(s: Suggestion) -> dict[str, Any]:
    kind = SuggestionKind(s.kind)
    found = selectors.duplicates_for(s.title, s.url, exclude=s) if kind in selectors.OFFERS_A_RESOURCE else []
    return _out(s) | {
        "raised_by_service": s.suggested_by_id is None,
        "suggested_by": s.suggested_by.full_name if s.suggested_by else "",
        "allowed_decisions": [d.value for d in decisions.ALLOWED[kind]],
        "duplicates": [_duplicate_out(d) for d in found],
    }


@router.post(
    "/learning/suggestions",
    response=write_responses(SuggestionOut),
    summary="Suggest a resource, an addition to a resource sheet, a correction, or report a broken link",
    description="A new resource or sheet addition that looks like something in the catalogue or already "
    "waiting (the same web address once normalised, or a near-identical title) is refused with 422 and "
    "the look-alikes as problems; send it again with `confirmed: true` to send it anyway.",
)
def suggestion_create(request: SignedInRequest, body: SuggestionIn) -> dict[str, Any]:
    if not request.user.has_perm("learning.suggest"):
        raise HttpError(403, "You cannot make suggestions")
    entry = SuggestionInput(
        kind=body.kind,
        title=body.title,
        url=body.url,
        description=body.description,
        resource_kind=body.resource_kind,
        why=body.why,
        resource_id=body.resource_id,
        sheet_id=body.sheet_id,
    )
    if not body.confirmed and body.kind in selectors.OFFERS_A_RESOURCE and body.resource_id is None:
        found = selectors.duplicates_for(body.title, body.url)
        if found:
            reasons = [presenters.duplicate_sentence(d) + " Send it with confirmed: true if it is not." for d in found]
            raise Rejected([Problem(field="confirmed", reason=r) for r in reasons], subject=NOT_SENT)
    return _out(suggestion_send(person=request.user, entry=entry))


@router.get(
    "/learning/suggestions/mine", response=responses(list[SuggestionOut]), summary="Your suggestions and their outcomes"
)
def suggestions_mine(request: SignedInRequest) -> list[dict[str, Any]]:
    return [_out(s) for s in selectors.suggestions_of(request.user)]


def _curator(request: HttpRequest) -> None:
    if not request.user.has_perm("learning.curate"):
        raise HttpError(403, "Only curators work the queue")


@router.get(
    "/learning/queue",
    response=responses(list[QueueItemOut], 403),
    summary="The curators' queue: what waits, oldest first",
)
def queue_list(request: HttpRequest, kind: str = "") -> list[dict[str, Any]]:
    _curator(request)
    chosen = None
    if kind:
        if kind not in {k.value for k in SuggestionKind}:
            raise Rejected(
                [Problem(field="kind", value=kind, reason="No such kind of queue item")],
                subject="The queue was not listed",
            )
        chosen = SuggestionKind(kind)
    return [_item_out(s) for s in selectors.waiting(chosen)[:500]]


@router.post(
    "/learning/queue/{suggestion_id}/decision",
    response=write_responses(QueueItemOut, 404, 409),
    summary="Decide a queue item: accept (with edits), decline with a reason, merge into a resource, or retire",
    description="Send the item's `edit_version` as you read it. 409 `stale` when it changed since, or was "
    "already decided (a decided item cannot be decided again); 422 with every problem otherwise. Nothing "
    "is changed by a refused decision.",
)
def queue_decide(request: SignedInRequest, suggestion_id: int, body: DecisionIn) -> dict[str, Any]:
    _curator(request)
    item = selectors.suggestion(suggestion_id)
    if item is None:
        raise HttpError(404, "No such queue item")
    entry = decisions.DecisionInput(
        decision=body.decision,
        edit_version=body.edit_version,
        reason=body.reason,
        resource_id=body.resource_id,
        review_due_on=body.review_due_on,
        edits=decisions.ResourceEdits(
            title=body.title,
            url=body.url,
            description=body.description,
            resource_kind=body.resource_kind,
            provider=body.provider,
            publish=body.publish,
            teaches=tuple(body.teaches),
        ),
    )
    decided = decisions.decide(suggestion=item, actor=request.user, entry=entry)
    return _item_out(selectors.suggestion(decided.pk) or decided)
