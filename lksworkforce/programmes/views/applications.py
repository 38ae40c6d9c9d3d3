"""Programmes pages: applications. A person applies for a cohort (or books a place on a skills
programme without a panel), follows their applications, answers an offer and may withdraw; a
service manager supports their people's applications or not. The panel's pages are in
applications_panel."""

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
from lksworkforce.programmes.forms.applications import ApplyForm, ReplyForm, SupportForm, WithdrawForm
from lksworkforce.programmes.models import Application
from lksworkforce.programmes.presenters import applications as presenters
from lksworkforce.programmes.selectors import applications as selectors
from lksworkforce.programmes.services import applications as services
from lksworkforce.programmes.services.applications_selection import offers_lapse
from lksworkforce.programmes.views import applications_panel


def crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("programmes:home"), "text": "Programmes"},
        *({"href": href, "text": text} for href, text in more),
    ]


def _mine() -> tuple[str, str]:
    return (reverse("programmes:applications"), "Your applications")


@require_GET
@login_required
def applications(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    offers_lapse(today=today, person=request.user)
    return render(
        request,
        "programmes/applications/list.jinja",
        {
            "title": "Your applications",
            "applications": list(selectors.applications_of(request.user)),
            "open_cohorts": list(selectors.cohorts_open_now(today)),
            "presenters": presenters,
            "breadcrumbs": crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def application_new(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_open_to_apply(cohort_id)
    if cohort is None:
        raise Http404("No such cohort")
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        form.is_valid()
        entry = services.ApplicationEntry(
            statement=form.cleaned_data.get("statement") or "",
            could_not_travel=bool(form.cleaned_data.get("could_not_travel")),
        )
        try:
            if services.needs_panel(cohort.programme):
                saved = services.application_submit(person=request.user, cohort=cohort, entry=entry)
            else:
                saved = services.place_book(person=request.user, cohort=cohort, could_not_travel=entry.could_not_travel)
        except Rejected as rejected:
            form.add_problems(rejected.problems)
        else:
            messages.success(request, _sent_message(saved))
            return redirect("programmes:application", application_id=saved.pk)
    return render(
        request,
        "programmes/applications/apply.jinja",
        {
            "title": f"Apply for {cohort.programme.title}"
            if services.needs_panel(cohort.programme)
            else f"Book a place on {cohort.programme.title}",
            "cohort": cohort,
            "form": form,
            "form_errors": form_error_list(form),
            "panel": services.needs_panel(cohort.programme),
            "who_for": services.who_it_is_for(cohort.programme),
            "cannot": []
            if request.method == "POST"
            else services.apply_problems(request.user, cohort, timezone.localdate()),
            "breadcrumbs": crumbs(_mine()),
        },
        status=422 if form.errors else 200,
    )


def _sent_message(application: Application) -> str:
    return {
        "awaiting_support": "Your application is sent. Your service manager is asked to support it.",
        "submitted": "Your application is sent to the selection panel.",
        "accepted": "Your place is booked.",
        "waiting": "The cohort is full: you are on the waiting list, and will be offered a place if one comes free.",
    }.get(application.status, "Your application is sent.")


def _owned(request: SignedInRequest, application_id: int) -> Application:
    found = selectors.application_owned(request.user, application_id)
    if found is None:
        raise Http404("No such application of yours")
    return found


@require_GET
@login_required
def application(request: SignedInRequest, application_id: int) -> HttpResponse:
    found = _owned(request, application_id)
    if offers_lapse(today=timezone.localdate(), cohort=found.cohort):
        found = _owned(request, application_id)
    return _application_page(request, found)


def _application_page(
    request: SignedInRequest,
    found: Application,
    reply: ReplyForm | None = None,
    stale: StaleEdit | None = None,
    status: int = 200,
) -> HttpResponse:
    reply = reply or ReplyForm()
    return render(
        request,
        "programmes/applications/application.jinja",
        {
            "title": f"Your application: {found.cohort}",
            "application": found,
            "reply": reply,
            "stale": stale,
            "status_tag": presenters.status_tag(found),
            "support": presenters.support_label(found),
            "can_withdraw": found.status in services.WITHDRAWABLE,
            "form_errors": stale_error_list(stale) + form_error_list(reply),
            "breadcrumbs": crumbs(_mine()),
        },
        status=status,
    )


@require_POST
@login_required
def application_reply(request: SignedInRequest, application_id: int) -> HttpResponse:
    found = _owned(request, application_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _application_page(request, found, form, status=400 if version_missing(form) else 422)
    accept = form.cleaned_data["answer"] == "accept"
    try:
        services.offer_reply(
            person=request.user, application=found, accept=accept, expected_version=form.cleaned_data["edit_version"]
        )
    except StaleEdit as stale:
        return _application_page(request, _owned(request, application_id), stale=stale, status=409)
    except Rejected as rejected:
        form.add_problems(rejected.problems)
        return _application_page(request, found, form, status=422)
    messages.success(request, "You accepted the place." if accept else "You declined the place.")
    return redirect("programmes:application", application_id=found.pk)


@require_POST
@login_required
def application_withdraw(request: SignedInRequest, application_id: int) -> HttpResponse:
    found = _owned(request, application_id)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _application_page(request, found, status=400)
    try:
        services.application_withdraw(
            person=request.user, application=found, expected_version=form.cleaned_data["edit_version"]
        )
    except StaleEdit as stale:
        return _application_page(request, _owned(request, application_id), stale=stale, status=409)
    except Rejected as rejected:
        refused = ReplyForm(request.POST)
        refused.is_valid()
        refused.add_problems(rejected.problems)
        return _application_page(request, found, refused, status=422)
    messages.success(request, "Your application is withdrawn.")
    return redirect("programmes:application", application_id=found.pk)


def _manager(request: SignedInRequest) -> None:
    if not request.user.has_perm("programmes.support_applications"):
        raise PermissionDenied("Only service managers support applications")


@require_GET
@login_required
def support_list(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    return render(
        request,
        "programmes/applications/support_list.jinja",
        {
            "title": "Applications waiting for your support",
            "applications": list(selectors.awaiting_support(request.user)),
            "breadcrumbs": crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def support_decide(request: SignedInRequest, application_id: int) -> HttpResponse:
    _manager(request)
    found = selectors.application_for_support(request.user, application_id)
    if found is None:
        raise Http404("No such application by your people")
    form = SupportForm(request.POST if request.method == "POST" else None, initial={"edit_version": found.edit_version})
    stale: StaleEdit | None = None
    if request.method == "POST" and not version_missing(form):
        form.is_valid()
        try:
            services.support_decide(
                manager=request.user,
                application=found,
                supported=form.cleaned_data.get("supported"),
                reason=form.cleaned_data.get("reason") or "",
                expected_version=form.cleaned_data.get("edit_version"),
            )
        except StaleEdit as refused:
            stale = refused
            found = selectors.application_for_support(request.user, application_id) or found
        except Rejected as rejected:
            form.add_problems(rejected.problems)
        else:
            messages.success(request, f"Your decision on {found.person}'s application is saved.")
            return redirect("programmes:support_list")
    status = 400 if version_missing(form) else 409 if stale else 422 if form.errors else 200
    return render(
        request,
        "programmes/applications/support.jinja",
        {
            "title": f"Support {found.person}'s application",
            "application": found,
            "form": form,
            "stale": stale,
            "status_tag": presenters.status_tag(found),
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs((reverse("programmes:support_list"), "Applications waiting for your support")),
        },
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("programmes/applications/", applications, name="applications"),
    path("programmes/cohorts/<int:cohort_id>/apply/", application_new, name="application_new"),
    path("programmes/applications/<int:application_id>/", application, name="application"),
    path("programmes/applications/<int:application_id>/reply/", application_reply, name="application_reply"),
    path("programmes/applications/<int:application_id>/withdraw/", application_withdraw, name="application_withdraw"),
    path("programmes/support/", support_list, name="support_list"),
    path("programmes/support/<int:application_id>/", support_decide, name="support_decide"),
    *applications_panel.urlpatterns,
]
