"""The national team's pages: load a survey definition, import responses from a survey tool."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lksworkforce.core.forms import form_error_list
from lksworkforce.core.problems import Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.surveys import selectors, services
from lksworkforce.surveys.forms import DefinitionForm, ResponseImportForm


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("surveys.manage_surveys", raise_exception=True)
def load(request: HttpRequest) -> HttpResponse:
    form = DefinitionForm(request.POST if request.method == "POST" else None, request.FILES or None)
    rejected = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = services.survey_load(data=upload_bytes(upload), filename=upload.name, actor=request.user)
        except Rejected as problems:
            rejected = problems
        else:
            verb = "Loaded" if outcome.created else "Replaced"
            messages.success(
                request,
                f"{verb} {outcome.survey.title}: {outcome.questions_added} new questions and "
                f"{outcome.options_added} new options in the question bank.",
            )
            return redirect("surveys:list")
    return render(
        request,
        "surveys/load.jinja",
        {
            "title": "Load a survey definition",
            "form": form,
            "form_errors": form_error_list(form),
            "import_errors": rejected,
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/surveys/", "text": "Development needs surveys"}],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("surveys.import_responses", raise_exception=True)
def import_responses(request: HttpRequest, key: str) -> HttpResponse:
    survey = selectors.survey_visible_to(request.user, key)
    if survey is None:
        raise Http404("No such survey")
    form = ResponseImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    rejected = None
    if request.method == "POST" and form.is_valid():
        upload, mapping = form.cleaned_data["file"], form.cleaned_data["mapping"]
        try:
            outcome = services.responses_import(
                survey=survey,
                data=upload_bytes(upload),
                filename=upload.name,
                mapping_data=upload_bytes(mapping) if mapping else None,
                mapping_filename=mapping.name if mapping else "mapping.yaml",
                actor=request.user,
            )
        except Rejected as problems:
            rejected = problems
        else:
            messages.success(
                request,
                f"Imported {outcome.created:,} responses from {outcome.rows:,} rows "
                f"({outcome.already_imported:,} were already imported). " + " ".join(outcome.notes),
            )
            return redirect("surveys:results", survey.key)
    return render(
        request,
        "surveys/import.jinja",
        {
            "title": f"Import responses to {survey.title}",
            "survey": survey,
            "form": form,
            "form_errors": form_error_list(form),
            "import_errors": rejected,
            "breadcrumbs": [
                {"href": "/", "text": "Home"},
                {"href": "/surveys/", "text": "Development needs surveys"},
                {"href": f"/surveys/{survey.key}/results/", "text": survey.title},
            ],
        },
    )
