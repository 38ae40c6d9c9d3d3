"""The suggestion form and the curator's decision form. They only read what was sent: whether it is
acceptable is the services' to say (`services.suggestions`, `services.decisions`), once, for the
pages and the API alike; their problems come back onto the fields named here."""

from django import forms

from lksworkforce.core.forms import VersionedForm
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.services.decisions import DecisionInput, ResourceEdits
from lksworkforce.learning.services.suggestions import PEOPLE_SUGGEST, SuggestionInput
from lksworkforce.learning.vocabulary import ResourceKind

KIND_CHOICES = [(k.value, k.label) for k in PEOPLE_SUGGEST]
RESOURCE_KIND_CHOICES = [("", "Choose a kind"), *((k.value, k.label) for k in ResourceKind)]


def _text(max_length: int = 6000) -> forms.CharField:
    return forms.CharField(required=False, max_length=max_length, strip=False)


class SuggestForm(forms.Form):
    kind = forms.ChoiceField(
        choices=KIND_CHOICES,
        error_messages={
            "required": "Choose what you are suggesting",
            "invalid_choice": "Choose what you are suggesting",
        },
    )
    title = _text()
    url = _text()
    description = _text()
    resource_kind = _text(40)
    why = _text()
    resource = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    sheet = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, error_messages={"invalid": "Choose the resource sheet"}
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def entry(self) -> SuggestionInput:
        data = self.cleaned_data
        return SuggestionInput(
            kind=data["kind"],
            title=data["title"],
            url=data["url"],
            description=data["description"],
            resource_kind=data["resource_kind"],
            why=data["why"],
            resource_id=data["resource"],
            sheet_id=data["sheet"],
        )

    def add_rejected(self, rejected: Rejected) -> None:
        add_problems(self, rejected)


class DecisionForm(VersionedForm):
    decision = forms.CharField(max_length=20, error_messages={"required": "Choose a decision"})
    reason = _text()
    resource_id = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, error_messages={"invalid": "Give the resource's number"}
    )
    url = _text()
    title = _text()
    description = _text()
    resource_kind = _text(40)
    provider = _text()
    publish = forms.BooleanField(required=False)
    review_due_on = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Give a date, for example 31/3/2027"},
    )

    def entry(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            decision=data["decision"],
            edit_version=data["edit_version"],
            reason=data["reason"],
            resource_id=data["resource_id"],
            review_due_on=data["review_due_on"],
            edits=ResourceEdits(
                title=data["title"],
                url=data["url"],
                description=data["description"],
                resource_kind=data["resource_kind"],
                provider=data["provider"],
                publish=data["publish"],
            ),
        )


FIELD_FOR = {"resource": "resource", "teaches": "decision"}


def add_problems(form: forms.Form, rejected: Rejected) -> None:
    """Each problem onto its field (or the form as a whole)."""
    for problem in rejected.problems:
        name = FIELD_FOR.get(problem.field or "", problem.field)
        form.add_error(name if name in form.fields else None, problem.reason)
