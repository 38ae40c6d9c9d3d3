from datetime import date
from decimal import Decimal

from django import forms

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.core.fields import BoundedDecimalField, YearField
from lksworkforce.core.forms import VersionedForm
from lksworkforce.staffing.posts import PostQualification

# Yearly growth of the NHS workforce a trajectory may assume, either way, per cent: pages and API.
GROWTH_LIMIT = Decimal("20")


class TrajectoryForm(forms.Form):
    growth = BoundedDecimalField(
        label="Yearly NHS workforce growth, per cent",
        minimum=-GROWTH_LIMIT,
        maximum=GROWTH_LIMIT,
        places=1,
        what="Growth",
        example="1.5",
        initial=Decimal("1.0"),
        error_messages={"required": "Enter the growth as a number, like 1.5"},
    )
    target_year = YearField(
        label="Year to reach the target",
        error_messages={"required": "Enter a year, like 2030"},
    )

    def __init__(self, *args: object, start_year: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.start_year = start_year
        self.fields["target_year"].initial = start_year + 3

    def clean_target_year(self) -> int:
        year: int = self.cleaned_data["target_year"]
        if not self.start_year < year <= self.start_year + 30:
            raise forms.ValidationError(f"Enter a year from {self.start_year + 1} to {self.start_year + 30}")
        return year


class UploadForm(forms.Form):
    file = forms.FileField(label="File", error_messages={"required": "Choose a CSV or XLSX file to upload"})


class ReturnVersionForm(VersionedForm):
    """A button that changes the year's return (submit, publish, remove a post...): it carries the
    version of the return the page showed (ADR 12)."""


class ReturnUploadForm(UploadForm, VersionedForm):
    pass


class StaffingImportForm(UploadForm):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=[("census", "NHS workforce census"), ("returns", "LKS annual returns")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the file holds"},
    )
    year = YearField(label="Year", error_messages={"required": "Enter the year"})


class PostForm(VersionedForm):
    post_title = forms.CharField(
        label="Post title", max_length=150, error_messages={"required": "Enter the post title"}
    )
    role = forms.CharField(
        label="Role", max_length=80, error_messages={"required": "Enter the role, for example clinical librarian"}
    )
    band = forms.ChoiceField(
        label="Agenda for Change band",
        choices=[("", "Choose a band"), *[(b, f"Band {b}") for b in AFC_BANDS]],
        error_messages={"required": "Choose the band"},
    )
    wte = forms.DecimalField(
        label="WTE",
        min_value=Decimal("0.01"),
        max_value=Decimal("1.00"),
        decimal_places=2,
        error_messages={
            "required": "Enter the WTE",
            "invalid": "WTE must be a number, like 0.8",
            "min_value": "WTE must be more than 0",
            "max_value": "WTE must be 1.00 or less: one row is one person",
            "max_decimal_places": "WTE has at most 2 decimal places",
        },
    )
    qualification = forms.ChoiceField(
        label="Qualification",
        choices=[(q.value, q.label) for q in PostQualification],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the qualification"},
    )
    specialty = forms.CharField(label="Specialty (optional)", max_length=120, required=False)


class ImpactForm(VersionedForm):
    impact_summary = forms.CharField(
        label="Impact summary for the board report",
        widget=forms.Textarea,
        max_length=5000,
        required=False,
        error_messages={"max_length": "The impact summary must be 5,000 characters or fewer"},
    )


class PolicyForm(forms.Form):
    target_staff_per_qualified = forms.DecimalField(
        label="Target: NHS WTE per qualified LKS WTE",
        min_value=1,
        max_digits=8,
        decimal_places=2,
        error_messages={"required": "Enter the target, like 1250"},
    )
    reference_average = forms.DecimalField(
        label="National average when set",
        min_value=1,
        max_digits=8,
        decimal_places=2,
        error_messages={"required": "Enter the national average, like 1730"},
    )
    effective_from = forms.DateField(
        label="Takes effect on",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": "Enter the date it takes effect", "invalid": "Enter a real date, like 2025-11-01"},
    )
    review_due = forms.DateField(
        label="Review due (optional)",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Enter a real date, like 2028-11-01"},
    )
    notes = forms.CharField(label="Notes (optional)", widget=forms.Textarea, required=False, max_length=2000)

    def clean_effective_from(self) -> date:
        value: date = self.cleaned_data["effective_from"]
        return value
