"""The fair-shares page's question: how many places, in which year, with what minimum per region."""

from django import forms

from lksworkforce.programmes.selectors.selection import DEFAULT_MIN_PER_REGION, MAX_MIN_PER_REGION, MAX_PLACES

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


class FairSharesForm(forms.Form):
    places = forms.IntegerField(
        min_value=1,
        max_value=MAX_PLACES,
        error_messages={
            "required": "Enter how many places to share, for example 30",
            "invalid": "Enter the number of places as a whole number, for example 30",
            "min_value": f"The number of places must be from 1 to {MAX_PLACES:,}",
            "max_value": f"The number of places must be from 1 to {MAX_PLACES:,}",
        },
    )
    year = forms.IntegerField(
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        error_messages={
            "required": "Enter the year whose annual returns give the headcount, for example 2026",
            "invalid": "Enter the year as four digits, for example 2026",
            "min_value": f"The year must be from {EARLIEST_YEAR} to {LATEST_YEAR}",
            "max_value": f"The year must be from {EARLIEST_YEAR} to {LATEST_YEAR}",
        },
    )
    min_per_region = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_MIN_PER_REGION,
        error_messages={
            "invalid": "Enter the minimum per region as a whole number, for example 1",
            "min_value": f"The minimum per region must be from 0 to {MAX_MIN_PER_REGION}",
            "max_value": f"The minimum per region must be from 0 to {MAX_MIN_PER_REGION}",
        },
    )

    def minimum(self) -> int:
        value = self.cleaned_data.get("min_per_region")
        return DEFAULT_MIN_PER_REGION if value is None else int(value)
