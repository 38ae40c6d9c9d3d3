"""The panel's writes: scores against each criterion, offering a cohort's places (selection with
regional fair shares where the cohort shares its places), changing a reply-by date, offers that
lapse, and the waiting list promoted in score order. Checked whole, claimed by version, audited.

An application's score is the sum over the criteria of the panel members' average score for each
criterion: with one panel member it is their total; with several, their scores are averaged."""

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import StaleEdit, claim_version, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.models import Application, Cohort, Enrolment, PanelScore
from lksworkforce.programmes.selection import Candidate, remaining_shares, select
from lksworkforce.programmes.selectors.selection import fair_shares_for_cohort, places_held_by_region
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from lksworkforce.programmes.waiting_list import Waiting, to_promote

HIGHEST_SCORE = 5
REPLY_DAYS = 14  # an offer's default time to answer
LONGEST_REPLY_DAYS = 120
SCORABLE = (S.SUBMITTED, S.WAITING, S.UNSUCCESSFUL)
SCORES_NOT_SAVED = "The scores were not saved"


def default_reply_by(today: date) -> date:
    return today + timedelta(days=REPLY_DAYS)


def _score_of(scores: list[PanelScore]) -> Decimal | None:
    by_criterion: dict[int, list[int]] = {}
    for s in scores:
        by_criterion.setdefault(s.criterion, []).append(s.score)
    if not by_criterion:
        return None
    total = sum((Decimal(sum(v)) / len(v) for v in by_criterion.values()), Decimal(0))
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def scores_record(
    *, panel_member: User, application: Application, scores: Mapping[int, int | None], expected_version: int | None
) -> Application:
    """One panel member's scores (criterion index -> 0 to 5) of an application; the score is recomputed."""
    version = expected(expected_version)
    if application.edit_version != version:  # changed since it was read: say so before anything else
        raise StaleEdit("This application")
    criteria = list(application.cohort.programme.selection_criteria or [])
    problems = []
    if application.status not in SCORABLE:
        problems.append(Problem(field=None, reason="Only applications waiting for selection can be scored"))
    for index, name in enumerate(criteria):
        value = scores.get(index)
        if value is None:
            problems.append(Problem(field=f"criterion_{index}", reason=f"Score {name} from 0 to {HIGHEST_SCORE}"))
        elif not 0 <= value <= HIGHEST_SCORE:
            problems.append(
                Problem(
                    field=f"criterion_{index}", reason=f"A score must be from 0 to {HIGHEST_SCORE}", value=str(value)
                )
            )
    for index in scores:
        if not 0 <= index < len(criteria):
            problems.append(Problem(field=None, reason="Score only the programme's criteria", value=str(index)))
    if problems:
        raise Rejected(problems, subject=SCORES_NOT_SAVED)
    if not claim_version(Application.objects, pk=application.pk, version=version, updated_at=timezone.now()):
        raise StaleEdit("This application")
    for index in range(len(criteria)):
        PanelScore.objects.update_or_create(
            application=application, panel_member=panel_member, criterion=index, defaults={"score": scores[index] or 0}
        )
    before = application.score
    score = _score_of(list(PanelScore.objects.filter(application=application)))
    Application.objects.filter(pk=application.pk).update(score=score)
    application.refresh_from_db()
    audit_record(
        actor=panel_member,
        action="programmes.application_scored",
        obj=application,
        summary=f"Scored against {len(criteria)} criteria",
        changes={"score": [str(before) if before is not None else None, str(score)]},
    )
    return application


def _offer_problems(cohort: Cohort, waiting: list[Application], reply_by: date | None, today: date) -> list[Problem]:
    problems = []
    if not waiting:
        problems.append(Problem(field=None, reason="No applications are waiting for an offer"))
    unscored = sum(1 for a in waiting if a.score is None)
    if unscored:
        noun = "application is" if unscored == 1 else "applications are"
        problems.append(Problem(field=None, reason=f"Score every application first: {unscored} {noun} not scored"))
    if reply_by is None:
        problems.append(Problem(field="reply_by", reason="Give the date to reply by, for example 15/3/2026"))
    elif not today < reply_by <= today + timedelta(days=LONGEST_REPLY_DAYS):
        problems.append(
            Problem(
                field="reply_by", reason=f"The reply-by date must be after today and within {LONGEST_REPLY_DAYS} days"
            )
        )
    if cohort.applications_close_on is not None and today <= cohort.applications_close_on:
        problems.append(Problem(field=None, reason="Offer places once applications have closed"))
    return problems


def places_left(cohort: Cohort) -> tuple[int, int]:
    """(places taken by enrolments, offers waiting for an answer)."""
    taken = Enrolment.objects.filter(cohort=cohort).exclude(status="withdrawn").count()
    return taken, Application.objects.filter(cohort=cohort, status=S.OFFERED).count()


