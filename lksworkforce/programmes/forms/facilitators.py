"""The facilitator register's forms: they parse what a page sent into the services' entries; the
services check the entries whole."""

from typing import Any

from django import forms

from lksworkforce.core.forms import VersionField
from lksworkforce.programmes.forms.setup import DATE_FORMATS, DATE_INVALID, WHOLE_NUMBER, ProblemsForm, _day
from lksworkforce.programmes.models import FacilitatedSession, Facilitator, TrainingEvent
from lksworkforce.programmes.presenters.facilitators import kind_choices
from lksworkforce.programmes.services import facilitators as services

EMAIL = services.MAX_EMAIL * 2
CHOOSE = [("", "Choose")]


def _set_choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    field: Any = form.fields[name]
    field.choices = choices


class FacilitatorForm(ProblemsForm):
    person = forms.CharField(required=False, max_length=EMAIL)
    kind = forms.ChoiceField(required=False)
    programme = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    trained_on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    trained_at = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    trained_by = forms.CharField(required=False, max_length=EMAIL)
    region = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    sessions_per_year = forms.IntegerField(required=False, error_messages=WHOLE_NUMBER)
    active = forms.BooleanField(required=False)

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[str, str]],
        programmes: list[tuple[int, str]],
        events: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "kind", CHOOSE + kind_choices())
        _set_choices(self, "region", CHOOSE + regions)
        _set_choices(self, "programme", [("", "None"), *programmes])
        _set_choices(self, "trained_at", [("", "Not at an event"), *events])

    def entry(self) -> services.FacilitatorEntry:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return services.FacilitatorEntry(
            person_email=data.get("person") or "",
            kind=data.get("kind") or "",
            programme_id=data.get("programme"),
            trained_on=data.get("trained_on"),
            event_id=data.get("trained_at"),
            trainer_email=data.get("trained_by") or "",
            region_id=data.get("region"),
            sessions_per_year=data.get("sessions_per_year"),
            active=bool(data.get("active")),
            extra_problems=self.parse_problems(),
        )


class FacilitatorChangeForm(FacilitatorForm):
    edit_version = VersionField()


def facilitator_initial(f: Facilitator) -> dict[str, Any]:
    return {
        "person": f.person.email,
        "kind": f.kind,
        "programme": f.programme_id or "",
        "trained_on": _day(f.trained_on),
        "trained_at": f.trained_at_id or "",
        "trained_by": f.trained_by.email if f.trained_by else "",
        "region": f.region_id,
        "sessions_per_year": f.sessions_per_year,
        "active": f.active,
        "edit_version": f.edit_version,
    }


class EventForm(ProblemsForm):
    title = forms.CharField(required=False, max_length=services.MAX_TITLE * 2)
    kind = forms.ChoiceField(required=False)
    programme = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    held_on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    trainer = forms.CharField(required=False, max_length=EMAIL)
    region = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)

    def __init__(
        self, *args: Any, regions: list[tuple[str, str]], programmes: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "kind", CHOOSE + kind_choices())
        _set_choices(self, "region", regions)
        _set_choices(self, "programme", [("", "None"), *programmes])

    def entry(self) -> services.EventEntry:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return services.EventEntry(
            title=data.get("title") or "",
            kind=data.get("kind") or "",
            programme_id=data.get("programme"),
            held_on=data.get("held_on"),
            trainer_email=data.get("trainer") or "",
            region_id=data.get("region"),
            extra_problems=self.parse_problems(),
        )


class EventChangeForm(EventForm):
    edit_version = VersionField()


def event_initial(e: TrainingEvent) -> dict[str, Any]:
    return {
        "title": e.title,
        "kind": e.kind,
        "programme": e.programme_id or "",
        "held_on": _day(e.held_on),
        "trainer": e.trainer.email if e.trainer else "",
        "region": e.region_id or "",
        "edit_version": e.edit_version,
    }


class SessionForm(ProblemsForm):
    held_on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    title = forms.CharField(required=False, max_length=services.MAX_TITLE * 2)
    organisation = forms.CharField(required=False, max_length=20)
    people_reached = forms.IntegerField(required=False, error_messages=WHOLE_NUMBER)

    def entry(self) -> services.SessionEntry:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return services.SessionEntry(
            held_on=data.get("held_on"),
            title=data.get("title") or "",
            organisation_code=data.get("organisation") or "",
            people_reached=data.get("people_reached"),
            extra_problems=self.parse_problems(),
        )


class SessionChangeForm(SessionForm):
    edit_version = VersionField()


def session_initial(s: FacilitatedSession) -> dict[str, Any]:
    return {
        "held_on": _day(s.held_on),
        "title": s.title,
        "organisation": s.organisation.ods_code if s.organisation else "",
        "people_reached": s.people_reached,
        "edit_version": s.edit_version,
    }
