"""Organisation and region pages: parse input, call a selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list
from lksworkforce.core.problems import Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.organisations import selectors, services
from lksworkforce.organisations.forms import OrganisationFilterForm, OrganisationImportForm
from lksworkforce.organisations.presenters import ORGANISATION_EXPORT_COLUMNS, organisation_table_rows

PAGE_SIZE = 50


@require_GET
@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    region_choices = [(r.code, r.name) for r in selectors.region_list(request.user).current()]
    form = OrganisationFilterForm(request.GET or None, region_choices=region_choices)
    filters = selectors.OrganisationFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.OrganisationFilters(
            text=data["q"], type=data["type"], region_code=data["region"], include_closed=data["closed"]
        )
    organisations = selectors.organisation_list(request.user, filters)
    export_format = request.GET.get("format")
    if export_format:
        return export_response(
            export_format,
            "organisations",
            ORGANISATION_EXPORT_COLUMNS,
            organisation_table_rows(organisations),
            title="Organisations",
        )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organisations/list.jinja",
        {
            "title": "Organisations",
            "form": form,
            "form_errors": form_error_list(form),
            "page": page,
            "rows": organisation_table_rows(page.object_list),
            "query": query.urlencode(),
        },
    )


@require_GET
@login_required
def organisation_detail(request: HttpRequest, ods_code: str) -> HttpResponse:
    organisation = selectors.organisation_detail(request.user, ods_code)
    if organisation is None:
        raise Http404("No such organisation")
    return render(
        request,
        "organisations/detail.jinja",
        {
            "title": organisation.name,
            "organisation": organisation,
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/organisations/", "text": "Organisations"}],
        },
    )


@require_GET
@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/regions.jinja", {"title": "Regions", "geographies": selectors.geographies()})


@require_GET
@login_required
def region_detail(request: HttpRequest, geography: str, code: str) -> HttpResponse:
    region = selectors.region_detail(request.user, geography, code)
    if region is None:
        raise Http404("No such region")
    organisations = selectors.region_organisations(request.user, region)
    return render(
        request,
        "organisations/region.jinja",
        {
            "title": region.name,
            "region": region,
            "organisations": organisations,
            "year": selectors.latest_membership_year(region.geography.key),
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/regions/", "text": "Regions"}],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("organisations.import_organisations", raise_exception=True)
def organisation_import(request: HttpRequest) -> HttpResponse:
    form = OrganisationImportForm(request.POST or None, request.FILES or None)
    import_errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = services.organisations_import(
                data=upload_bytes(upload), filename=upload.name, year=form.cleaned_data["year"], actor=request.user
            )
        except Rejected as rejected:
            import_errors = rejected
        else:
            messages.success(request, "Organisations imported: " + outcome.summary)
            return redirect("organisations:list")
    return render(
        request,
        "organisations/import.jinja",
        {
            "title": "Import organisations",
            "form": form,
            "form_errors": form_error_list(form),
            "import_errors": import_errors,
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/organisations/", "text": "Organisations"}],
        },
    )
