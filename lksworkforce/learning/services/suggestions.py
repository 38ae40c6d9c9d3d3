"""People's suggestions to the catalogue: a new resource, an addition to a resource sheet, a
correction, or a broken link. Checked whole (every problem at once, nothing saved), audited.
The curators' decisions are in `learning.services.decisions`."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.viewers import Caller
from lksworkforce.learning.models import Resource, ResourceSheet, Suggestion
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus, SuggestionKind

NOT_SENT = "The suggestion was not sent"
PEOPLE_SUGGEST = (
    SuggestionKind.NEW_RESOURCE,
    SuggestionKind.SHEET_ADDITION,
    SuggestionKind.CORRECTION,
    SuggestionKind.BROKEN_LINK,
)
LONGEST = {"title": 300, "url": 500, "description": 5000, "why": 2000}
_URL = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class SuggestionInput:
    """What a person sends. `why`: their reason, or what is wrong (a correction, a broken link)."""

    kind: str
    title: str = ""
    url: str = ""
    description: str = ""
    resource_kind: str = ""
    why: str = ""
    resource_id: int | None = None
    sheet_id: int | None = None


def web_address_problem(url: str, field: str) -> Problem | None:
    """A web address people and the link checker can use: http or https, at most 500 characters."""
    if len(url) > LONGEST["url"]:
        return Problem(field=field, value=url, reason=f"Give a web address of at most {LONGEST['url']} characters")
    try:
        _URL(url)
    except ValidationError:
        return Problem(field=field, value=url, reason="Give a web address starting with https:// or http://")
    return None


def text_problems(values: dict[str, str]) -> list[Problem]:
    """Lengths, and characters no text here may hold (NUL, other control characters but line breaks)."""
    problems = []
    for field, value in values.items():
        if any(ord(c) < 32 and c not in "\n\r\t" for c in value):
            problems.append(Problem(field=field, value=value, reason="Remove the control characters from this text"))
        elif len(value) > LONGEST.get(field, 2000):
            problems.append(Problem(field=field, reason=f"Write at most {LONGEST.get(field, 2000):,} characters"))
    return problems


def _checked(entry: SuggestionInput) -> tuple[SuggestionKind, Resource | None, ResourceSheet | None]:
    problems: list[Problem] = []
    try:
        kind = SuggestionKind(entry.kind)
    except ValueError:
        kind = None
    if kind not in PEOPLE_SUGGEST:
        raise Rejected(
            [Problem(field="kind", value=entry.kind, reason="Choose what you are suggesting")], subject=NOT_SENT
        )
    assert kind is not None
    values = {"title": entry.title, "url": entry.url, "description": entry.description, "why": entry.why}
    problems += text_problems(values)
    resource = sheet = None
    if entry.resource_id is not None:
        resource = Resource.objects.exclude(status=ResourceStatus.DRAFT).filter(pk=entry.resource_id).first()
        if resource is None:
            problems.append(
                Problem(field="resource", value=str(entry.resource_id), reason="No such resource in the catalogue")
            )
    if kind in {SuggestionKind.CORRECTION, SuggestionKind.BROKEN_LINK} and entry.resource_id is None:
        problems.append(Problem(field="resource", reason="Say which resource this is about"))
    if kind == SuggestionKind.CORRECTION and not entry.why.strip():
        problems.append(Problem(field="why", reason="Say what is wrong and what it should say"))
    if kind == SuggestionKind.NEW_RESOURCE:
        if not entry.title.strip():
            problems.append(Problem(field="title", reason="Give the resource's title"))
        if entry.resource_kind not in {k.value for k in ResourceKind}:
            problems.append(
                Problem(field="resource_kind", value=entry.resource_kind, reason="Choose what kind of resource it is")
            )
    if kind == SuggestionKind.SHEET_ADDITION:
        sheet = ResourceSheet.objects.filter(pk=entry.sheet_id).first() if entry.sheet_id is not None else None
        if sheet is None:
            problems.append(Problem(field="sheet", reason="Choose the resource sheet to add it to"))
        if entry.resource_id is None and not entry.url.strip():
            problems.append(Problem(field="url", reason="Give the web address of what to add, or choose a resource"))
    if kind == SuggestionKind.NEW_RESOURCE or (kind == SuggestionKind.SHEET_ADDITION and entry.url.strip()):
        if not entry.url.strip():
            problems.append(Problem(field="url", reason="Give the resource's web address"))
        elif (problem := web_address_problem(entry.url.strip(), "url")) is not None:
            problems.append(problem)
    if problems:
        raise Rejected(problems, subject=NOT_SENT)
    return kind, resource, sheet


def suggestion_send(*, person: Caller, entry: SuggestionInput) -> Suggestion:
    """Put a person's suggestion on the curators' queue."""
    kind, resource, sheet = _checked(entry)
    proposed = {}
    if kind == SuggestionKind.NEW_RESOURCE:
        proposed = {"description": entry.description.strip(), "kind": entry.resource_kind}
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            kind=kind,
            suggested_by_id=person.pk,
            resource=resource,
            sheet=sheet,
            title=entry.title.strip() or (resource.title if resource else ""),
            url=entry.url.strip(),
            details=entry.why.strip(),
            proposed=proposed,
        )
        audit_record(
            actor=person,
            action="learning.suggestion.sent",
            obj=suggestion,
            summary=f"{kind.label} suggested",
            changes={"kind": kind.value, "resource": resource.pk if resource else None},
        )
    return suggestion
