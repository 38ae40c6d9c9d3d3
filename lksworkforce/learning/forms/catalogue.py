"""The curators' forms: a resource (every field, with the sub-areas it teaches and to what
level), a topic, and a change to a topic's list. The forms read what was typed; the services
check it (one set of rules for pages, API and imports) and their problems come back here."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms

from lksworkforce.core.forms import VersionedForm
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.learning.models.catalogue import BAND_CHOICES
from lksworkforce.learning.selectors.catalogue import SubAreaChoice
from lksworkforce.learning.services.catalogue import ResourceInput, Taught
from lksworkforce.learning.services.catalogue_topics import TopicInput
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"]
DATE_HINT = "For example, 31/3/2027"
NOT_TAUGHT, LEVEL_UNKNOWN = "", "taught"
BAND_OPTIONS = [("", "Any band"), *BAND_CHOICES]
# A service's field name -> the form field a problem is shown against
FORM_FIELDS = {"length_minutes": "length_amount", "sub_areas": None}


def _text(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, strip=False, **kwargs)


class ResourceForm(VersionedForm):
    title = _text("Title")
    description = _text("Description", widget=forms.Textarea)
    kind = forms.ChoiceField(label="Kind", choices=[(k.value, k.label) for k in ResourceKind])
    provider = _text("Provider")
    url = _text("Web address")
    format = _text("Format")
    length_amount = forms.IntegerField(label="Length", required=False, min_value=1)
    length_unit = forms.ChoiceField(label="Length in", choices=[("minutes", "minutes"), ("hours", "hours")])
    cost = forms.ChoiceField(label="Cost", choices=[(c.value, c.label) for c in Cost])
    cost_note = _text("Note on cost")
    band_from = forms.ChoiceField(label="Lowest band it suits", choices=BAND_OPTIONS, required=False)
    band_to = forms.ChoiceField(label="Highest band it suits", choices=BAND_OPTIONS, required=False)
    roles = forms.MultipleChoiceField(label="Roles it suits", required=False)
    topics = forms.TypedMultipleChoiceField(label="Topics", required=False, coerce=int)
    licence = _text("Licence")
    added_on = forms.DateField(label="Date added", input_formats=DATE_FORMATS)
    review_due_on = forms.DateField(label="Review due", input_formats=DATE_FORMATS, required=False)
    status = forms.ChoiceField(label="Status", choices=[(s.value, s.label) for s in ResourceStatus])

    def __init__(
        self,
        data: Any = None,
        *,
        sub_areas: Sequence[SubAreaChoice],
        levels: Sequence[tuple[int, str]],
        roles: Sequence[tuple[str, str]],
        topics: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.sub_areas = list(sub_areas)
        level_items = [(NOT_TAUGHT, "Does not teach this"), (LEVEL_UNKNOWN, "Teaches it, level not stated")]
        level_items += [(str(value), f"To level {value} ({label})") for value, label in levels]
        for sub in self.sub_areas:
            self.fields[f"teaches_{sub.id}"] = forms.ChoiceField(label=sub.label, choices=level_items, required=False)
        chosen_roles = list(self.initial.get("roles", []))
        known = {key for key, _ in roles}
        self.fields["roles"].choices = [*roles, *((k, k) for k in chosen_roles if k not in known)]  # type: ignore[attr-defined]
        self.fields["topics"].choices = [(str(pk), name) for pk, name in topics]  # type: ignore[attr-defined]

    def teaches_fields(self) -> list[tuple[str, list[tuple[SubAreaChoice, str]]]]:
        """(area heading, [(sub-area, field name)]) for the template, in framework order."""
        grouped: dict[str, list[tuple[SubAreaChoice, str]]] = {}
        for sub in self.sub_areas:
            grouped.setdefault(sub.area, []).append((sub, f"teaches_{sub.id}"))
        return list(grouped.items())

    def entry(self) -> ResourceInput:
        """What was sent, once the form is valid; before, what could be read of it (`partial_entry`)."""
        data = self.cleaned_data
        amount = data.get("length_amount")
        minutes = None if amount is None else amount * (60 if data.get("length_unit") == "hours" else 1)
        teaches = []
        for sub in self.sub_areas:
            chosen = data.get(f"teaches_{sub.id}") or NOT_TAUGHT
            if chosen != NOT_TAUGHT:
                teaches.append(Taught(sub.id, None if chosen == LEVEL_UNKNOWN else int(chosen)))
        added_on = data.get("added_on")
        return ResourceInput(
            title=data.get("title", ""),
            url=data.get("url", ""),
            kind=data.get("kind", ResourceKind.E_LEARNING.value),
            added_on=added_on or date.today(),
            description=data.get("description", ""),
            provider=data.get("provider", ""),
            format=data.get("format", ""),
            length_minutes=minutes,
            cost=data.get("cost", Cost.FREE.value),
            cost_note=data.get("cost_note", ""),
            band_from=data.get("band_from", ""),
            band_to=data.get("band_to", ""),
            roles=tuple(data.get("roles", ())),
            licence=data.get("licence", ""),
            review_due_on=data.get("review_due_on") if added_on else None,
            status=data.get("status", ResourceStatus.DRAFT.value),
            teaches=tuple(teaches),
            topic_ids=tuple(data.get("topics", ())),
        )

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Show the service's problems against the fields they are about; a field the form could
        not read already says why, so the service's guess about it is left out."""
        already = set(self.errors)
        for problem in problems:
            name = FORM_FIELDS.get(problem.field or "", problem.field)
            if name in already:
                continue
            self.add_error(name if name in self.fields else None, problem.reason)


