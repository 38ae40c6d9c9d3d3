"""Writes of applications: apply (or, for a skills programme without a panel, book a place), the
service manager's support, withdrawal, and the person's answer to an offer. Each is checked whole
(`Rejected` with every problem), claimed by version (`StaleEdit`) and audited. The panel's scores,
offers, lapses and the waiting list are in applications_selection. Pages, the API and the command
call these and nothing else."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.concurrency import StaleEdit, claim_version, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.eligibility import Applicant, Audience, describe_bands, reasons_not_eligible
from lksworkforce.programmes.models import Application, Cohort, Enrolment, Programme
from lksworkforce.programmes.selectors import applications as selectors
from lksworkforce.programmes.services.applications_selection import promote_waiting
from lksworkforce.programmes.vocabulary import ApplicationStatus as S

MAX_STATEMENT = 5000
MAX_REASON = 2000
NOT_APPLIED = "The application was not sent"
NOT_SAVED = "The answer was not saved"


@dataclass(frozen=True)
class ApplicationEntry:
    statement: str = ""
    could_not_travel: bool = False


def needs_panel(programme: Programme) -> bool:
    """A programme with selection criteria is selected by a panel; one without is booked."""
    return bool(programme.selection_criteria)


def audience_of(programme: Programme) -> Audience:
    return Audience(
        band_from=programme.band_from,
        band_to=programme.band_to,
        qualified_only=programme.qualified_only,
        roles=tuple(str(role) for role in programme.roles or ()),
    )


def who_it_is_for(programme: Programme) -> str:
    """The programme's audience in a sentence, for its apply page."""
    parts = [describe_bands(programme.band_from, programme.band_to).capitalize()]
    if programme.qualified_only:
        parts.append("qualified library and knowledge staff only")
    if programme.roles:
        parts.append("roles: " + ", ".join(str(r) for r in programme.roles))
    return "; ".join(parts)


def window_problem(cohort: Cohort, today: date) -> str | None:
    opens, closes = cohort.applications_open_on, cohort.applications_close_on
    if opens is None or closes is None:
        return "This cohort is not taking applications"
    if today < opens:
        return f"Applications for this cohort open on {opens:%-d %B %Y}"
    if today > closes:
        return f"Applications for this cohort closed on {closes:%-d %B %Y}"
    return None


def apply_problems(person: User, cohort: Cohort, today: date) -> list[str]:
    """Why the person may not apply for (or book) the cohort now: empty when they may."""
    programme = cohort.programme
    reasons = []
    if reason := window_problem(cohort, today):
        reasons.append(reason)
    if Application.objects.filter(cohort=cohort, person_id=person.pk).exists():
        reasons.append("You have already applied for this cohort")
    applicant = Applicant(band=person.band or "", qualified=person.is_qualified, job_title=person.job_title)
    reasons += reasons_not_eligible(audience_of(programme), applicant)
    others = programme.exclusive_with.all()
    year = cohort.starts_on.year
    clash = (
        selectors.live_applications(person, Cohort.objects.filter(programme__in=others, starts_on__year=year))
        .select_related("cohort__programme")
        .first()
    )
    if clash is not None:
        reasons.append(
            f"You may apply for {programme.title} or {clash.cohort.programme.title} in {year}, not both: "
            "withdraw your other application first"
        )
    if programme.needs_manager_support and person.organisation_id is None:
        reasons.append(
            "Your record does not name your organisation, so no service manager can support your application"
        )
    return reasons


