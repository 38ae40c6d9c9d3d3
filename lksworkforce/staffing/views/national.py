"""National team pages: the ratio policy, and imports of the census and returns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.core.forms import form_error_list
from lksworkforce.core.problems import Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.staffing import selectors, services
from lksworkforce.staffing.forms import PolicyForm, StaffingImportForm


@require_GET
@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staffing/policy.jinja",
        {
            "title": "Ratio policy",
            "policies": selectors.ratio_policies(),
            "can_edit": request.user.has_perm("staffing.edit_policy"),
            "form": PolicyForm(),
        },
    )


@require_http_methods(["POST"])
@login_required
@permission_required("staffing.edit_policy", raise_exception=True)
def policy_create(request: HttpRequest) -> HttpResponse:
    form = PolicyForm(request.POST)
    if form.is_valid():
        try:
            services.ratio_policy_create(**form.cleaned_data, actor=request.user)
        except Rejected as rejected:
            for problem in rejected.problems:
                form.add_error(problem.field, problem.reason)
        else:
            messages.success(request, "Policy recorded. Figures for its years now use it.")
            return redirect("staffing:policy")
    return render(
        request,
        "staffing/policy.jinja",
        {
            "title": "Ratio policy",
            "policies": selectors.ratio_policies(),
            "can_edit": True,
            "form": form,
            "form_errors": form_error_list(form),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("staffing.import_staffing", raise_exception=True)
def staffing_import(request: HttpRequest) -> HttpResponse:
    form = StaffingImportForm(request.POST or None, request.FILES or None)
    import_errors = None
    if request.method == "POST" and form.is_valid():
        upload, year = form.cleaned_data["file"], form.cleaned_data["year"]
        importer = services.census_import if form.cleaned_data["kind"] == "census" else services.lks_returns_import
        try:
            outcome = importer(data=upload_bytes(upload), filename=upload.name, year=year, actor=request.user)
        except Rejected as rejected:
            import_errors = rejected
        else:
            messages.success(request, f"Imported {outcome.rows} rows for {year}. " + " ".join(outcome.notes))
            return redirect("staffing:dashboard")
    return render(
        request,
        "staffing/import.jinja",
        {
            "title": "Import staffing data",
            "form": form,
            "form_errors": form_error_list(form),
            "import_errors": import_errors,
        },
    )