@transaction.atomic
def places_offer(*, panel_member: User, cohort: Cohort, reply_by: date | None) -> tuple[list[int], list[int]]:
    """Offer the cohort's free places to the best-scored applications (by region's fair share where
    the cohort shares its places); the rest go on the waiting list. (offered ids, waiting ids)."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    today = timezone.localdate()
    waiting = list(
        Application.objects.filter(cohort=cohort, status=S.SUBMITTED)
        .select_related("region")
        .order_by("submitted_at", "id")
    )
    if problems := _offer_problems(locked, waiting, reply_by, today):
        raise Rejected(problems, subject="No places were offered")
    assert reply_by is not None
    taken, out = places_left(locked)
    places = max(0, locked.capacity - taken - out)
    candidates = [
        Candidate(
            application_id=a.pk,
            region_code=a.region.code if a.region else "",
            score=a.score or Decimal(0),
            submitted_order=order,
        )
        for order, a in enumerate(waiting)
    ]
    # The shares of the cohort's whole capacity (as its selection page shows them), less the places
    # each region's people already hold, so a second round tops up rather than shares out again.
    cohort_shares = fair_shares_for_cohort(locked).by_region()
    shares = remaining_shares(cohort_shares, places_held_by_region(locked), places) if cohort_shares else None
    chosen = select(candidates, places, shares)
    now = timezone.now()
    versions = {a.pk: a.edit_version for a in waiting}
    for application_id in chosen.offered:
        _claim(application_id, versions, status=S.OFFERED, offered_at=now, reply_by=reply_by)
    for application_id in chosen.waiting:
        _claim(application_id, versions, status=S.WAITING)
    audit_record(
        actor=panel_member,
        action="programmes.places_offered",
        obj=locked,
        summary=f"Offered {len(chosen.offered)} places; {len(chosen.waiting)} on the waiting list",
        changes={"offered": list(chosen.offered), "waiting": list(chosen.waiting), "shares": shares or {}},
    )
    return list(chosen.offered), list(chosen.waiting)


def _claim(application_id: int, versions: Mapping[int, int], **values: object) -> None:
    if not claim_version(Application.objects, pk=application_id, version=versions[application_id], **values):
        raise StaleEdit("An application of this cohort")


@transaction.atomic
def reply_by_change(
    *, panel_member: User, application: Application, reply_by: date | None, expected_version: int | None
) -> Application:
    version = expected(expected_version)
    if application.edit_version != version:  # changed since it was read: say so before anything else
        raise StaleEdit("This application")
    today = timezone.localdate()
    problems = []
    if application.status != S.OFFERED:
        problems.append(Problem(field=None, reason="Only an offer waiting for an answer has a reply-by date"))
    if reply_by is None or not today <= reply_by <= today + timedelta(days=LONGEST_REPLY_DAYS):
        problems.append(
            Problem(field="reply_by", reason=f"The reply-by date must be from today to {LONGEST_REPLY_DAYS} days ahead")
        )
    if problems:
        raise Rejected(problems, subject="The reply-by date was not changed")
    before = application.reply_by
    if not claim_version(Application.objects, pk=application.pk, version=version, reply_by=reply_by):
        raise StaleEdit("This offer")
    application.refresh_from_db()
    audit_record(
        actor=panel_member,
        action="programmes.reply_by_changed",
        obj=application,
        summary="Reply-by date changed",
        changes={"reply_by": [str(before), str(reply_by)]},
    )
    return application


def promote_waiting(*, cohort: Cohort, actor: User | None) -> list[int]:
    """Offer the places now free to the waiting list, best score first (inside the caller's transaction)."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    taken, out = places_left(locked)
    waiting = list(Application.objects.filter(cohort=cohort, status=S.WAITING).order_by("submitted_at", "id"))
    order = {a.pk: i for i, a in enumerate(waiting)}
    promoted = to_promote(
        [Waiting(a.pk, a.score, order[a.pk]) for a in waiting], capacity=locked.capacity, taken=taken, offers_out=out
    )
    today = timezone.localdate()
    now = timezone.now()
    for application in (a for a in waiting if a.pk in promoted):
        _claim(application.pk, {application.pk: application.edit_version}, status=S.OFFERED, offered_at=now,
               reply_by=default_reply_by(today))  # fmt: skip
        audit_record(
            actor=actor,
            action="programmes.waiting_list_promoted",
            obj=application,
            summary=f"Offered a place on {cohort} from the waiting list",
            changes={"status": [S.WAITING, S.OFFERED]},
        )
    return promoted


@transaction.atomic
def offers_lapse(*, today: date, cohort: Cohort | None = None, person: User | None = None) -> int:
    """Offers not answered by their reply-by date lapse (declined, with no reply) and the waiting
    list moves up. Returns how many lapsed. Called by `lksw programme_daily` and on read."""
    due = Application.objects.filter(status=S.OFFERED, reply_by__lt=today)
    if cohort is not None:
        due = due.filter(cohort=cohort)
    if person is not None:
        due = due.filter(person_id=person.pk)
    lapsed = list(due.select_related("cohort"))
    for application in lapsed:
        if not claim_version(
            Application.objects, pk=application.pk, version=application.edit_version, status=S.DECLINED
        ):
            continue  # answered meanwhile
        audit_record(
            actor=None,
            action="programmes.offer_lapsed",
            obj=application,
            summary=f"The offer lapsed: no reply by {application.reply_by}",
            changes={"status": [S.OFFERED, S.DECLINED]},
        )
    for lapsed_cohort in {a.cohort_id: a.cohort for a in lapsed}.values():
        promote_waiting(cohort=lapsed_cohort, actor=None)
    return len(lapsed)
