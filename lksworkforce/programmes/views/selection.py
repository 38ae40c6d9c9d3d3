"""Programmes pages: selection. The regional fair shares of a number of places in a year, for the
national team and regional leads to check by hand: the same rows as `lksw programme_fair_shares`
and the API, with CSV, XLSX and PDF of what the page shows. (A cohort's own shares are on its
selection page, in the applications part.)"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list
from lksworkforce.programmes.forms.selection import FairSharesForm
from lksworkforce.programmes.presenters.selection import FAIR_SHARE_COLUMNS, FAIR_SHARE_HEADINGS, fair_share_table
from lksworkforce.programmes.selectors.selection import DEFAULT_MIN_PER_REGION, NoPublishedReturnsError, fair_share_rows

TITLE = "Regional fair shares of places"


@login_required
@require_GET
def fair_shares_page(request: SignedInRequest) -> HttpResponse:
    if not request.user.has_perm("programmes.select"):
        raise PermissionDenied("Only the national team and regional leads share out places")
    asked = bool(request.GET)
    form = FairSharesForm(
        request.GET if asked else None,
        initial={"year": timezone.localdate().year, "min_per_region": DEFAULT_MIN_PER_REGION},
    )
    rows: list[dict[str, object]] = []
    problem = ""
    if asked and form.is_valid():
        try:
            shares = fair_share_rows(
                form.cleaned_data["year"], form.cleaned_data["places"], min_per_region=form.minimum()
            )
        except (NoPublishedReturnsError, ValueError) as error:
            problem = str(error)
        else:
            rows = fair_share_table(shares)
            if export_format := request.GET.get("format"):
                stem = f"fair-shares-{form.cleaned_data['year']}-{form.cleaned_data['places']}"
                return export_response(export_format, stem, FAIR_SHARE_COLUMNS, rows, title=TITLE)
    return render(
        request,
        "programmes/selection/fair_shares.jinja",
        {
            "title": TITLE,
            "form": form,
            "form_errors": form_error_list(form) if asked else [],
            "rows": rows,
            "columns": FAIR_SHARE_HEADINGS,
            "problem": problem,
            "query": request.GET.urlencode() if rows else "",
            "total": sum(int(str(row["places"])) for row in rows),
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": reverse("programmes:home"), "text": "Programmes"}],
        },
    )


urlpatterns: list[URLPattern] = [
    path("programmes/fair-shares/", fair_shares_page, name="fair_shares"),
]
