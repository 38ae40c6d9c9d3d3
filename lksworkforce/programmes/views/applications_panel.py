"""Programmes pages: the selection panel's (the national team for any cohort, a regional lead for
their region's). A cohort's applications with their support and statements, scoring each against
each criterion, offering the places (by regional fair shares where the cohort shares them), and
changing an offer's reply-by date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes.forms.applications import OfferForm, ReplyByForm, ScoreForm
from lksworkforce.programmes.models import Application, Cohort
from lksworkforce.programmes.presenters import applications as presenters
from lksworkforce.programmes.presenters.selection import COHORT_SHARE_HEADINGS, cohort_share_table
from lksworkforce.programmes.selectors import applications as selectors
from lksworkforce.programmes.selectors.selection import fair_shares_for_cohort, places_held_by_region
from lksworkforce.programmes.services import applications_selection as services


def _crumbs(cohort: Cohort | None = None) -> list[dict[str, str]]:
    items = [{"href": "/", "text": "Home"}, {"href": reverse("programmes:home"), "text": "Programmes"}]
    if cohort is not None:
        items.append({"href": reverse("programmes:selection", kwargs={"cohort_id": cohort.pk}), "text": "Selection"})
    return items


def _cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    if not request.user.has_perm("programmes.select"):
        raise PermissionDenied("Only the selection panel (regional leads and the national team) selects")
    found = selectors.panel_cohort(request.user, cohort_id)
    if found is None:
        raise Http404("No such cohort that you select for")
    return found


def _selection_page(
    request: SignedInRequest, cohort: Cohort, offer: OfferForm | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    offer = offer or OfferForm(initial={"reply_by": f"{services.default_reply_by(today):%-d/%-m/%Y}"})
    found = selectors.panel_applications(cohort)
    taken, out = services.places_left(cohort)
    shares = fair_shares_for_cohort(cohort)
    return render(
        request,
        "programmes/applications/selection.jinja",
        {
            "title": f"Selection: {cohort}",
            "cohort": cohort,
            "applications": found,
            "criteria": list(cohort.programme.selection_criteria or []),
            "taken": taken,
            "offers_out": out,
            "free": max(0, cohort.capacity - taken - out),
            "waiting_for_offer": sum(1 for a in found if a.status == "submitted"),
            "offer": offer,
            "presenters": presenters,
            "shares": shares,
            "share_rows": cohort_share_table(shares.rows, places_held_by_region(cohort)) if shares.rows else [],
            "share_columns": COHORT_SHARE_HEADINGS,
            "form_errors": form_error_list(offer),
            "breadcrumbs": _crumbs(),
        },
        status=status,
    )


@require_GET
@login_required
def selection(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    services.offers_lapse(today=timezone.localdate(), cohort=cohort)
    return _selection_page(request, cohort)


@require_POST
@login_required
def selection_offer(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    form = OfferForm(request.POST)
    form.is_valid()
    try:
        offered, waiting = services.places_offer(
            panel_member=request.user, cohort=cohort, reply_by=form.cleaned_data.get("reply_by")
        )
    except StaleEdit as stale:
        messages.error(request, str(stale))
        return redirect("programmes:selection", cohort_id=cohort.pk)
    except Rejected as rejected:
        form.add_problems(rejected.problems)
        return _selection_page(request, cohort, form, status=422)
    messages.success(request, f"{len(offered)} places offered; {len(waiting)} on the waiting list.")
    return redirect("programmes:selection", cohort_id=cohort.pk)


def _application(request: SignedInRequest, cohort: Cohort, application_id: int) -> Application:
    found = selectors.panel_application(request.user, application_id)
    if found is None or found.cohort_id != cohort.pk:
        raise Http404("No such application to this cohort")
    return found


def _initial(application: Application, member_id: int) -> dict[str, object]:
    mine = {s.criterion: s.score for s in application.panel_scores.all() if s.panel_member_id == member_id}
    initial: dict[str, object] = {"edit_version": application.edit_version}
    return initial | {f"criterion_{i}": v for i, v in mine.items()}


@require_http_methods(["GET", "POST"])
@login_required
def selection_score(request: SignedInRequest, cohort_id: int, application_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    found = _application(request, cohort, application_id)
    criteria = list(cohort.programme.selection_criteria or [])
    form = ScoreForm(
        request.POST if request.method == "POST" else None, initial=_initial(found, request.user.pk), criteria=criteria
    )
    stale: StaleEdit | None = None
    if request.method == "POST" and not version_missing(form):
        form.is_valid()
        if not form.errors:
            try:
                services.scores_record(
                    panel_member=request.user,
                    application=found,
                    scores=form.scores(),
                    expected_version=form.cleaned_data.get("edit_version"),
                )
            except StaleEdit as refused:
                stale, found = refused, _application(request, cohort, application_id)
            except Rejected as rejected:
                form.add_problems(rejected.problems)
            else:
                messages.success(request, f"Your scores of {found.person}'s application are saved.")
                return redirect("programmes:selection", cohort_id=cohort.pk)
    status = 400 if version_missing(form) else 409 if stale else 422 if form.errors else 200
    return render(
        request,
        "programmes/applications/score.jinja",
        {
            "title": f"Score {found.person}'s application",
            "cohort": cohort,
            "application": found,
            "form": form,
            "fields": [(form[f"criterion_{i}"], name) for i, name in enumerate(criteria)],
            "highest": services.HIGHEST_SCORE,
            "stale": stale,
            "score_note": presenters.score_note(found),
            "support": presenters.support_label(found),
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": _crumbs(cohort),
        },
        status=status,
    )


@require_POST
@login_required
def offer_reply_by(request: SignedInRequest, cohort_id: int, application_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    found = _application(request, cohort, application_id)
    form = ReplyByForm(request.POST)
    form.is_valid()
    if version_missing(form):
        return _selection_page(request, cohort, status=400)
    try:
        services.reply_by_change(
            panel_member=request.user,
            application=found,
            reply_by=form.cleaned_data.get("reply_by"),
            expected_version=form.cleaned_data.get("edit_version"),
        )
    except StaleEdit as stale:
        messages.error(request, str(stale))
        return redirect("programmes:selection", cohort_id=cohort.pk)
    except Rejected as rejected:
        offer = OfferForm(request.POST)
        offer.is_valid()
        offer.add_problems(rejected.problems)
        return _selection_page(request, cohort, offer, status=422)
    messages.success(request, f"The reply-by date of {found.person}'s offer is changed.")
    return redirect("programmes:selection", cohort_id=cohort.pk)


urlpatterns: list[URLPattern] = [
    path("programmes/cohorts/<int:cohort_id>/selection/", selection, name="selection"),
    path("programmes/cohorts/<int:cohort_id>/selection/offer/", selection_offer, name="selection_offer"),
    path("programmes/cohorts/<int:cohort_id>/selection/<int:application_id>/", selection_score, name="selection_score"),
    path(
        "programmes/cohorts/<int:cohort_id>/selection/<int:application_id>/reply-by/",
        offer_reply_by,
        name="offer_reply_by",
    ),
]
