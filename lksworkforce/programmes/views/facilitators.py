"""Programmes pages: the facilitator register (filtered by region and kind, with its CSV, XLSX and
PDF), a facilitator and the sessions they ran, training events, and the cascade (per region and
each event's tree, with its CSV). For regional leads (their own region) and the national team."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.exports import EXPORT_FORMATS, export_response
from lksworkforce.core.forms import form_error_list, stale_error_list
from lksworkforce.programmes import cascade
from lksworkforce.programmes.forms import facilitators as forms
from lksworkforce.programmes.models import Facilitator
from lksworkforce.programmes.presenters import facilitators as presenters
from lksworkforce.programmes.selectors import facilitators as selectors
from lksworkforce.programmes.services import facilitators as services
from lksworkforce.programmes.views.setup_pages import crumbs, form_status, save_edit, save_form

NOT_YOURS = "The facilitator register is for regional leads and the national team"


def _may_view(request: SignedInRequest) -> None:
    if not request.user.has_perm("programmes.view_facilitators"):
        raise PermissionDenied(NOT_YOURS)


def _may_manage(request: SignedInRequest) -> None:
    if not request.user.has_perm("programmes.manage_facilitators"):
        raise PermissionDenied(NOT_YOURS)


def _register_crumb() -> tuple[str, str]:
    return (reverse("programmes:facilitators"), "Facilitator register")


def _facilitator_crumb(f: Facilitator) -> tuple[str, str]:
    return (reverse("programmes:facilitator", kwargs={"facilitator_id": f.pk}), str(f.person))


def _whole(text: str | None) -> int | None:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else None


def _regions(request: SignedInRequest) -> list[tuple[str, str]]:
    return [(str(r.pk), r.name) for r in selectors.regions_for(request.user)]


def _event_regions(request: SignedInRequest) -> list[tuple[str, str]]:
    national = [("", "National")] if request.user.has_perm("programmes.manage_programmes") else []
    return national + _regions(request)


@require_GET
@login_required
def register(request: SignedInRequest) -> HttpResponse:
    _may_view(request)
    region = selectors.region_of(request.user, _whole(request.GET.get("region")))
    kind = request.GET.get("kind", "")
    kind = kind if kind in {k for k, _ in presenters.kind_choices()} else ""
    rows = presenters.register_rows(
        selectors.register(request.user, region_id=region.pk if region else None, kind=kind)
    )
    if (file_format := request.GET.get("format")) is not None:
        if file_format not in EXPORT_FORMATS:
            raise Http404("Download the register as csv, xlsx or pdf")
        columns, table = presenters.register_export(rows)
        return export_response(file_format, "facilitator-register", columns, table, title="Facilitator register")
    query = urlencode({k: v for k, v in (("region", region.pk if region else ""), ("kind", kind)) if v})
    return render(
        request,
        "programmes/facilitators/register.jinja",
        {
            "title": "Facilitator register",
            "rows": rows,
            "regions": _regions(request),
            "kinds": presenters.kind_choices(),
            "region": region,
            "kind": kind,
            "query": query,
            "can_manage": request.user.has_perm("programmes.manage_facilitators"),
            "breadcrumbs": crumbs(),
        },
    )


def _facilitator_form(request: SignedInRequest, found: Facilitator | None) -> forms.FacilitatorForm:
    choices: dict[str, Any] = {
        "regions": _regions(request),
        "programmes": selectors.programme_choices(),
        "events": selectors.event_choices(request.user),
    }
    if found is None:
        return forms.FacilitatorForm(request.POST or None, initial={"active": True}, **choices)
    return forms.FacilitatorChangeForm(request.POST or None, initial=forms.facilitator_initial(found), **choices)


@require_http_methods(["GET", "POST"])
@login_required
def facilitator_new(request: SignedInRequest) -> HttpResponse:
    _may_manage(request)
    form = _facilitator_form(request, None)
    if request.method == "POST":
        saved = save_form(form, lambda entry: services.facilitator_create(actor=request.user, entry=entry))
        if saved is not None:
            messages.success(request, f"{saved.person} is on the register.")
            return redirect("programmes:facilitator", facilitator_id=saved.pk)
    return render(
        request,
        "programmes/facilitators/facilitator_form.jinja",
        {
            "title": "Add a facilitator",
            "form": form,
            "facilitator": None,
            "form_errors": form_error_list(form),
            "breadcrumbs": crumbs(_register_crumb()),
        },
        status=form_status(form),
    )


def _facilitator(request: SignedInRequest, facilitator_id: int) -> Facilitator:
    _may_view(request)
    found = selectors.facilitator_visible(request.user, facilitator_id)
    if found is None:
        raise Http404("No such facilitator")
    return found


@require_GET
@login_required
def facilitator(request: SignedInRequest, facilitator_id: int) -> HttpResponse:
    found = _facilitator(request, facilitator_id)
    sessions = selectors.sessions_of(found)
    return render(
        request,
        "programmes/facilitators/facilitator.jinja",
        {
            "title": str(found.person),
            "facilitator": found,
            "row": presenters.register_row(found),
            "sessions": sessions,
            "reached": sum(s.people_reached for s in sessions),
            "day": presenters.day,
            "can_manage": request.user.has_perm("programmes.manage_facilitators"),
            "breadcrumbs": crumbs(_register_crumb()),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def facilitator_edit(request: SignedInRequest, facilitator_id: int) -> HttpResponse:
    found = _facilitator(request, facilitator_id)
    _may_manage(request)
    form = _facilitator_form(request, found)
    saved, stale = save_edit(
        request.method,
        form,
        lambda entry, version: services.facilitator_change(
            actor=request.user, facilitator=found, entry=entry, expected_version=version
        ),
    )
    if saved is not None:
        messages.success(request, "The facilitator is saved.")
        return redirect("programmes:facilitator", facilitator_id=saved.pk)
    return render(
        request,
        "programmes/facilitators/facilitator_form.jinja",
        {
            "title": f"Change {found.person}",
            "form": form,
            "facilitator": found,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs(_register_crumb(), _facilitator_crumb(found)),
        },
        status=form_status(form, stale),
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_new(request: SignedInRequest, facilitator_id: int) -> HttpResponse:
    found = _facilitator(request, facilitator_id)
    _may_manage(request)
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST":
        saved = save_form(form, lambda entry: services.session_add(actor=request.user, facilitator=found, entry=entry))
        if saved is not None:
            messages.success(request, "The session is recorded.")
            return redirect("programmes:facilitator", facilitator_id=found.pk)
    return render(
        request,
        "programmes/facilitators/session_form.jinja",
        {
            "title": "Record a session",
            "form": form,
            "facilitator": found,
            "session": None,
            "form_errors": form_error_list(form),
            "breadcrumbs": crumbs(_register_crumb(), _facilitator_crumb(found)),
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request: SignedInRequest, session_id: int) -> HttpResponse:
    _may_view(request)
    found = selectors.session_visible(request.user, session_id)
    if found is None:
        raise Http404("No such session")
    _may_manage(request)
    form = forms.SessionChangeForm(request.POST or None, initial=forms.session_initial(found))
    saved, stale = save_edit(
        request.method,
        form,
        lambda entry, version: services.session_change(
            actor=request.user, session=found, entry=entry, expected_version=version
        ),
    )
    if saved is not None:
        messages.success(request, "The session is saved.")
        return redirect("programmes:facilitator", facilitator_id=saved.facilitator_id)
    return render(
        request,
        "programmes/facilitators/session_form.jinja",
        {
            "title": f"Change {found.title}",
            "form": form,
            "facilitator": found.facilitator,
            "session": found,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs(_register_crumb(), _facilitator_crumb(found.facilitator)),
        },
        status=form_status(form, stale),
    )


@require_GET
@login_required
def events(request: SignedInRequest) -> HttpResponse:
    _may_view(request)
    managed = set(selectors.events_managed(request.user).values_list("pk", flat=True))
    return render(
        request,
        "programmes/facilitators/events.jinja",
        {
            "title": "Training events",
            "events": list(selectors.events_visible(request.user).order_by("-held_on", "id")),
            "managed": managed,
            "kind_label": presenters.kind_label,
            "day": presenters.day,
            "can_manage": request.user.has_perm("programmes.manage_facilitators"),
            "breadcrumbs": crumbs(_register_crumb()),
        },
    )


def _event_form(request: SignedInRequest, initial: dict[str, object] | None = None) -> forms.EventForm:
    choices: dict[str, Any] = {"regions": _event_regions(request), "programmes": selectors.programme_choices()}
    if initial is None:
        return forms.EventForm(request.POST or None, **choices)
    return forms.EventChangeForm(request.POST or None, initial=initial, **choices)


@require_http_methods(["GET", "POST"])
@login_required
def event_new(request: SignedInRequest) -> HttpResponse:
    _may_manage(request)
    form = _event_form(request)
    if request.method == "POST":
        saved = save_form(form, lambda entry: services.event_create(actor=request.user, entry=entry))
        if saved is not None:
            messages.success(request, "The training event is saved. Add the facilitators it trained to the register.")
            return redirect("programmes:training_events")
    return render(
        request,
        "programmes/facilitators/event_form.jinja",
        {
            "title": "Add a training event",
            "form": form,
            "event": None,
            "form_errors": form_error_list(form),
            "breadcrumbs": crumbs(_register_crumb(), (reverse("programmes:training_events"), "Training events")),
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request: SignedInRequest, event_id: int) -> HttpResponse:
    _may_view(request)
    if selectors.event_visible(request.user, event_id) is None:
        raise Http404("No such training event")
    found = selectors.event_managed(request.user, event_id)
    if found is None:
        raise PermissionDenied("National training events are changed by the national team")
    form = _event_form(request, forms.event_initial(found))
    saved, stale = save_edit(
        request.method,
        form,
        lambda entry, version: services.event_change(
            actor=request.user, event=found, entry=entry, expected_version=version
        ),
    )
    if saved is not None:
        messages.success(request, "The training event is saved.")
        return redirect("programmes:training_events")
    return render(
        request,
        "programmes/facilitators/event_form.jinja",
        {
            "title": f"Change {found.title}",
            "form": form,
            "event": found,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs(_register_crumb(), (reverse("programmes:training_events"), "Training events")),
        },
        status=form_status(form, stale),
    )


@require_GET
@login_required
def cascade_page(request: SignedInRequest) -> HttpResponse:
    _may_view(request)
    region = selectors.region_of(request.user, _whole(request.GET.get("region")))
    found = selectors.cascade_of(request.user, timezone.localdate(), region_id=region.pk if region else None)
    rows = presenters.cascade_rows(found)
    if (file_format := request.GET.get("format")) is not None:
        if file_format not in EXPORT_FORMATS:
            raise Http404("Download the table as csv, xlsx or pdf")
        columns, table = presenters.cascade_export(rows)
        return export_response(file_format, f"cascade-{found.year}", columns, table, title="Cascade by region")
    return render(
        request,
        "programmes/facilitators/cascade.jinja",
        {
            "title": "Facilitator cascades",
            "found": found,
            "rows": rows,
            "trees": presenters.tree_views(found),
            "regions": _regions(request),
            "region": region,
            "query": f"region={region.pk}" if region else "",
            "kind_label": presenters.kind_label,
            "day": presenters.day,
            "places_per_session": cascade.PLACES_PER_SESSION,
            "busy_percent": presenters.percent(cascade.BUSY_SHARE),
            "breadcrumbs": crumbs(_register_crumb()),
        },
    )


urlpatterns: list[URLPattern] = [
    path("programmes/facilitators/", register, name="facilitators"),
    path("programmes/facilitators/new/", facilitator_new, name="facilitator_new"),
    path("programmes/facilitators/<int:facilitator_id>/", facilitator, name="facilitator"),
    path("programmes/facilitators/<int:facilitator_id>/edit/", facilitator_edit, name="facilitator_edit"),
    path("programmes/facilitators/<int:facilitator_id>/sessions/new/", session_new, name="facilitated_session_new"),
    path("programmes/facilitated-sessions/<int:session_id>/edit/", session_edit, name="facilitated_session_edit"),
    path("programmes/training-events/", events, name="training_events"),
    path("programmes/training-events/new/", event_new, name="training_event_new"),
    path("programmes/training-events/<int:event_id>/edit/", event_edit, name="training_event_edit"),
    path("programmes/cascade/", cascade_page, name="cascade"),
]
