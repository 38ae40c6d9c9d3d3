"""Writes of programmes and cohorts: create and change, each checked whole (`Rejected` with every
problem), claimed by version (`StaleEdit`) and audited. The national team sets up programmes and
any cohort; a regional lead only cohorts in a region they lead (the scoped selector decides). The
sessions, group projects and calendar feed tokens are in services/setup_sessions.py."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.core.audit import audit_record, field_changes
from lksworkforce.core.concurrency import StaleEdit, claim_version, differences, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.programmes.models import Cohort, Programme
from lksworkforce.programmes.selectors import setup as selectors
from lksworkforce.programmes.vocabulary import Delivery, ProgrammeKind

MAX_TITLE = 200
MAX_KEY = 60
MAX_TEXT = 10_000
MAX_CRITERIA = 10
MAX_CRITERION = 200
MAX_ROLES = 20
MAX_ROLE = 100
MAX_CAPACITY = 1000
MAX_SESSIONS_RULE = 50
PROGRAMME_REJECTED = "The programme was not saved"
COHORT_REJECTED = "The cohort was not saved"

PROGRAMME_LABELS = {
    "key": "Short name",
    "title": "Title",
    "kind": "Kind",
    "description": "Description",
    "sub_areas": "Sub-areas it develops",
    "band_from": "Lowest band",
    "band_to": "Highest band",
    "qualified_only": "Qualified people only",
    "roles": "Job roles",
    "delivery": "Delivery",
    "completion_sessions": "Sessions to attend",
    "completion_needs_project": "Needs a group project",
    "gives_certificate": "Gives a certificate",
    "needs_manager_support": "Needs the service manager's support",
    "selection_criteria": "Selection criteria",
    "exclusive_with": "Apply for this or",
}
COHORT_LABELS = {
    "name": "Name",
    "region": "Region",
    "starts_on": "Starts",
    "ends_on": "Ends",
    "capacity": "Places",
    "applications_open_on": "Applications open",
    "applications_close_on": "Applications close",
    "shares_places_by_region": "Places shared by region",
    "facilitators": "Facilitators",
}


@dataclass(frozen=True)
class ProgrammeEntry:
    key: str
    title: str
    kind: str
    delivery: str
    description: str = ""
    sub_area_ids: tuple[int, ...] = ()
    band_from: str = ""
    band_to: str = ""
    qualified_only: bool = False
    roles: tuple[str, ...] = ()
    completion_sessions: int | None = None
    completion_needs_project: bool = False
    gives_certificate: bool = False
    needs_manager_support: bool = False
    selection_criteria: tuple[str, ...] = ()
    exclusive_with_ids: tuple[int, ...] = ()
    extra_problems: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class CohortEntry:
    name: str
    starts_on: date | None
    ends_on: date | None
    capacity: int | None
    region_id: int | None = None  # None: a national cohort
    applications_open_on: date | None = None
    applications_close_on: date | None = None
    shares_places_by_region: bool = False
    facilitator_ids: tuple[int, ...] = ()
    extra_problems: tuple[Problem, ...] = field(default=())


class _Problems(list[Problem]):
    def refuse(self, name: str, reason: str, value: object = None) -> None:
        self.append(Problem(field=name, reason=reason, value=None if value is None else str(value)))

    def has(self, name: str) -> bool:
        return any(p.field == name for p in self)


def _text(problems: _Problems, name: str, value: str, limit: int, *, required: str = "") -> None:
    if required and not value.strip():
        if not problems.has(name):
            problems.refuse(name, required)
    elif len(value) > limit:
        problems.refuse(
            name, f"{PROGRAMME_LABELS.get(name) or COHORT_LABELS.get(name, name)} can be at most {limit:,} characters"
        )


def _programme_problems(entry: ProgrammeEntry, programme: Programme | None) -> list[Problem]:
    problems = _Problems(entry.extra_problems)
    key = entry.key.strip()
    _text(problems, "key", key, MAX_KEY, required="Give the programme a short name for its address")
    if key and len(key) <= MAX_KEY:
        if slugify(key) != key:
            problems.refuse("key", "The short name can have only small letters, numbers and hyphens", key)
        elif Programme.objects.filter(key=key).exclude(pk=programme.pk if programme else 0).exists():
            problems.refuse("key", "Another programme has this short name", key)
    _text(problems, "title", entry.title, MAX_TITLE, required="Give the programme a title")
    _text(problems, "description", entry.description, MAX_TEXT)
    if entry.kind not in {k.value for k in ProgrammeKind} and not problems.has("kind"):
        problems.refuse("kind", "Choose the kind of programme", entry.kind)
    if entry.delivery not in {d.value for d in Delivery} and not problems.has("delivery"):
        problems.refuse("delivery", "Choose how it is delivered", entry.delivery)
    for name in ("band_from", "band_to"):
        value = getattr(entry, name)
        if value and value not in AFC_BANDS:
            problems.refuse(name, "Choose an Agenda for Change band", value)
    bands_known = entry.band_from in AFC_BANDS and entry.band_to in AFC_BANDS
    if bands_known and AFC_BANDS.index(entry.band_from) > AFC_BANDS.index(entry.band_to):
        problems.refuse("band_to", "The highest band must not be below the lowest band", entry.band_to)
    if len(entry.roles) > MAX_ROLES or any(len(r) > MAX_ROLE for r in entry.roles):
        problems.refuse("roles", f"Give at most {MAX_ROLES} job roles of up to {MAX_ROLE} characters each")
    if len(entry.selection_criteria) > MAX_CRITERIA or any(len(c) > MAX_CRITERION for c in entry.selection_criteria):
        problems.refuse(
            "selection_criteria", f"Give at most {MAX_CRITERIA} criteria of up to {MAX_CRITERION} characters each"
        )
    if entry.completion_sessions is not None and not 1 <= entry.completion_sessions <= MAX_SESSIONS_RULE:
        problems.refuse(
            "completion_sessions",
            f"Sessions to attend must be from 1 to {MAX_SESSIONS_RULE}",
            entry.completion_sessions,
        )
    sub_area_model = Programme._meta.get_field("sub_areas").related_model
    wanted = set(entry.sub_area_ids)
    if wanted and sub_area_model._default_manager.filter(pk__in=sorted(wanted)).count() != len(wanted):
        problems.refuse("sub_areas", "Choose sub-areas of the skills framework")
    others = set(entry.exclusive_with_ids)
    if programme is not None and programme.pk in others:
        problems.refuse("exclusive_with", "A programme cannot exclude itself")
    elif others and Programme.objects.filter(pk__in=sorted(others)).count() != len(others):
        problems.refuse("exclusive_with", "Choose other programmes")
    return list(problems)


def _programme_values(entry: ProgrammeEntry) -> dict[str, Any]:
    return {
        "key": entry.key.strip(),
        "title": entry.title.strip(),
        "kind": entry.kind,
        "description": entry.description.strip(),
        "band_from": entry.band_from,
        "band_to": entry.band_to,
        "qualified_only": entry.qualified_only,
        "roles": [r.strip() for r in entry.roles if r.strip()],
        "delivery": entry.delivery,
        "completion_sessions": entry.completion_sessions,
        "completion_needs_project": entry.completion_needs_project,
        "gives_certificate": entry.gives_certificate,
        "needs_manager_support": entry.needs_manager_support,
        "selection_criteria": [c.strip() for c in entry.selection_criteria if c.strip()],
    }


def _programme_audit(programme: Programme) -> dict[str, Any]:
    values = {name: getattr(programme, name) for name in _programme_values_keys()}
    values["sub_areas"] = sorted(programme.sub_areas.values_list("pk", flat=True))
    values["exclusive_with"] = sorted(programme.exclusive_with.values_list("pk", flat=True))
    return values


def _programme_values_keys() -> tuple[str, ...]:
    return tuple(k for k in PROGRAMME_LABELS if k not in {"sub_areas", "exclusive_with"})


def _require(actor: User, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied


@transaction.atomic
def programme_create(*, actor: User, entry: ProgrammeEntry) -> Programme:
    _require(actor, "programmes.manage_programmes")
    if problems := _programme_problems(entry, None):
        raise Rejected(problems, subject=PROGRAMME_REJECTED)
    programme = Programme.objects.create(**_programme_values(entry))
    programme.sub_areas.set(sorted(set(entry.sub_area_ids)))
    programme.exclusive_with.set(sorted(set(entry.exclusive_with_ids)))
    audit_record(
        actor=actor,
        action="programmes.programme_created",
        obj=programme,
        summary=f"Programme set up: {programme.title}",
        changes=field_changes({}, _programme_audit(programme)),
    )
    return programme


@transaction.atomic
def programme_change(
    *, actor: User, programme: Programme, entry: ProgrammeEntry, expected_version: int | None
) -> Programme:
    _require(actor, "programmes.manage_programmes")
    version = expected(expected_version)
    if problems := _programme_problems(entry, programme):
        raise Rejected(problems, subject=PROGRAMME_REJECTED)
    before = _programme_audit(programme)
    values = _programme_values(entry)
    if not claim_version(Programme.objects, pk=programme.pk, version=version, updated_at=timezone.now(), **values):
        saved = Programme.objects.filter(pk=programme.pk).first()
        now = {k: getattr(saved, k) for k in _programme_values_keys()} if saved else {}
        raise StaleEdit("This programme", differences(PROGRAMME_LABELS, values, now))
    programme.refresh_from_db()
    programme.sub_areas.set(sorted(set(entry.sub_area_ids)))
    programme.exclusive_with.set(sorted(set(entry.exclusive_with_ids)))
    audit_record(
        actor=actor,
        action="programmes.programme_changed",
        obj=programme,
        summary=f"Programme changed: {programme.title}",
        changes=field_changes(before, _programme_audit(programme)),
    )
    return programme


def _cohort_problems(entry: CohortEntry, *, actor: User) -> list[Problem]:
    problems = _Problems(entry.extra_problems)
    if not entry.name.strip():
        problems.refuse("name", "Give the cohort a name, for example “2026, North West”")
    elif len(entry.name) > MAX_TITLE:
        problems.refuse("name", f"The name can be at most {MAX_TITLE} characters")
    for name, reason in (("starts_on", "Say when the cohort starts"), ("ends_on", "Say when the cohort ends")):
        if getattr(entry, name) is None and not problems.has(name):
            problems.refuse(name, reason + ", for example 2/3/2026")
    if entry.starts_on and entry.ends_on and entry.ends_on < entry.starts_on:
        problems.refuse("ends_on", "The cohort must end on or after the day it starts", entry.ends_on.isoformat())
    if entry.capacity is None:
        if not problems.has("capacity"):
            problems.refuse("capacity", "Say how many places the cohort has")
    elif not 1 <= entry.capacity <= MAX_CAPACITY:
        problems.refuse("capacity", f"Places must be from 1 to {MAX_CAPACITY:,}", entry.capacity)
    opens, closes = entry.applications_open_on, entry.applications_close_on
    if (opens is None) != (closes is None) and not (
        problems.has("applications_open_on") or problems.has("applications_close_on")
    ):
        problems.refuse("applications_close_on", "Give both the day applications open and the day they close")
    if opens and closes and closes < opens:
        problems.refuse("applications_close_on", "Applications must close on or after the day they open")
    if closes and entry.starts_on and closes > entry.starts_on:
        problems.refuse("applications_close_on", "Applications must close by the day the cohort starts")
    allowed = {r.pk for r in selectors.regions_for(actor)}
    if entry.region_id is None:
        if not actor.has_perm("programmes.manage_programmes"):
            problems.refuse("region", "Choose your region: national cohorts are set up by the national team")
    elif entry.region_id not in allowed:
        problems.refuse("region", "Choose a current region you may run cohorts in", entry.region_id)
    if entry.shares_places_by_region and entry.region_id is not None:
        problems.refuse("shares_places_by_region", "Only a national cohort shares its places among regions")
    wanted = set(entry.facilitator_ids)
    if wanted and User.objects.filter(pk__in=sorted(wanted), is_active=True).count() != len(wanted):
        problems.refuse("facilitators", "Choose facilitators from the people in the service")
    return list(problems)


def _cohort_values(entry: CohortEntry) -> dict[str, Any]:
    return {
        "name": entry.name.strip(),
        "region_id": entry.region_id,
        "starts_on": entry.starts_on,
        "ends_on": entry.ends_on,
        "capacity": entry.capacity,
        "applications_open_on": entry.applications_open_on,
        "applications_close_on": entry.applications_close_on,
        "shares_places_by_region": entry.shares_places_by_region,
    }


def _cohort_audit(cohort: Cohort) -> dict[str, Any]:
    values = {k.removesuffix("_id"): v for k, v in _cohort_values_of(cohort).items()}
    values["facilitators"] = sorted(cohort.facilitators.values_list("pk", flat=True))
    return values


def _cohort_values_of(cohort: Cohort) -> dict[str, Any]:
    return {k: getattr(cohort, k) for k in _cohort_values(CohortEntry("", None, None, None))}


@transaction.atomic
def cohort_create(*, actor: User, programme: Programme, entry: CohortEntry) -> Cohort:
    _require(actor, "programmes.manage_cohorts")
    if problems := _cohort_problems(entry, actor=actor):
        raise Rejected(problems, subject=COHORT_REJECTED)
    cohort = Cohort.objects.create(programme=programme, **_cohort_values(entry))
    cohort.facilitators.set(sorted(set(entry.facilitator_ids)))
    audit_record(
        actor=actor,
        action="programmes.cohort_created",
        obj=cohort,
        summary=f"Cohort set up: {programme.title}, {cohort.name}",
        changes=field_changes({}, _cohort_audit(cohort)),
    )
    return cohort


@transaction.atomic
def cohort_change(*, actor: User, cohort: Cohort, entry: CohortEntry, expected_version: int | None) -> Cohort:
    """Change a cohort the actor runs: a regional lead cannot move it out of their region."""
    version = expected(expected_version)
    if selectors.cohort_run_by(actor, cohort.pk) is None:
        raise PermissionDenied
    if problems := _cohort_problems(entry, actor=actor):
        raise Rejected(problems, subject=COHORT_REJECTED)
    before = _cohort_audit(cohort)
    values = _cohort_values(entry)
    if not claim_version(
        selectors.cohorts_run_by(actor), pk=cohort.pk, version=version, updated_at=timezone.now(), **values
    ):
        saved = Cohort.objects.filter(pk=cohort.pk).first()
        yours = {k.removesuffix("_id"): v for k, v in values.items()}
        now = {k.removesuffix("_id"): v for k, v in _cohort_values_of(saved).items()} if saved else {}
        raise StaleEdit("This cohort", differences(COHORT_LABELS, yours, now))
    cohort.refresh_from_db()
    cohort.facilitators.set(sorted(set(entry.facilitator_ids)))
    audit_record(
        actor=actor,
        action="programmes.cohort_changed",
        obj=cohort,
        summary=f"Cohort changed: {cohort.name}",
        changes=field_changes(before, _cohort_audit(cohort)),
    )
    return cohort
