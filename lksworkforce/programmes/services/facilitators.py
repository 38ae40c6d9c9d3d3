"""Writes of the facilitator register: facilitators, train-the-trainer events and the sessions
facilitators ran. Each is checked whole (`Rejected` with every problem), claimed by version
(`StaleEdit`) and audited. The national team writes any region's; a regional lead only their own
region's (the scoped selectors decide; a record outside the actor's scope is PermissionDenied)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import Role
from lksworkforce.core.audit import audit_record, field_changes
from lksworkforce.core.concurrency import StaleEdit, claim_version, differences, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.models import FacilitatedSession, Facilitator, Programme, TrainingEvent
from lksworkforce.programmes.selectors import facilitators as selectors
from lksworkforce.programmes.vocabulary import FacilitationKind

MAX_TITLE = 200
MAX_EMAIL = 254
MAX_SESSIONS_PER_YEAR = 200
MAX_REACHED = 5000
FACILITATOR_REJECTED = "The facilitator was not saved"
EVENT_REJECTED = "The training event was not saved"
SESSION_REJECTED = "The session was not saved"
NO_ONE = "There is no one with this email address in the service"

FACILITATOR_LABELS = {
    "person": "Person",
    "kind": "Trained to run",
    "programme": "Programme",
    "trained_on": "Trained on",
    "trained_at": "Trained at",
    "trained_by": "Trained by",
    "region": "Region",
    "sessions_per_year": "Sessions a year",
    "active": "Active",
}
EVENT_LABELS = {
    "title": "Title",
    "kind": "Trains people to run",
    "programme": "Programme",
    "held_on": "Held on",
    "trainer": "Trainer",
    "region": "Region",
}
SESSION_LABELS = {
    "held_on": "Held on",
    "title": "Title",
    "organisation": "Organisation",
    "people_reached": "People reached",
}
KINDS = {k.value for k in FacilitationKind}


@dataclass(frozen=True)
class FacilitatorEntry:
    person_email: str
    kind: str
    trained_on: date | None
    region_id: int | None
    sessions_per_year: int | None
    active: bool = True
    programme_id: int | None = None
    event_id: int | None = None
    trainer_email: str = ""
    extra_problems: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class EventEntry:
    title: str
    kind: str
    held_on: date | None
    region_id: int | None = None  # None: a national event (the national team's)
    programme_id: int | None = None
    trainer_email: str = ""
    extra_problems: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class SessionEntry:
    held_on: date | None
    title: str
    people_reached: int | None
    organisation_code: str = ""
    extra_problems: tuple[Problem, ...] = field(default=())


class _Problems(list[Problem]):
    def refuse(self, name: str, reason: str, value: object = None) -> None:
        if not self.has(name):
            self.append(Problem(field=name, reason=reason, value=None if value is None else str(value)[:60]))

    def has(self, name: str) -> bool:
        return any(p.field == name for p in self)


def _require(actor: User) -> None:
    if not actor.has_perm("programmes.manage_facilitators"):
        raise PermissionDenied


@dataclass(frozen=True)
class _Record[M: models.Model]:
    """How one kind of record in the register is saved: what a stale edit calls it, how its fields
    are labelled and audited, and the actor's scope (a queryset, and one record by id)."""

    called: str  # "This facilitator"
    model: type[M]
    labels: dict[str, str]
    audited: Callable[[M], dict[str, Any]]


def _saved_change[M: models.Model](
    record: _Record[M],
    *,
    actor: User,
    scope: QuerySet[M],
    pk: int,
    version: int,
    values: dict[str, Any],
    before: dict[str, Any],
    action: str,
    summary: Callable[[M], str],
) -> M:
    """Writes the change if the record is still at `version` in the actor's scope (else a stale
    edit saying what differs), audits it, and returns the record as saved."""
    if not claim_version(scope, pk=pk, version=version, **values):
        saved = scope.filter(pk=pk).first()
        yours = record.audited(record.model(pk=pk, **values))
        raise StaleEdit(record.called, differences(record.labels, yours, record.audited(saved) if saved else {}))
    found = scope.get(pk=pk)
    audit_record(
        actor=actor,
        action=action,
        obj=found,
        summary=summary(found),
        changes=field_changes(before, record.audited(found)),
    )
    return found


