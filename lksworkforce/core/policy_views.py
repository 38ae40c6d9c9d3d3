"""The suppression threshold as policy data: everyone signed in can read it; the national team sets it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lksworkforce.core import selectors, services
from lksworkforce.core.concurrency import MissingVersionError, StaleEdit
from lksworkforce.core.forms import form_error_list, stale_error_list
from lksworkforce.core.models import SuppressionPolicy


class SuppressionPolicyForm(forms.Form):
    minimum_group_size = forms.IntegerField(
        label="Smallest group whose figures may be shown",
        min_value=2,
        max_value=50,
        error_messages={
            "required": "Enter the smallest group size, like 5",
            "invalid": "Enter a whole number, like 5",
            "min_value": "The smallest group must be 2 or more people",
            "max_value": "The smallest group must be 50 people or fewer",
        },
    )
    effective_from = forms.DateField(
        label="Takes effect on",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"required": "Enter the date it takes effect", "invalid": "Enter a real date, like 2027-04-01"},
    )
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=2000, widget=forms.Textarea)
    # The version of each date's threshold the page listed ("2027-04-01:2 2026-04-01:1", or "none"):
    # replacing a date's threshold is a change to that record, refused if it changed since (ADR 12).
    seen_versions = forms.RegexField(
        regex=r"^(none|(\d{4}-\d{2}-\d{2}:\d{1,9})( \d{4}-\d{2}-\d{2}:\d{1,9})*)$",
        widget=forms.HiddenInput,
        error_messages={"required": MissingVersionError.MESSAGE, "invalid": MissingVersionError.MESSAGE},
    )

    def expected_version(self) -> int:
        """The version of the chosen date's threshold as the page listed it (0: none listed)."""
        seen = dict(pair.split(":") for pair in self.cleaned_data["seen_versions"].split() if pair != "none")
        return int(seen.get(self.cleaned_data["effective_from"].isoformat(), 0))


def seen_versions(policies: list[SuppressionPolicy]) -> str:
    return " ".join(f"{p.effective_from.isoformat()}:{p.edit_version}" for p in policies) or "none"


@require_http_methods(["GET", "POST"])
@login_required
def suppression_policy(request: HttpRequest) -> HttpResponse:
    can_edit = request.user.has_perm("core.edit_suppression_policy")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("Only the national team sets the suppression threshold")
    form = SuppressionPolicyForm(request.POST or None)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.suppression_policy_set(
                actor=request.user,
                minimum_group_size=form.cleaned_data["minimum_group_size"],
                effective_from=form.cleaned_data["effective_from"],
                notes=form.cleaned_data["notes"],
                expected_version=form.expected_version(),
            )
        except ValidationError as error:
            form.add_error("minimum_group_size", error.messages[0])
        except StaleEdit as refused:
            stale = refused
        else:
            messages.success(request, "The suppression threshold is recorded.")
            return redirect("core:suppression_policy")
    policies = selectors.suppression_policies()
    return render(
        request,
        "core/suppression_policy.jinja",
        {
            "title": "Small-group suppression",
            "threshold": selectors.suppression_threshold(),
            "policies": policies,
            "seen_versions": seen_versions(policies),
            "can_edit": can_edit,
            "form": form,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": [{"href": "/", "text": "Home"}],
        },
        status=400 if "seen_versions" in form.errors else 409 if stale else 200,
    )
