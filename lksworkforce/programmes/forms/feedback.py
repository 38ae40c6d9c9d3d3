"""The feedback forms: the reaction questionnaire (four ratings and a comment) and the follow-up.
Limits are generous (twice the services'): the service's message is clearer."""

from django import forms

from lksworkforce.core.forms import VersionedForm
from lksworkforce.programmes import feedback_levels as levels

RATING_CHOICES = [(str(r), levels.RATING_LABELS[r]) for r in levels.RATINGS]


class ReactionForm(forms.Form):
    comments = forms.CharField(required=False, max_length=levels.MAX_COMMENT * 2, strip=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for question in levels.QUESTIONS:
            self.fields[question.value] = forms.TypedChoiceField(
                choices=RATING_CHOICES,
                coerce=int,
                label=question.text,
                error_messages={"required": f"{question.text} Choose a rating from 1 to 5"},
            )

    def ratings(self) -> dict[str, object]:
        return {q.value: self.cleaned_data[q.value] for q in levels.QUESTIONS}


class FollowUpForm(VersionedForm):
    doing_differently = forms.CharField(
        required=False, max_length=levels.MAX_FOLLOW_UP_TEXT * 2, strip=False, label="What do you now do differently?"
    )
    examples = forms.CharField(required=False, max_length=levels.MAX_FOLLOW_UP_TEXT * 2, strip=False)