@transaction.atomic
def application_submit(*, person: User, cohort: Cohort, entry: ApplicationEntry) -> Application:
    """Apply for a cohort whose programme has a panel; its service manager is asked where it says so."""
    now = timezone.now()
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()  # one applicant at a time per cohort
    problems = [Problem(field=None, reason=r) for r in apply_problems(person, cohort, timezone.localdate())]
    if not needs_panel(cohort.programme):
        problems.append(Problem(field=None, reason="This programme takes bookings, not applications: book a place"))
    statement = entry.statement.strip()
    if not statement:
        problems.append(Problem(field="statement", reason="Write your statement against the selection criteria"))
    elif len(statement) > MAX_STATEMENT:
        problems.append(
            Problem(field="statement", reason=f"Your statement can be at most {MAX_STATEMENT:,} characters")
        )
    if problems:
        raise Rejected(problems, subject=NOT_APPLIED)
    asks_support = cohort.programme.needs_manager_support
    application = Application.objects.create(
        cohort=cohort,
        person=person,
        statement=statement,
        status=S.AWAITING_SUPPORT if asks_support else S.SUBMITTED,
        could_not_travel=entry.could_not_travel,
        submitted_at=now,
        **_as_at(person, now.date()),
    )
    audit_record(
        actor=person,
        action="programmes.application_submitted",
        obj=application,
        summary=f"Applied for {cohort}" + (", asking the service manager's support" if asks_support else ""),
        changes={"status": [None, application.status]},
    )
    return application


@transaction.atomic
def place_book(*, person: User, cohort: Cohort, could_not_travel: bool = False) -> Application:
    """Book a place on a cohort without a panel: enrolled at once while places remain, else on the
    waiting list (offered a place, in order, when one comes free)."""
    now = timezone.now()
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    problems = [Problem(field=None, reason=r) for r in apply_problems(person, cohort, timezone.localdate())]
    if needs_panel(cohort.programme):
        problems.append(Problem(field=None, reason="This programme selects by a panel: apply with a statement"))
    if problems:
        raise Rejected(problems, subject="The place was not booked")
    taken = Enrolment.objects.filter(cohort=cohort).exclude(status="withdrawn").count()
    offers_out = Application.objects.filter(cohort=cohort, status=S.OFFERED).count()
    room = taken + offers_out < locked.capacity
    application = Application.objects.create(
        cohort=cohort,
        person=person,
        statement="",
        status=S.ACCEPTED if room else S.WAITING,
        could_not_travel=could_not_travel,
        submitted_at=now,
        replied_at=now if room else None,
        **_as_at(person, now.date()),
    )
    if room:
        _enrol(application, now)
    audit_record(
        actor=person,
        action="programmes.place_booked",
        obj=application,
        summary=f"Booked a place on {cohort}" if room else f"On the waiting list for {cohort}",
        changes={"status": [None, application.status]},
    )
    return application


def _as_at(person: User, on: date) -> dict[str, object]:
    return {
        "organisation_id": person.organisation_id,
        "region_id": selectors.region_as_at(person.organisation_id, on),
        "band": person.band or "",
    }


def _enrol(application: Application, now: datetime) -> Enrolment:
    person = application.person
    return Enrolment.objects.create(
        cohort=application.cohort,
        person=person,
        application=application,
        enrolled_at=now,
        **_as_at(person, timezone.localdate()),
    )


@transaction.atomic
def support_decide(
    *, manager: User, application: Application, supported: bool | None, reason: str, expected_version: int | None
) -> Application:
    """The service manager supports the application or not (with a reason when not)."""
    version = expected(expected_version)
    if application.edit_version != version:  # changed since it was read: say so before anything else
        raise StaleEdit("This application")
    problems = []
    if application.organisation_id not in manager.managed_organisation_ids():
        problems.append(Problem(field=None, reason="Only a service manager of the applicant's organisation can decide"))
    if application.status != S.AWAITING_SUPPORT:
        problems.append(Problem(field=None, reason="This application is not waiting for support"))
    reason = reason.strip()
    if supported is None:
        problems.append(Problem(field="supported", reason="Say whether you support the application"))
    elif not supported and not reason:
        problems.append(Problem(field="reason", reason="Say why you do not support the application"))
    if len(reason) > MAX_REASON:
        problems.append(Problem(field="reason", reason=f"The reason can be at most {MAX_REASON:,} characters"))
    if problems:
        raise Rejected(problems, subject="The decision was not saved")
    now = timezone.now()
    status = S.SUBMITTED if supported else S.NOT_SUPPORTED
    values = {
        "supported": bool(supported),
        "support_reason": reason,
        "support_by": manager,
        "support_decided_at": now,
        "status": status,
        "updated_at": now,
    }
    if not claim_version(Application.objects, pk=application.pk, version=version, **values):
        raise StaleEdit("This application")
    application.refresh_from_db()
    audit_record(
        actor=manager,
        action="programmes.application_supported" if supported else "programmes.application_not_supported",
        obj=application,
        summary="Supported by the service manager" if supported else "Not supported by the service manager",
        changes={"status": [S.AWAITING_SUPPORT, status], "supported": [None, bool(supported)]},
    )
    return application


