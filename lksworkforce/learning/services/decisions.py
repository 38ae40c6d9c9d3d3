"""A curator's decision on one queue item: accept (as sent, or edited first), decline with a reason,
merge a duplicate into a resource already in the catalogue, or retire the resource an item is about.
Each decision claims the suggestion's `edit_version` (two curators cannot both decide it), is
refused whole with every problem, and is audited with what it changed in the catalogue."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lksworkforce.core.audit import audit_record, field_changes
from lksworkforce.core.concurrency import StaleEdit, claim_version, expected
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.learning.models import Resource, SheetEntry, Suggestion, Teaches
from lksworkforce.learning.services.suggestions import text_problems, web_address_problem
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus, SuggestionKind, SuggestionStatus

NOT_DECIDED = "The decision was not saved"
REVIEW_EVERY = dt.timedelta(days=365)


class Decision(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    MERGE = "merge"
    RETIRE = "retire"

    @property
    def label(self) -> str:
        return {"accept": "Accept", "decline": "Decline", "merge": "Merge", "retire": "Retire the resource"}[self.value]


# Which decisions each kind of item can take.
ALLOWED: dict[SuggestionKind, tuple[Decision, ...]] = {
    SuggestionKind.NEW_RESOURCE: (Decision.ACCEPT, Decision.DECLINE, Decision.MERGE),
    SuggestionKind.SHEET_ADDITION: (Decision.ACCEPT, Decision.DECLINE),
    SuggestionKind.CORRECTION: (Decision.ACCEPT, Decision.DECLINE),
    SuggestionKind.BROKEN_LINK: (Decision.ACCEPT, Decision.RETIRE, Decision.DECLINE),
    SuggestionKind.MOVED_LINK: (Decision.ACCEPT, Decision.RETIRE, Decision.DECLINE),
    SuggestionKind.REVIEW_DUE: (Decision.ACCEPT, Decision.RETIRE, Decision.DECLINE),
    SuggestionKind.NO_OFFER: (Decision.ACCEPT, Decision.DECLINE),
}


class AlreadyDecided(StaleEdit):
    """A decision on an item that has been decided: refused (409), with who decided it and how."""

    def __init__(self, suggestion: Suggestion) -> None:
        Exception.__init__(self, already_decided_message(suggestion))
        self.what = "This suggestion"
        self.changes = []


def already_decided_message(suggestion: Suggestion) -> str:
    when = f" on {suggestion.decided_at:%-d %B %Y}" if suggestion.decided_at else ""
    status = SuggestionStatus(suggestion.status).label.lower()
    return f"This suggestion was already {status}{when}. A decided suggestion cannot be decided again; nothing was changed."


@dataclass(frozen=True)
class ResourceEdits:
    """What a curator edits before accepting: blank keeps what was suggested (or what is saved)."""

    title: str = ""
    url: str = ""
    description: str = ""
    resource_kind: str = ""
    provider: str = ""
    publish: bool = False
    teaches: Sequence[int] = ()  # sub-area ids


@dataclass(frozen=True)
class DecisionInput:
    decision: str
    edit_version: int | None
    reason: str = ""
    resource_id: int | None = None  # merge into it, or (a sheet addition) the resource to add
    review_due_on: dt.date | None = None
    edits: ResourceEdits = field(default_factory=ResourceEdits)


def decide(*, suggestion: Suggestion, actor: Caller, entry: DecisionInput) -> Suggestion:
    """Decide a waiting item. Raises AlreadyDecided, StaleEdit (someone decided first), Rejected."""
    version = expected(entry.edit_version)
    with transaction.atomic():
        current = (
            Suggestion.objects.select_for_update(of=("self",)).select_related("resource", "sheet").get(pk=suggestion.pk)
        )
        if current.status != SuggestionStatus.WAITING:
            raise AlreadyDecided(current)
        decision, target = _checked(current, entry)
        now = timezone.now()
        outcome, reason, effect = _apply(current, decision, target, entry, actor, now)
        if not claim_version(
            Suggestion.objects,
            pk=current.pk,
            version=version,
            status=outcome,
            decided_by_id=actor.pk,
            decided_at=now,
            reason=reason,
            outcome_resource=effect,
        ):
            raise StaleEdit("This suggestion")
        current.refresh_from_db()
        audit_record(
            actor=actor,
            action=f"learning.suggestion.{decision.value}",
            obj=current,
            summary=f"{SuggestionKind(current.kind).label}: {decision.label.lower()}",
            changes={"status": outcome.value, "reason": reason, "resource": effect.pk if effect else None},
        )
    return current


def _checked(suggestion: Suggestion, entry: DecisionInput) -> tuple[Decision, Resource | None]:
    kind = SuggestionKind(suggestion.kind)
    try:
        decision = Decision(entry.decision)
    except ValueError:
        decision = None
    if decision is None or decision not in ALLOWED[kind]:
        allowed = ", ".join(d.value for d in ALLOWED[kind])
        raise Rejected(
            [Problem(field="decision", value=entry.decision, reason=f"Choose one of: {allowed}")], subject=NOT_DECIDED
        )
    edits = entry.edits
    problems = text_problems(
        {"reason": entry.reason, "title": edits.title, "url": edits.url, "description": edits.description}
    )
    if decision == Decision.DECLINE and not entry.reason.strip():
        problems.append(Problem(field="reason", reason="Say why it is declined: the suggester reads it"))
    target = None
    if entry.resource_id is not None:
        target = Resource.objects.filter(pk=entry.resource_id).first()
        if target is None:
            problems.append(Problem(field="resource_id", value=str(entry.resource_id), reason="No such resource"))
    if decision == Decision.MERGE and entry.resource_id is None:
        problems.append(Problem(field="resource_id", reason="Choose the resource it duplicates"))
    if decision == Decision.ACCEPT and kind == SuggestionKind.SHEET_ADDITION:
        target = target or suggestion.resource
        if target is None and not problems:
            problems.append(Problem(field="resource_id", reason="Choose the catalogue's resource to add to the sheet"))
        elif target is not None and SheetEntry.objects.filter(sheet=suggestion.sheet, resource=target).exists():
            problems.append(Problem(field="resource_id", reason=f"{target.title} is already on this sheet"))
    new_url = edits.url.strip() or (suggestion.url if kind == SuggestionKind.MOVED_LINK else "")
    if decision == Decision.ACCEPT and kind in {SuggestionKind.BROKEN_LINK, SuggestionKind.MOVED_LINK} and not new_url:
        problems.append(Problem(field="url", reason="Give the resource's working web address"))
    if edits.url.strip() and (problem := web_address_problem(edits.url.strip(), "url")):
        problems.append(problem)
    if decision == Decision.ACCEPT and kind == SuggestionKind.NEW_RESOURCE:
        problems += _new_resource_problems(suggestion, edits)
    if problems:
        raise Rejected(problems, subject=NOT_DECIDED)
    return decision, target


def _new_resource_problems(suggestion: Suggestion, edits: ResourceEdits) -> list[Problem]:
    problems = []
    if (edits.resource_kind or suggestion.proposed.get("kind", "")) not in {k.value for k in ResourceKind}:
        problems.append(Problem(field="resource_kind", value=edits.resource_kind, reason="Choose the kind of resource"))
    if not (edits.title.strip() or suggestion.title):
        problems.append(Problem(field="title", reason="Give the resource's title"))
    if len(edits.provider) > 200:
        problems.append(Problem(field="provider", reason="Write at most 200 characters"))
    sub_area = Teaches._meta.get_field("sub_area").related_model
    known = set(sub_area._default_manager.filter(pk__in=list(edits.teaches)).values_list("pk", flat=True))
    problems += [
        Problem(field="teaches", value=str(i), reason="No such sub-area") for i in edits.teaches if i not in known
    ]
    return problems


def _apply(
    suggestion: Suggestion,
    decision: Decision,
    target: Resource | None,
    entry: DecisionInput,
    actor: Caller,
    now: dt.datetime,
) -> tuple[SuggestionStatus, str, Resource | None]:
    """Change the catalogue as decided: (the suggestion's outcome, the reason kept, its resource)."""
    kind, reason = SuggestionKind(suggestion.kind), entry.reason.strip()
    if decision == Decision.DECLINE:
        return SuggestionStatus.DECLINED, reason, None
    if decision == Decision.MERGE:
        return SuggestionStatus.MERGED, reason, target
    about = suggestion.resource
    if decision == Decision.RETIRE:
        assert about is not None
        _change_resource(about, actor, {"status": ResourceStatus.RETIRED}, "retired")
        return SuggestionStatus.ACCEPTED, reason or "The resource was retired.", about
    if kind == SuggestionKind.NEW_RESOURCE:
        return SuggestionStatus.ACCEPTED, reason, _create_resource(suggestion, entry.edits, actor, now.date())
    if kind == SuggestionKind.SHEET_ADDITION:
        assert target is not None
        assert suggestion.sheet is not None
        last = SheetEntry.objects.filter(sheet=suggestion.sheet).aggregate(last=Max("position"))["last"] or 0
        added = SheetEntry.objects.create(
            sheet=suggestion.sheet, resource=target, position=last + 1, note=suggestion.details[:300]
        )
        audit_record(
            actor=actor,
            action="learning.sheet_entry.added",
            obj=added,
            summary=f"{target.title} added to {suggestion.sheet.title}",
        )
        return SuggestionStatus.ACCEPTED, reason, target
    if about is None:  # a need with nothing on offer: noted, the curator acts in the catalogue
        return SuggestionStatus.ACCEPTED, reason, None
    edits = entry.edits
    if kind in {SuggestionKind.BROKEN_LINK, SuggestionKind.MOVED_LINK}:
        _change_resource(about, actor, {"url": edits.url.strip() or suggestion.url}, "link mended")
    elif kind == SuggestionKind.REVIEW_DUE:
        _change_resource(about, actor, {"review_due_on": entry.review_due_on or now.date() + REVIEW_EVERY}, "reviewed")
    elif kind == SuggestionKind.CORRECTION:
        values = {
            "title": edits.title.strip(),
            "url": edits.url.strip(),
            "description": edits.description.strip(),
            "provider": edits.provider.strip(),
        }
        _change_resource(about, actor, {k: v for k, v in values.items() if v}, "corrected")
    return SuggestionStatus.ACCEPTED, reason, about


def _change_resource(resource: Resource, actor: Caller, values: dict[str, Any], what: str) -> None:
    """Write to a resource under its own version, so an edit in the catalogue meanwhile is not lost."""
    if not values:
        return
    saved = Resource.objects.select_for_update().get(pk=resource.pk)
    before = {key: getattr(saved, key) for key in values}
    if not claim_version(Resource.objects, pk=saved.pk, version=saved.edit_version, **values):
        raise StaleEdit(f"The resource {saved.title}")
    audit_record(
        actor=actor,
        action="learning.resource.changed",
        obj=saved,
        summary=f"{saved.title}: {what} from the queue",
        changes=field_changes(before, values),
    )


def _create_resource(suggestion: Suggestion, edits: ResourceEdits, actor: Caller, today: dt.date) -> Resource:
    proposed = suggestion.proposed
    resource = Resource.objects.create(
        title=edits.title.strip() or suggestion.title,
        url=edits.url.strip() or suggestion.url,
        description=edits.description.strip() or proposed.get("description", ""),
        kind=edits.resource_kind or proposed.get("kind", ResourceKind.READING),
        provider=edits.provider.strip(),
        added_on=today,
        review_due_on=today + REVIEW_EVERY,
        status=ResourceStatus.PUBLISHED if edits.publish else ResourceStatus.DRAFT,
    )
    Teaches.objects.bulk_create([Teaches(resource=resource, sub_area_id=i) for i in dict.fromkeys(edits.teaches)])
    audit_record(
        actor=actor,
        action="learning.resource.created",
        obj=resource,
        summary=f"{resource.title} added from a suggestion ({resource.get_status_display().lower()})",
        changes={"suggestion": suggestion.pk, "teaches": list(dict.fromkeys(edits.teaches))},
    )
    return resource
