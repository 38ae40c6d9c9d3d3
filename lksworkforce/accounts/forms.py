from datetime import date

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from lksworkforce.accounts.people import QualificationKind
from lksworkforce.core.params import ParamError, check_text


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case sensitive.",
        "inactive": "This account is not active. Ask your service manager.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self) -> str:
        # Addresses are stored in lower case; this also keys the lockout on one spelling. Bounded
        # here, before authentication: Django sets the field's max_length without a validator, and
        # the lockout records the address in a column of 255 characters.
        username: str = self.cleaned_data["username"]
        try:
            check_text(username, max_length=self.username_field.max_length or 254, what="The email address")
        except ParamError as problem:
            raise forms.ValidationError(str(problem)) from None
        return username.strip().lower()


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Qualification",
        choices=[(k.value, k.label) for k in QualificationKind],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the qualification",
            "invalid_choice": "Select one of the qualifications listed",
        },
    )
    awarded_on = forms.DateField(
        label="Date awarded, or the date study started",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Enter a real date, for example 27/3/2019"},
    )
    institution = forms.CharField(label="Awarding body or university (optional)", required=False, max_length=200)

    def clean_awarded_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("awarded_on")
        if value and value > date.today():
            raise forms.ValidationError("The date must be today or in the past")
        return value


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        max_length=100,
        error_messages={
            "required": "Enter what the token is for, for example 'Monthly staffing report'",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )
    expires_on = forms.DateField(
        label="Stops working after (optional)",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Enter a real date, for example 31/3/2027"},
    )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        try:
            return check_text(name, max_length=100, what="What the token is for").strip()
        except ParamError as problem:
            raise forms.ValidationError(str(problem)) from None

    def clean_expires_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("expires_on")
        if value and value < date.today():
            raise forms.ValidationError("The date must be today or in the future")
        return value
