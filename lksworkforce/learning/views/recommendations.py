"""Learning pages: a person's recommendations with the reasons for each (dismiss one, or add it to
the development plan in one step), and the weights behind them (everyone may see them; the
national team changes them)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.concurrency import MissingVersionError, StaleEdit
from lksworkforce.core.forms import posted_version, stale_error_list
from lksworkforce.core.params import ParamError, parse_int
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.forms.recommendations import weights_from
from lksworkforce.learning.models import Resource
from lksworkforce.learning.presenters.recommendations import reasons, shown_score, weight_rows
from lksworkforce.learning.scoring import named_sub_area
from lksworkforce.learning.selectors import recommendations as selectors
from lksworkforce.learning.services import recommendations as services

PAGE_LIMIT = 20
LARGEST_ID = 2**31 - 1


def _crumbs() -> list[dict[str, str]]:
    return [{"href": "/", "text": "Home"}, {"href": reverse("learning:home"), "text": "Learning"}]


def _sub_area_filter(request: HttpRequest) -> tuple[frozenset[int] | None, list[str]]:
    try:
        found = parse_int(request.GET.get("sub_area"), minimum=1, maximum=LARGEST_ID, default=0, what="The sub-area")
    except ParamError as problem:
        return None, [f"{problem}. This page shows all your recommendations."]
    return (frozenset({found}) if found else None), []


@require_GET
@login_required
def recommendations(request: SignedInRequest) -> HttpResponse:
    only, notices = _sub_area_filter(request)
    found = selectors.ranked_for(request.user, only, PAGE_LIMIT)
    rows = [
        {
            "resource": s.resource,
            "score": shown_score(s),
            "reasons": reasons(s),
            "sub_area_ids": s.resource.sub_area_ids,
        }
        for s in found.ranked
    ]
    filtered = ""
    if only is not None:
        (one,) = only
        named = named_sub_area(found.person, one)
        filtered = f"{named.number} {named.name}" if named.number else "the sub-area you chose"
    return render(
        request,
        "learning/recommend.jinja",
        {
            "title": "Learning recommended for you",
            "rows": rows,
            "filtered": filtered,
            "has_assessment": bool(found.person.standings),
            "dismissed": selectors.dismissed_resources(request.user),
            "notices": notices,
            "here": request.get_full_path(),
            "breadcrumbs": _crumbs(),
        },
    )


def _resource_or_404(resource_id: int) -> Resource:
    found = selectors.published_resource(resource_id)
    if found is None:
        raise Http404("No such resource")
    return found


def _back(request: HttpRequest) -> HttpResponse:
    """Back where the button was (this site only), else the recommendations page."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=False):
        return redirect(wanted)
    return redirect("learning:recommendations")


@require_POST
@login_required
def dismiss(request: SignedInRequest, resource_id: int) -> HttpResponse:
    resource = _resource_or_404(resource_id)
    services.dismiss(person=request.user, resource=resource)
    messages.success(request, f"“{resource.title}” will not be recommended to you again.")
    return _back(request)


@require_POST
@login_required
def undismiss(request: SignedInRequest, resource_id: int) -> HttpResponse:
    resource = _resource_or_404(resource_id)
    services.undismiss(person=request.user, resource=resource)
    messages.success(request, f"“{resource.title}” can be recommended to you again.")
    return _back(request)


@require_POST
@login_required
def add_to_plan(request: SignedInRequest, resource_id: int) -> HttpResponse:
    resource = _resource_or_404(resource_id)
    try:
        services.add_to_plan(person=request.user, resource=resource)
    except services.NoPlanError as error:
        messages.error(request, f"{error}, so “{resource.title}” was not added.")
    else:
        messages.success(request, f"“{resource.title}” is added to your development plan.")
    return _back(request)


@require_http_methods(["GET", "POST"])
@login_required
def weights(request: SignedInRequest) -> HttpResponse:
    may_change = request.user.has_perm("learning.set_weights")
    if request.method == "POST" and not may_change:
        raise PermissionDenied("Only the national team changes the recommendation weights.")
    in_force = selectors.weights_in_force()
    sent: dict[str, str] = {}
    problems: dict[str, str] = {}
    stale = None
    if request.method == "POST":
        sent = {name: request.POST.get(name, "") for name in in_force.weights.names()}
        values, problems = weights_from(request.POST)
        if not problems:
            try:
                services.set_weights(actor=request.user, values=values, expected_version=posted_version(request.POST))
            except MissingVersionError as error:
                return HttpResponse(str(error), status=400)
            except Rejected as rejected:
                problems = {p.field or "": p.reason for p in rejected.problems}
            except StaleEdit as error:
                stale = error
                in_force = selectors.weights_in_force()
            else:
                messages.success(request, "The recommendation weights are saved. Recommendations use them from now on.")
                return redirect("learning:weights")
    history = selectors.weights_history()
    return render(
        request,
        "learning/weights.jinja",
        {
            "title": "Recommendation weights",
            "rows": weight_rows(in_force.weights),
            "version": in_force.version,
            "changed_at": in_force.changed_at,
            "may_change": may_change,
            "sent": sent,
            "problems": problems,
            "stale": stale,
            "history": history,
            "form_errors": [{"text": text, "href": f"#{name}"} for name, text in problems.items()]
            + stale_error_list(stale),
            "breadcrumbs": _crumbs(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("learning/recommended/", recommendations, name="recommendations"),
    path("learning/recommended/<int:resource_id>/dismiss/", dismiss, name="recommendation_dismiss"),
    path("learning/recommended/<int:resource_id>/undismiss/", undismiss, name="recommendation_undismiss"),
    path("learning/recommended/<int:resource_id>/plan/", add_to_plan, name="recommendation_plan"),
    path("learning/weights/", weights, name="weights"),
]