def _person(problems: _Problems, name: str, address: str, *, required: str = "") -> int | None:
    address = address.strip()
    if not address:
        if required:
            problems.refuse(name, required)
        return None
    if len(address) > MAX_EMAIL:
        problems.refuse(name, f"An email address can be at most {MAX_EMAIL} characters")
        return None
    found = selectors.person_by_email(address)
    if found is None:
        problems.refuse(name, NO_ONE, address)
        return None
    return found.pk


def _programme(problems: _Problems, programme_id: int | None) -> None:
    if programme_id is not None and not Programme.objects.filter(pk=programme_id).exists():
        problems.refuse("programme", "Choose a programme", programme_id)


def _title(problems: _Problems, title: str, required: str) -> None:
    if not title.strip():
        problems.refuse("title", required)
    elif len(title) > MAX_TITLE:
        problems.refuse("title", f"The title can be at most {MAX_TITLE} characters")


def _regions(actor: User) -> set[int]:
    return {r.pk for r in selectors.regions_for(actor)}


# Facilitators ------------------------------------------------------------------------------


def _facilitator_values(
    entry: FacilitatorEntry, *, actor: User, facilitator: Facilitator | None
) -> tuple[dict[str, Any], list[Problem]]:
    problems = _Problems(entry.extra_problems)
    today = timezone.localdate()
    person_id = _person(problems, "person", entry.person_email, required="Give the facilitator's email address")
    if entry.kind not in KINDS:
        problems.refuse("kind", "Choose what they are trained to run", entry.kind or None)
    _programme(problems, entry.programme_id)
    if entry.kind == FacilitationKind.PROGRAMME_TRAINER and entry.programme_id is None:
        problems.refuse("programme", "Choose the programme they are a trainer for")
    if entry.trained_on is None:
        problems.refuse("trained_on", "Say when they were trained, for example 2/3/2026")
    elif entry.trained_on > today:
        problems.refuse("trained_on", "The day they were trained must be today or earlier", entry.trained_on)
    if entry.region_id is None:
        problems.refuse("region", "Choose the region they facilitate in")
    elif entry.region_id not in _regions(actor):
        problems.refuse("region", "Choose a current region you look after", entry.region_id)
    if entry.sessions_per_year is None:
        problems.refuse("sessions_per_year", "Say how many sessions a year they can offer (0 if none)")
    elif not 0 <= entry.sessions_per_year <= MAX_SESSIONS_PER_YEAR:
        problems.refuse(
            "sessions_per_year", f"Sessions a year must be from 0 to {MAX_SESSIONS_PER_YEAR}", entry.sessions_per_year
        )
    trainer_id = _person(problems, "trained_by", entry.trainer_email)
    if entry.event_id is not None:
        event = selectors.event_visible(actor, entry.event_id)
        if event is None:
            problems.refuse("trained_at", "Choose a training event you can see", entry.event_id)
        elif event.region_id is not None and entry.region_id is not None and event.region_id != entry.region_id:
            problems.refuse("trained_at", "That event was held for another region; choose the facilitator's region")
    elif trainer_id is None and not problems.has("trained_by"):
        problems.refuse("trained_at", "Say which training event trained them, or who trained them")
    if person_id is not None and not problems.has("kind"):
        same = Facilitator.objects.filter(person_id=person_id, kind=entry.kind)
        same = (
            same.filter(programme__isnull=True)
            if entry.programme_id is None
            else same.filter(programme_id=entry.programme_id)
        )
        if facilitator is not None:
            same = same.exclude(pk=facilitator.pk)
        if same.exists():
            problems.refuse("person", "This person is on the register for this already; change that record instead")
    values = {
        "person_id": person_id,
        "kind": entry.kind,
        "programme_id": entry.programme_id,
        "trained_on": entry.trained_on,
        "trained_at_id": entry.event_id,
        "trained_by_id": trainer_id,
        "region_id": entry.region_id,
        "sessions_per_year": entry.sessions_per_year,
        "active": entry.active,
    }
    return values, list(problems)


