"""The board report: the organisation page's figures as a tagged PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from lksworkforce.core.pdf import html_to_pdf
from lksworkforce.organisations import selectors as organisation_selectors
from lksworkforce.staffing.views.figures import organisation_context, refuse_download_without_figures


@require_GET
@login_required
def board_report(request: HttpRequest, ods_code: str) -> HttpResponse:
    organisation = organisation_selectors.organisation_detail(request.user, ods_code)
    if organisation is None:
        raise Http404("No such organisation")
    if not request.user.has_perm("staffing.view_returns", organisation):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("The board report is for those who oversee the organisation")
    context = organisation_context(request, ods_code)
    refuse_download_without_figures(context["missing_year"])
    html = render_to_string("staffing/board_report.jinja", context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="board-report-{organisation.ods_code}-{context["year"]}.pdf"'
    )
    return response