REPLIES = {True: S.ACCEPTED, False: S.DECLINED}


@transaction.atomic
def offer_reply(*, person: User, application: Application, accept: bool, expected_version: int | None) -> Application:
    """The person accepts (a place is made) or declines (the waiting list moves up) their offer."""
    version = expected(expected_version)
    if application.edit_version != version:  # changed since it was read: say so before anything else
        raise StaleEdit("This application")
    today = timezone.localdate()
    if application.person_id != person.pk:
        raise Rejected([Problem(field=None, reason="Only the applicant can answer an offer")], subject=NOT_SAVED)
    if application.status != S.OFFERED:
        raise Rejected([Problem(field=None, reason="There is no offer waiting for your answer")], subject=NOT_SAVED)
    if application.reply_by is not None and application.reply_by < today:
        raise Rejected(
            [Problem(field=None, reason=f"The offer lapsed: the reply was due by {application.reply_by:%-d %B %Y}")],
            subject=NOT_SAVED,
        )
    now = timezone.now()
    status = REPLIES[accept]
    if not claim_version(Application.objects, pk=application.pk, version=version, status=status, replied_at=now):
        raise StaleEdit("This application")
    application.refresh_from_db()
    if accept:
        _enrol(application, now)
    audit_record(
        actor=person,
        action="programmes.offer_accepted" if accept else "programmes.offer_declined",
        obj=application,
        summary=f"{'Accepted' if accept else 'Declined'} the offer of a place on {application.cohort}",
        changes={"status": [S.OFFERED, status]},
    )
    if not accept:
        promote_waiting(cohort=application.cohort, actor=person)
    return application


WITHDRAWABLE = (S.AWAITING_SUPPORT, S.SUBMITTED, S.WAITING, S.OFFERED, S.ACCEPTED)


@transaction.atomic
def application_withdraw(*, person: User, application: Application, expected_version: int | None) -> Application:
    """The person withdraws: a place they held (or an offer) goes to the waiting list."""
    version = expected(expected_version)
    if application.edit_version != version:  # changed since it was read: say so before anything else
        raise StaleEdit("This application")
    if application.person_id != person.pk or application.status not in WITHDRAWABLE:
        raise Rejected(
            [Problem(field=None, reason="This application cannot be withdrawn now")], subject="Nothing was withdrawn"
        )
    before = application.status
    now = timezone.now()
    if not claim_version(Application.objects, pk=application.pk, version=version, status=S.WITHDRAWN, updated_at=now):
        raise StaleEdit("This application")
    application.refresh_from_db()
    Enrolment.objects.filter(application=application).update(status="withdrawn", updated_at=now)
    audit_record(
        actor=person,
        action="programmes.application_withdrawn",
        obj=application,
        summary=f"Withdrew from {application.cohort}",
        changes={"status": [before, S.WITHDRAWN]},
    )
    if before in (S.OFFERED, S.ACCEPTED):
        promote_waiting(cohort=application.cohort, actor=person)
    return application
