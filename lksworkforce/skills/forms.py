"""Skills forms: an area's ratings, finishing an assessment, a plan action. Forms parse and
check input for people; services check again and write."""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms

from lksworkforce.core.forms import VersionedForm, VersionField
from lksworkforce.skills.levels import ActionKind, ActionStatus, Priority, Scale
from lksworkforce.skills.limits import (
    DESCRIPTION_LIMIT,
    EVIDENCE_LIMIT,
    LINKS_TEXT_LIMIT,
    REFLECTION_LIMIT,
    RESOURCE_URL_LIMIT,
)
from lksworkforce.skills.models import PlanAction, RoleProfile, SubArea
from lksworkforce.skills.services import ActionInput, RatingInput, rating_problems


class StartAssessmentForm(forms.Form):
    role_profile = forms.TypedChoiceField(
        label="The role closest to yours", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, profiles: Iterable[RoleProfile] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.profiles = {p.pk: p for p in profiles}
        self.fields["role_profile"].choices = [  # type: ignore[attr-defined]
            ("", "No role profile"),
            *((p.pk, p.name) for p in self.profiles.values()),
        ]

    def chosen_profile(self) -> RoleProfile | None:
        pk = self.cleaned_data.get("role_profile")
        return self.profiles.get(pk) if pk else None


class AreaRatingsForm(forms.Form):
    """One area's sub-areas: for each, current and target level, priority, how the person will
    show their learning, and evidence links. Both levels blank means "not relevant to me"."""

    def __init__(self, *args: Any, sub_areas: Sequence[SubArea], scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sub_areas = list(sub_areas)
        self.scale = scale
        levels = [("", "Not relevant to me"), *((str(v), f"{v} {label}") for v, label in scale.levels)]
        priorities = [("", "Not set"), *((p.value, p.label) for p in Priority)]
        for sub in self.sub_areas:
            prefix = f"s{sub.pk}"
            self.fields[f"{prefix}_current"] = forms.ChoiceField(label="Current level", choices=levels, required=False)
            self.fields[f"{prefix}_target"] = forms.ChoiceField(label="Target level", choices=levels, required=False)
            self.fields[f"{prefix}_priority"] = forms.ChoiceField(label="Priority", choices=priorities, required=False)
            self.fields[f"{prefix}_evidence"] = forms.CharField(
                label="How you will show your learning",
                required=False,
                max_length=EVIDENCE_LIMIT,
                widget=forms.Textarea,
            )
            self.fields[f"{prefix}_links"] = forms.CharField(
                label="Evidence links", required=False, max_length=LINKS_TEXT_LIMIT, widget=forms.Textarea
            )
            # The version of this sub-area's rating the person saw: 0 when it had none (ADR 12).
            self.fields[f"{prefix}_edit_version"] = VersionField()
            for name in ("current", "target", "priority"):
                self.fields[f"{prefix}_{name}"].error_messages["invalid_choice"] = (
                    f"The {name} level must be a level from {scale.lowest} to {scale.highest}"
                    if name != "priority"
                    else "Choose high, medium or low priority"
                )

    @staticmethod
    def _level(raw: str) -> int | None:
        return int(raw) if raw not in ("", None) else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for sub in self.sub_areas:
            prefix = f"s{sub.pk}"
            if any(f"{prefix}_{n}" in self.errors for n in ("current", "target", "priority")):
                continue
            links = [line.strip() for line in cleaned.get(f"{prefix}_links", "").splitlines() if line.strip()]
            for field, message in rating_problems(self.scale, self._entry(sub, cleaned, links)).items():
                self.add_error(f"{prefix}_{field}", message)
        return cleaned

    def _entry(self, sub: SubArea, cleaned: dict[str, Any], links: list[str]) -> RatingInput:
        prefix = f"s{sub.pk}"
        return RatingInput(
            current=self._level(cleaned.get(f"{prefix}_current", "")),
            target=self._level(cleaned.get(f"{prefix}_target", "")),
            priority=cleaned.get(f"{prefix}_priority", ""),
            learning_evidence=cleaned.get(f"{prefix}_evidence", ""),
            evidence_links=tuple(links),
            edit_version=cleaned.get(f"{prefix}_edit_version", 0),
        )

    def entries(self) -> dict[SubArea, RatingInput]:
        result = {}
        for sub in self.sub_areas:
            links = [ln.strip() for ln in self.cleaned_data.get(f"s{sub.pk}_links", "").splitlines() if ln.strip()]
            result[sub] = self._entry(sub, self.cleaned_data, links)
        return result


class ConfirmAreaForm(forms.Form):
    """ "Nothing has changed in this area": the version of each carried-over rating the person saw."""

    def __init__(self, *args: Any, sub_area_ids: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sub_area_ids = list(sub_area_ids)
        for pk in self.sub_area_ids:
            self.fields[f"s{pk}_edit_version"] = VersionField()

    def versions(self) -> dict[int, int | None]:
        return {pk: self.cleaned_data.get(f"s{pk}_edit_version") for pk in self.sub_area_ids}


def initial_ratings(ratings: dict[int, Any]) -> dict[str, Any]:
    """Form initial values from saved ratings (by sub-area id)."""
    initial: dict[str, Any] = {}
    for sub_id, r in ratings.items():
        prefix = f"s{sub_id}"
        initial |= {
            f"{prefix}_current": str(r.current),
            f"{prefix}_target": str(r.target),
            f"{prefix}_priority": r.priority,
            f"{prefix}_evidence": r.learning_evidence,
            f"{prefix}_links": "\n".join(r.evidence_links),
        }
    return initial


class ShareForm(VersionedForm):
    share = forms.ChoiceField(choices=[("yes", "Share"), ("no", "Stop sharing")])


class FinishAssessmentForm(VersionedForm):
    reflection = forms.CharField(
        label="Your reflection",
        help_text="What you learnt from this self-assessment and what you will focus on.",
        max_length=REFLECTION_LIMIT,
        widget=forms.Textarea,
        error_messages={"required": "Write a short reflection before you finish"},
    )
    share_with_manager = forms.BooleanField(label="Share this self-assessment with my service manager", required=False)


class PlanActionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of action",
        choices=[(k.value, k.label) for k in ActionKind],
        error_messages={
            "required": "Choose what kind of action this is",
            "invalid_choice": "Choose what kind of action this is",
        },
    )
    description = forms.CharField(
        label="What you will do", max_length=DESCRIPTION_LIMIT, error_messages={"required": "Describe the action"}
    )
    sub_areas = forms.MultipleChoiceField(label="Sub-areas it develops", required=False)
    due_on = forms.DateField(
        label="Due date",
        required=False,
        help_text="For example, 31/3/2027",
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"],
        error_messages={"invalid": "Enter the due date as a real date, for example 31/3/2027"},
    )
    status = forms.ChoiceField(label="Status", choices=[(s.value, s.label) for s in ActionStatus], initial="planned")
    resource_url = forms.URLField(
        label="Link to a learning resource (optional)",
        required=False,
        max_length=RESOURCE_URL_LIMIT,
        error_messages={"invalid": "Enter a web address starting with https://"},
    )

    def __init__(self, *args: Any, sub_areas: Sequence[SubArea] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sub_area_objects = {str(s.pk): s for s in sub_areas}
        choices = [(str(s.pk), f"{s.number} {s.name}") for s in sub_areas]
        self.fields["sub_areas"].choices = choices  # type: ignore[attr-defined]

    def entry(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(
            kind=data["kind"],
            description=data["description"],
            sub_areas=[self.sub_area_objects[pk] for pk in data.get("sub_areas", [])],
            due_on=data.get("due_on"),
            status=data["status"],
            resource_url=data.get("resource_url", ""),
        )


class PlanActionChangeForm(PlanActionForm, VersionedForm):
    """Changing an action: from the version the person saw."""


class PlanActionRemoveForm(VersionedForm):
    pass


def action_initial(action: PlanAction) -> dict[str, Any]:
    return {
        "kind": action.kind,
        "description": action.description,
        "sub_areas": [str(s.pk) for s in action.sub_areas.all()],
        "due_on": action.due_on.strftime("%d/%m/%Y") if action.due_on else "",
        "status": action.status,
        "resource_url": action.resource_url,
    }
