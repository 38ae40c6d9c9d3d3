"""Programmes over the API: applications and selection, every step the pages have. A person's own
applications (apply or book, answer an offer, withdraw); a service manager's people's applications
waiting for support (support or not); the panel's cohort applications (scores, offering places,
a reply-by date). The same selectors and services as the pages: 409 stale, 422 refused."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.api_errors import responses, write_responses
from lksworkforce.core.schemas import LARGEST_INTEGER, BodyIn, Text
from lksworkforce.programmes.models import Application, Cohort
from lksworkforce.programmes.presenters import applications as presenters
from lksworkforce.programmes.selectors import applications as selectors
from lksworkforce.programmes.services import applications as services
from lksworkforce.programmes.services import applications_selection as selection

router = Router()
VERSION = "Send this back with a change: an older version is refused (409 stale)"


class ApplicationOut(Schema):
    id: int
    cohort_id: int
    cohort: str
    status: str
    status_label: str = Field(description="As the pages say it, e.g. `Offer lapsed`, `Place booked`")
    statement: str
    could_not_travel: bool
    submitted_at: datetime
    organisation: str | None = Field(description="As at applying")
    region_code: str | None = Field(description="As at applying")
    band: str
    supported: bool | None
    support_reason: str
    score: Decimal | None = Field(
        description="Sum over the criteria of the panel's scores (0-5 each); several panel members' are averaged"
    )
    reply_by: date | None
    edit_version: int = Field(description=VERSION)


class PanelApplicationOut(ApplicationOut):
    person: str
    panel_members: int = Field(description="How many panel members' scores the score averages")


def _out(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "cohort_id": a.cohort_id,
        "cohort": str(a.cohort),
        "status": a.status,
        "status_label": presenters.status_label(a),
        "statement": a.statement,
        "could_not_travel": a.could_not_travel,
        "submitted_at": a.submitted_at,
        "organisation": a.organisation.name if a.organisation else None,
        "region_code": a.region.code if a.region else None,
        "band": a.band,
        "supported": a.supported,
        "support_reason": a.support_reason,
        "score": a.score,
        "reply_by": a.reply_by,
        "edit_version": a.edit_version,
    }


def _panel_out(a: Application) -> dict[str, Any]:
    members = len({s.panel_member_id for s in a.panel_scores.all()})
    return _out(a) | {"person": a.person.full_name, "panel_members": members}


class ApplyIn(BodyIn):
    statement: Annotated[str, Text(services.MAX_STATEMENT, "The statement")] = Field(
        default="", description="Against the selection criteria; none for a booking"
    )
    could_not_travel: bool = False


class VersionIn(BodyIn):
    edit_version: int = Field(ge=0, le=LARGEST_INTEGER, description=VERSION)


class ReplyIn(VersionIn):
    answer: Literal["accept", "decline"]


class SupportIn(VersionIn):
    supported: bool
    reason: Annotated[str, Text(services.MAX_REASON, "The reason")] = Field(
        default="", description="Needed when not supported"
    )


class ScoresIn(VersionIn):
    scores: list[int] = Field(
        max_length=50, description="One score from 0 to 5 per criterion, in the programme's order"
    )


class OfferIn(BodyIn):
    reply_by: date | None = Field(default=None, description="Default: 14 days from today")


class ReplyByIn(VersionIn):
    reply_by: date


class OffersOut(Schema):
    offered: list[int]
    waiting: list[int]


@router.get("/programmes/applications", response=responses(list[ApplicationOut]), summary="Your applications")
def application_list(request: SignedInRequest) -> Any:
    selection.offers_lapse(today=timezone.localdate(), person=request.user)
    return [_out(a) for a in selectors.applications_of(request.user)]


@router.post(
    "/programmes/cohorts/{cohort_id}/applications",
    response=write_responses(ApplicationOut, 404),
    summary="Apply for a cohort (a statement), or book a place on a skills cohort without a panel",
)
def application_add(request: SignedInRequest, cohort_id: int, body: ApplyIn) -> Any:
    cohort = selectors.cohort_open_to_apply(cohort_id)
    if cohort is None:
        raise HttpError(404, "No such cohort")
    if services.needs_panel(cohort.programme):
        entry = services.ApplicationEntry(statement=body.statement, could_not_travel=body.could_not_travel)
        return _out(services.application_submit(person=request.user, cohort=cohort, entry=entry))
    return _out(services.place_book(person=request.user, cohort=cohort, could_not_travel=body.could_not_travel))


def _owned(request: SignedInRequest, application_id: int) -> Application:
    found = selectors.application_owned(request.user, application_id)
    if found is None:
        raise HttpError(404, "No such application of yours")
    return found


@router.get(
    "/programmes/applications/{application_id}", response=responses(ApplicationOut, 404), summary="One of yours"
)
def application_detail(request: SignedInRequest, application_id: int) -> Any:
    found = _owned(request, application_id)
    selection.offers_lapse(today=timezone.localdate(), cohort=found.cohort)
    return _out(_owned(request, application_id))


@router.post(
    "/programmes/applications/{application_id}/reply",
    response=write_responses(ApplicationOut, 404, 409),
    summary="Accept (a place is made) or decline an offer",
)
def application_reply(request: SignedInRequest, application_id: int, body: ReplyIn) -> Any:
    found = _owned(request, application_id)
    return _out(
        services.offer_reply(
            person=request.user, application=found, accept=body.answer == "accept", expected_version=body.edit_version
        )
    )


@router.post(
    "/programmes/applications/{application_id}/withdraw",
    response=write_responses(ApplicationOut, 404, 409),
    summary="Withdraw an application, or give up a place",
)
def application_withdraw(request: SignedInRequest, application_id: int, body: VersionIn) -> Any:
    found = _owned(request, application_id)
    return _out(
        services.application_withdraw(person=request.user, application=found, expected_version=body.edit_version)
    )


def _manager(request: SignedInRequest) -> None:
    if not request.user.has_perm("programmes.support_applications"):
        raise HttpError(403, "Only service managers support applications")


@router.get(
    "/programmes/support",
    response=responses(list[PanelApplicationOut], 403),
    summary="Your people's applications waiting for your support (service managers)",
)
def support_list(request: SignedInRequest) -> Any:
    _manager(request)
    return [_panel_out(a) for a in selectors.awaiting_support(request.user).prefetch_related("panel_scores")]


@router.post(
    "/programmes/support/{application_id}",
    response=write_responses(PanelApplicationOut, 403, 404, 409),
    summary="Support one of your people's applications, or not (with a reason)",
)
def support_decide(request: SignedInRequest, application_id: int, body: SupportIn) -> Any:
    _manager(request)
    found = selectors.application_for_support(request.user, application_id)
    if found is None:
        raise HttpError(404, "No such application by your people")
    decided = services.support_decide(
        manager=request.user,
        application=found,
        supported=body.supported,
        reason=body.reason,
        expected_version=body.edit_version,
    )
    return _panel_out(decided)


def _panel_cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    if not request.user.has_perm("programmes.select"):
        raise HttpError(403, "Only the selection panel (regional leads and the national team) selects")
    found = selectors.panel_cohort(request.user, cohort_id)
    if found is None:
        raise HttpError(404, "No such cohort that you select for")
    return found


def _panel_application(request: SignedInRequest, cohort_id: int, application_id: int) -> Application:
    cohort = _panel_cohort(request, cohort_id)
    found = selectors.panel_application(request.user, application_id)
    if found is None or found.cohort_id != cohort.pk:
        raise HttpError(404, "No such application to this cohort")
    return found


@router.get(
    "/programmes/cohorts/{cohort_id}/selection",
    response=responses(list[PanelApplicationOut], 403, 404),
    summary="A cohort's applications for its panel, with support, statements and scores",
)
def selection_list(request: SignedInRequest, cohort_id: int) -> Any:
    cohort = _panel_cohort(request, cohort_id)
    selection.offers_lapse(today=timezone.localdate(), cohort=cohort)
    return [_panel_out(a) for a in selectors.panel_applications(cohort)]


@router.put(
    "/programmes/cohorts/{cohort_id}/selection/{application_id}/scores",
    response=write_responses(PanelApplicationOut, 403, 404, 409),
    summary="Your scores of an application, one per criterion from 0 to 5",
)
def selection_score(request: SignedInRequest, cohort_id: int, application_id: int, body: ScoresIn) -> Any:
    found = _panel_application(request, cohort_id, application_id)
    scored = selection.scores_record(
        panel_member=request.user,
        application=found,
        scores=dict(enumerate(body.scores)),
        expected_version=body.edit_version,
    )
    return _panel_out(selectors.panel_application(request.user, scored.pk) or scored)


@router.post(
    "/programmes/cohorts/{cohort_id}/offers",
    response=write_responses(OffersOut, 403, 404, 409),
    summary="Offer the free places to the best-scored applications (by regional fair shares where shared)",
)
def selection_offer(request: SignedInRequest, cohort_id: int, body: OfferIn) -> Any:
    cohort = _panel_cohort(request, cohort_id)
    reply_by = body.reply_by or selection.default_reply_by(timezone.localdate())
    offered, waiting = selection.places_offer(panel_member=request.user, cohort=cohort, reply_by=reply_by)
    return {"offered": offered, "waiting": waiting}


@router.put(
    "/programmes/cohorts/{cohort_id}/selection/{application_id}/reply-by",
    response=write_responses(PanelApplicationOut, 403, 404, 409),
    summary="Change an offer's reply-by date",
)
def offer_reply_by(request: SignedInRequest, cohort_id: int, application_id: int, body: ReplyByIn) -> Any:
    found = _panel_application(request, cohort_id, application_id)
    changed = selection.reply_by_change(
        panel_member=request.user, application=found, reply_by=body.reply_by, expected_version=body.edit_version
    )
    return _panel_out(selectors.panel_application(request.user, changed.pk) or changed)
