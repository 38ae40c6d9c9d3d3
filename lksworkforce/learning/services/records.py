"""Writes of learning records: add (optionally marking a development plan action done, in the same
transaction), change and remove, each checked whole (`Rejected` with every problem), claimed by
version (`StaleEdit`) and audited. Pages and the API call these and nothing else."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record, field_changes
from lksworkforce.core.capability import development_plan
from lksworkforce.core.concurrency import StaleEdit, claim_deletion, claim_version, differences, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.learning.models import LearningRecord
from lksworkforce.learning.selectors.records import current_sub_areas, open_plan_steps, shown_resource_exists

MAX_MINUTES = 100 * 60  # one record: at most 100 hours (a long course is several records)
MAX_TITLE = 300
MAX_TEXT = 5000
MAX_LINKS = 10
MAX_LINK_LENGTH = 500
REJECTED = "The learning record was not saved"

LABELS = {
    "title": "What you did",
    "done_on": "When",
    "minutes": "How long (minutes)",
    "sub_areas": "Sub-areas",
    "learnt": "What I learnt",
    "will_do_differently": "What I will do differently",
    "evidence_links": "Evidence links",
    "shared_with_manager": "Shared with my service manager",
}


@dataclass(frozen=True)
class RecordEntry:
    """What a person sends for a record (from a form or an API body)."""

    title: str
    done_on: date | None
    minutes: int | None
    sub_area_ids: tuple[int, ...] = ()
    learnt: str = ""
    will_do_differently: str = ""
    evidence_links: tuple[str, ...] = ()
    shared_with_manager: bool = False
    resource_id: int | None = None
    plan_step_id: int | None = None  # a plan action this learning did (new records only)
    extra_problems: tuple[Problem, ...] = field(default=())  # what the form or body could not parse


def link_problem(link: str) -> str | None:
    """Why an evidence link is refused, or None: a web address (http or https) with a host."""
    if len(link) > MAX_LINK_LENGTH:
        return f"An evidence link can be at most {MAX_LINK_LENGTH} characters"
    try:
        parts = urlsplit(link)
    except ValueError:
        return "An evidence link must be a web address starting with https:// or http://"
    if parts.scheme not in {"http", "https"} or not parts.hostname or any(c.isspace() for c in link):
        return "An evidence link must be a web address starting with https:// or http://"
    return None


def _problems(entry: RecordEntry, *, today: date, new: bool, person: User) -> list[Problem]:
    problems = list(entry.extra_problems)

    def refuse(name: str, reason: str, value: object = None) -> None:
        problems.append(Problem(field=name, reason=reason, value=None if value is None else str(value)))

    if not entry.title.strip():
        refuse("title", "Say what you did")
    elif len(entry.title) > MAX_TITLE:
        refuse("title", f"What you did can be at most {MAX_TITLE} characters")
    if entry.done_on is None:
        if not any(p.field == "done_on" for p in problems):
            refuse("done_on", "Say when you did it, for example 15/3/2026")
    elif entry.done_on > today:
        refuse("done_on", "The date must be today or in the past", entry.done_on.isoformat())
    elif entry.done_on.year < 1990:
        refuse("done_on", "The date must be in 1990 or later", entry.done_on.isoformat())
    if entry.minutes is None:
        if not any(p.field == "minutes" for p in problems):
            refuse("minutes", "Say how long it took, in minutes")
    elif not 0 < entry.minutes <= MAX_MINUTES:
        refuse("minutes", f"How long must be from 1 to {MAX_MINUTES:,} minutes (100 hours)", entry.minutes)
    known = {choice.id for choice in current_sub_areas()}
    for sub_area_id in entry.sub_area_ids:
        if sub_area_id not in known:
            refuse("sub_areas", "Choose sub-areas of the current skills framework", sub_area_id)
    for name in ("learnt", "will_do_differently"):
        if len(getattr(entry, name)) > MAX_TEXT:
            refuse(name, f"{LABELS[name]} can be at most {MAX_TEXT:,} characters")
    if len(entry.evidence_links) > MAX_LINKS:
        refuse("evidence_links", f"Give at most {MAX_LINKS} evidence links")
    for link in entry.evidence_links:
        if reason := link_problem(link):
            refuse("evidence_links", reason, link)
    if entry.resource_id is not None and not shown_resource_exists(entry.resource_id):
        refuse("resource", "There is no such resource in the catalogue", entry.resource_id)
    if entry.plan_step_id is not None:
        if not new:
            refuse("plan_step", "A plan action is marked done when the learning is first recorded")
        elif entry.plan_step_id not in {step.id for step in open_plan_steps(person)}:
            refuse("plan_step", "Choose one of your plan actions that is not yet done", entry.plan_step_id)
    return problems


def _values(entry: RecordEntry) -> dict[str, Any]:
    return {
        "title": entry.title.strip(),
        "done_on": entry.done_on,
        "minutes": entry.minutes,
        "learnt": entry.learnt.strip(),
        "will_do_differently": entry.will_do_differently.strip(),
        "evidence_links": list(dict.fromkeys(link.strip() for link in entry.evidence_links)),
        "shared_with_manager": entry.shared_with_manager,
    }


def _audit_values(record: LearningRecord) -> dict[str, Any]:
    """What the audit trail notes of a change: never what the person wrote (that is theirs)."""
    return {
        "done_on": record.done_on,
        "minutes": record.minutes,
        "sub_areas": sorted(s.pk for s in record.sub_areas.all()),
        "shared_with_manager": record.shared_with_manager,
    }


@transaction.atomic
def record_add(*, person: User, entry: RecordEntry) -> LearningRecord:
    """A new record; with `plan_step_id`, that plan action is marked done in the same transaction."""
    if problems := _problems(entry, today=timezone.localdate(), new=True, person=person):
        raise Rejected(problems, subject=REJECTED)
    record = LearningRecord.objects.create(
        person=person,
        resource_id=entry.resource_id,
        plan_step_id=entry.plan_step_id,
        organisation_id=person.organisation_id,
        band=person.band or "",
        **_values(entry),
    )
    record.sub_areas.set(sorted(set(entry.sub_area_ids)))
    if entry.plan_step_id is not None:
        plan = development_plan()
        done = plan.complete_step(person, entry.plan_step_id) if plan is not None else None
        if done is None:  # gone since it was checked: nothing is saved
            raise Rejected(
                [Problem(field="plan_step", reason="That plan action is no longer in your plan")], subject=REJECTED
            )
    audit_record(
        actor=person,
        action="learning.record_added",
        obj=record,
        summary="Learning recorded" + (", marking a plan action done" if entry.plan_step_id else ""),
        changes=field_changes({}, _audit_values(record)),
    )
    return record


@transaction.atomic
def record_change(
    *, person: User, record: LearningRecord, entry: RecordEntry, expected_version: int | None
) -> LearningRecord:
    version = expected(expected_version)
    if problems := _problems(entry, today=timezone.localdate(), new=False, person=person):
        raise Rejected(problems, subject=REJECTED)
    before = _audit_values(record)
    values = _values(entry)
    mine = LearningRecord.objects.filter(person_id=person.pk)
    if not claim_version(mine, pk=record.pk, version=version, updated_at=timezone.now(), **values):
        raise _stale(record, values | {"sub_areas": entry.sub_area_ids})
    record.refresh_from_db()
    record.sub_areas.set(sorted(set(entry.sub_area_ids)))
    audit_record(
        actor=person,
        action="learning.record_changed",
        obj=record,
        summary="Learning record changed",
        changes=field_changes(before, _audit_values(record)),
    )
    return record


@transaction.atomic
def record_remove(*, person: User, record: LearningRecord, expected_version: int | None) -> None:
    version = expected(expected_version)
    record_id = record.pk
    if not claim_deletion(LearningRecord.objects.filter(person_id=person.pk), pk=record_id, version=version):
        raise _stale(record, {})
    record.pk = record_id  # for the audit event, after the row is gone
    audit_record(actor=person, action="learning.record_removed", obj=record, summary="Learning record removed")


def _stale(record: LearningRecord, yours: dict[str, Any]) -> StaleEdit:
    saved = LearningRecord.objects.filter(pk=record.pk).prefetch_related("sub_areas").first()
    if saved is None:
        return StaleEdit("This learning record")
    now = _values_of(saved)
    return StaleEdit("This learning record", differences(LABELS, _displayed(yours), now, every=not yours))


def _values_of(record: LearningRecord) -> dict[str, Any]:
    return {
        "title": record.title,
        "done_on": record.done_on.isoformat(),
        "minutes": record.minutes,
        "sub_areas": [f"{s.number} {s.name}" for s in record.sub_areas.all()],
        "learnt": record.learnt,
        "will_do_differently": record.will_do_differently,
        "evidence_links": record.evidence_links,
        "shared_with_manager": record.shared_with_manager,
    }


def _displayed(yours: dict[str, Any]) -> dict[str, Any]:
    shown = dict(yours)
    if isinstance(shown.get("done_on"), date):
        shown["done_on"] = shown["done_on"].isoformat()
    if "sub_areas" in shown:
        labels = {choice.id: choice.label for choice in current_sub_areas()}
        shown["sub_areas"] = [labels.get(i, str(i)) for i in shown["sub_areas"]]
    return shown