def _facilitator_audit(f: Facilitator | None) -> dict[str, Any]:
    if f is None:
        return {}
    return {
        "person": f.person.email if f.person_id else None,
        "kind": f.kind,
        "programme": f.programme.title if f.programme_id and f.programme else None,
        "trained_on": f.trained_on,
        "trained_at": f.trained_at.title if f.trained_at_id and f.trained_at else None,
        "trained_by": f.trained_by.email if f.trained_by_id and f.trained_by else None,
        "region": f.region.name if f.region_id else None,
        "sessions_per_year": f.sessions_per_year,
        "active": f.active,
    }


@transaction.atomic
def facilitator_create(*, actor: User, entry: FacilitatorEntry) -> Facilitator:
    _require(actor)
    values, problems = _facilitator_values(entry, actor=actor, facilitator=None)
    if problems:
        raise Rejected(problems, subject=FACILITATOR_REJECTED)
    created = Facilitator.objects.create(**values)
    found = selectors.facilitator_visible(actor, created.pk)
    assert found is not None
    audit_record(
        actor=actor,
        action="programmes.facilitator_added",
        obj=found,
        summary=f"Facilitator added to the register: {found.person}",
        changes=field_changes({}, _facilitator_audit(found)),
    )
    return found


@transaction.atomic
def facilitator_change(
    *, actor: User, facilitator: Facilitator, entry: FacilitatorEntry, expected_version: int | None
) -> Facilitator:
    """Change a facilitator in the actor's scope: a lead cannot move them out of their region."""
    _require(actor)
    version = expected(expected_version)
    if selectors.facilitator_visible(actor, facilitator.pk) is None:
        raise PermissionDenied
    values, problems = _facilitator_values(entry, actor=actor, facilitator=facilitator)
    if problems:
        raise Rejected(problems, subject=FACILITATOR_REJECTED)
    before = _facilitator_audit(facilitator)
    return _saved_change(
        FACILITATOR, actor=actor, scope=selectors.facilitators_visible(actor), pk=facilitator.pk, version=version,
        values=values, before=before, action="programmes.facilitator_changed",
        summary=lambda found: f"Facilitator changed: {found.person}",
    )  # fmt: skip


# Training events ---------------------------------------------------------------------------


def _event_values(entry: EventEntry, *, actor: User) -> tuple[dict[str, Any], list[Problem]]:
    problems = _Problems(entry.extra_problems)
    _title(problems, entry.title, "Give the event a title, for example “Action Learning Set facilitators, spring”")
    if entry.kind not in KINDS:
        problems.refuse("kind", "Choose what the event trains people to run", entry.kind or None)
    _programme(problems, entry.programme_id)
    if entry.kind == FacilitationKind.PROGRAMME_TRAINER and entry.programme_id is None:
        problems.refuse("programme", "Choose the programme it trains trainers for")
    if entry.held_on is None:
        problems.refuse("held_on", "Say when the event was held, for example 2/3/2026")
    trainer_id = _person(problems, "trainer", entry.trainer_email)
    if entry.region_id is None:
        if not actor.holds(Role.NATIONAL_TEAM):
            problems.refuse("region", "Choose your region: national events are set up by the national team")
    elif entry.region_id not in _regions(actor):
        problems.refuse("region", "Choose a current region you look after", entry.region_id)
    values = {
        "title": entry.title.strip(),
        "kind": entry.kind,
        "programme_id": entry.programme_id,
        "held_on": entry.held_on,
        "trainer_id": trainer_id,
        "region_id": entry.region_id,
    }
    return values, list(problems)


def _event_audit(e: TrainingEvent | None) -> dict[str, Any]:
    if e is None:
        return {}
    return {
        "title": e.title,
        "kind": e.kind,
        "programme": e.programme.title if e.programme_id and e.programme else None,
        "held_on": e.held_on,
        "trainer": e.trainer.email if e.trainer_id and e.trainer else None,
        "region": e.region.name if e.region_id and e.region else "National",
    }


@transaction.atomic
def event_create(*, actor: User, entry: EventEntry) -> TrainingEvent:
    _require(actor)
    values, problems = _event_values(entry, actor=actor)
    if problems:
        raise Rejected(problems, subject=EVENT_REJECTED)
    created = TrainingEvent.objects.create(**values)
    found = selectors.event_managed(actor, created.pk)
    assert found is not None
    audit_record(
        actor=actor,
        action="programmes.training_event_added",
        obj=found,
        summary=f"Training event added: {found.title}",
        changes=field_changes({}, _event_audit(found)),
    )
    return found


