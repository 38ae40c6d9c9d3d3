"""The suppression threshold as policy data: everyone signed in can read it; the national team sets it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lksworkforce.core import selectors, services
from lksworkforce.core.forms import form_error_list


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


@require_http_methods(["GET", "POST"])
@login_required
def suppression_policy(request: HttpRequest) -> HttpResponse:
    can_edit = request.user.has_perm("core.edit_suppression_policy")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("Only the national team sets the suppression threshold")
    form = SuppressionPolicyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suppression_policy_set(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("minimum_group_size", error.messages[0])
        else:
            messages.success(request, "The suppression threshold is recorded.")
            return redirect("core:suppression_policy")
    return render(
        request,
        "core/suppression_policy.jinja",
        {
            "title": "Small-group suppression",
            "threshold": selectors.suppression_threshold(),
            "policies": selectors.suppression_policies(),
            "can_edit": can_edit,
            "form": form,
            "form_errors": form_error_list(form),
            "breadcrumbs": [{"href": "/", "text": "Home"}],
        },
    )