def resource_initial(entry: ResourceInput | None, version: int) -> dict[str, Any]:
    """A form's starting values: the saved resource, or a new draft added today."""
    if entry is None:
        return {"edit_version": 0, "added_on": date.today(), "status": ResourceStatus.DRAFT, "length_unit": "minutes"}
    minutes = entry.length_minutes
    in_hours = minutes is not None and minutes >= 60 and minutes % 60 == 0
    initial: dict[str, Any] = {
        "edit_version": version,
        "title": entry.title,
        "description": entry.description,
        "kind": entry.kind,
        "provider": entry.provider,
        "url": entry.url,
        "format": entry.format,
        "length_amount": (minutes // 60 if in_hours else minutes) if minutes is not None else None,
        "length_unit": "hours" if in_hours else "minutes",
        "cost": entry.cost,
        "cost_note": entry.cost_note,
        "band_from": entry.band_from,
        "band_to": entry.band_to,
        "roles": list(entry.roles),
        "topics": [str(t) for t in entry.topic_ids],
        "licence": entry.licence,
        "added_on": entry.added_on,
        "review_due_on": entry.review_due_on,
        "status": entry.status,
    }
    for taught in entry.teaches:
        initial[f"teaches_{taught.sub_area_id}"] = LEVEL_UNKNOWN if taught.level is None else str(taught.level)
    return initial


class StatusForm(VersionedForm):
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in ResourceStatus])


class TopicForm(VersionedForm):
    name = _text("Name")
    introduction = _text("Introduction", widget=forms.Textarea)
    slug = _text("Web address name")

    def entry(self) -> TopicInput:
        data = self.cleaned_data
        return TopicInput(name=data["name"], introduction=data["introduction"], slug=data["slug"])

    def add_problems(self, rejected: Rejected) -> None:
        for problem in rejected.problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.reason)


class TopicListForm(VersionedForm):
    """Add, remove or move one resource in a topic's list."""

    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove"), ("up", "up"), ("down", "down")])
    resource = forms.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        error_messages={
            "required": "Enter the resource's number",
            "invalid": "Enter the resource's number, for example 42",
            "min_value": "Enter the resource's number, for example 42",
            "max_value": "There is no resource with this number",
        },
    )