@transaction.atomic
def event_change(
    *, actor: User, event: TrainingEvent, entry: EventEntry, expected_version: int | None
) -> TrainingEvent:
    _require(actor)
    version = expected(expected_version)
    if selectors.event_managed(actor, event.pk) is None:
        raise PermissionDenied
    values, problems = _event_values(entry, actor=actor)
    if problems:
        raise Rejected(problems, subject=EVENT_REJECTED)
    before = _event_audit(event)
    return _saved_change(
        EVENT, actor=actor, scope=selectors.events_managed(actor), pk=event.pk, version=version, values=values,
        before=before, action="programmes.training_event_changed",
        summary=lambda found: f"Training event changed: {found.title}",
    )  # fmt: skip


# Facilitated sessions ----------------------------------------------------------------------


def _session_values(entry: SessionEntry, *, facilitator: Facilitator) -> tuple[dict[str, Any], list[Problem]]:
    problems = _Problems(entry.extra_problems)
    _title(problems, entry.title, "Give the session a title, for example “Action Learning Set, meeting 1”")
    if entry.held_on is None:
        problems.refuse("held_on", "Say when the session was held, for example 2/3/2026")
    elif entry.held_on > timezone.localdate():
        problems.refuse("held_on", "Record a session once it has been held: the day must be today or earlier")
    elif entry.held_on < facilitator.trained_on:
        problems.refuse("held_on", "The session cannot be before the facilitator was trained", entry.held_on)
    if entry.people_reached is None:
        problems.refuse("people_reached", "Say how many people the session reached")
    elif not 0 <= entry.people_reached <= MAX_REACHED:
        problems.refuse("people_reached", f"People reached must be from 0 to {MAX_REACHED:,}", entry.people_reached)
    organisation = selectors.organisation_by_code(entry.organisation_code)
    if entry.organisation_code.strip() and organisation is None:
        problems.refuse("organisation", "There is no organisation with this ODS code", entry.organisation_code)
    values = {
        "held_on": entry.held_on,
        "title": entry.title.strip(),
        "organisation_id": organisation.pk if organisation else None,
        "people_reached": entry.people_reached,
    }
    return values, list(problems)


def _session_audit(s: FacilitatedSession | None) -> dict[str, Any]:
    if s is None:
        return {}
    return {
        "held_on": s.held_on,
        "title": s.title,
        "organisation": s.organisation.ods_code if s.organisation_id and s.organisation else None,
        "people_reached": s.people_reached,
    }


@transaction.atomic
def session_add(*, actor: User, facilitator: Facilitator, entry: SessionEntry) -> FacilitatedSession:
    _require(actor)
    if selectors.facilitator_visible(actor, facilitator.pk) is None:
        raise PermissionDenied
    values, problems = _session_values(entry, facilitator=facilitator)
    if problems:
        raise Rejected(problems, subject=SESSION_REJECTED)
    session = FacilitatedSession.objects.create(facilitator=facilitator, **values)
    audit_record(
        actor=actor,
        action="programmes.facilitated_session_added",
        obj=session,
        summary=f"Session recorded for {facilitator.person}: {session.title}",
        changes=field_changes({}, _session_audit(session)),
    )
    return session


@transaction.atomic
def session_change(
    *, actor: User, session: FacilitatedSession, entry: SessionEntry, expected_version: int | None
) -> FacilitatedSession:
    _require(actor)
    version = expected(expected_version)
    if selectors.session_visible(actor, session.pk) is None:
        raise PermissionDenied
    values, problems = _session_values(entry, facilitator=session.facilitator)
    if problems:
        raise Rejected(problems, subject=SESSION_REJECTED)
    before = _session_audit(session)
    return _saved_change(
        SESSION, actor=actor, scope=selectors.sessions_visible(actor), pk=session.pk, version=version, values=values,
        before=before, action="programmes.facilitated_session_changed",
        summary=lambda found: f"Session changed: {found.title}",
    )  # fmt: skip


FACILITATOR = _Record("This facilitator", Facilitator, FACILITATOR_LABELS, _facilitator_audit)
EVENT = _Record("This training event", TrainingEvent, EVENT_LABELS, _event_audit)
SESSION = _Record("This session", FacilitatedSession, SESSION_LABELS, _session_audit)
