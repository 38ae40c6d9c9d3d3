from datetime import date

from django import forms

from lksworkforce.organisations.codes import OrganisationType


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="Name or ODS code", required=False, max_length=100)
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *[(t.value, t.label) for t in OrganisationType]]
    )
    region = forms.ChoiceField(label="Region", required=False, choices=[("", "All regions")])
    closed = forms.BooleanField(label="Include closed organisations", required=False)

    def __init__(self, *args: object, region_choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region"].choices = [("", "All regions"), *region_choices]  # type: ignore[attr-defined]


class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label="Organisations file",
        help_text="A CSV or XLSX file with the columns ods_code, name, type and optionally region_code, opened_on, closed_on.",
        error_messages={"required": "Choose a CSV or XLSX file to upload"},
    )
    year = forms.IntegerField(
        label="Year the regions apply to",
        min_value=2000,
        max_value=2100,
        initial=date.today().year,
        error_messages={
            "required": "Enter the year the regions apply to",
            "invalid": "The year must be a number, like 2026",
        },
    )
