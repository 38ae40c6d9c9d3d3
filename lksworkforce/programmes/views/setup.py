"""Programmes pages: the programmes home, a programme, a cohort (with its sessions, group projects
and an actions area other parts add their links to), and setting up programmes and cohorts.
Sessions, group projects and calendar feeds are in views/setup_sessions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.forms import form_error_list, stale_error_list
from lksworkforce.programmes.forms import setup as forms
from lksworkforce.programmes.models import Programme
from lksworkforce.programmes.presenters import links
from lksworkforce.programmes.presenters import setup as presenters
from lksworkforce.programmes.selectors import setup as selectors
from lksworkforce.programmes.services import setup as services
from lksworkforce.programmes.views import setup_sessions
from lksworkforce.programmes.views.cohort_actions import cohort_actions
from lksworkforce.programmes.views.setup_pages import (
    cohort_crumb,
    crumbs,
    form_status,
    programme_crumb,
    save_edit,
    save_form,
)


@require_GET
@login_required
def home(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    programmes = list(selectors.programme_list(request.user, today))
    return render(
        request,
        "programmes/home.jinja",
        {
            "title": "Programmes",
            "programmes": programmes,
            "presenters": presenters,
            "today": today,
            "your_links": links.your_links(request.user),
            "running_links": links.running_links(request.user),
            "breadcrumbs": [{"href": "/", "text": "Home"}],
        },
    )


@require_GET
@login_required
def programme(request: SignedInRequest, key: str) -> HttpResponse:
    found = selectors.programme_detail(request.user, key)
    if found is None:
        raise Http404("No such programme")
    return render(
        request,
        "programmes/setup/programme.jinja",
        {
            "title": found.title,
            "programme": found,
            "presenters": presenters,
            "today": timezone.localdate(),
            "can_change": request.user.has_perm("programmes.manage_programmes"),
            "can_add_cohort": request.user.has_perm("programmes.manage_cohorts"),
            "breadcrumbs": crumbs(),
        },
    )


def _programme_form(request: SignedInRequest, found: Programme | None) -> forms.ProgrammeForm:
    choices = {"sub_areas": selectors.sub_area_choices(), "programmes": selectors.programme_choices(found)}
    if found is None:
        return forms.ProgrammeForm(request.POST or None, **choices)
    return forms.ProgrammeChangeForm(request.POST or None, initial=forms.programme_initial(found), **choices)


@require_http_methods(["GET", "POST"])
@login_required
def programme_new(request: SignedInRequest) -> HttpResponse:
    if not request.user.has_perm("programmes.manage_programmes"):
        raise PermissionDenied
    form = _programme_form(request, None)
    if request.method == "POST":
        saved = save_form(form, lambda entry: services.programme_create(actor=request.user, entry=entry))
        if saved is not None:
            messages.success(request, "The programme is set up. Add its first cohort.")
            return redirect("programmes:programme", key=saved.key)
    context = {"title": "Set up a programme", "form": form, "programme": None, "form_errors": form_error_list(form)}
    return render(
        request, "programmes/setup/programme_form.jinja", context | {"breadcrumbs": crumbs()}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@login_required
def programme_edit(request: SignedInRequest, key: str) -> HttpResponse:
    found = selectors.programme_detail(request.user, key)
    if found is None:
        raise Http404("No such programme")
    if not request.user.has_perm("programmes.manage_programmes"):
        raise PermissionDenied
    form = _programme_form(request, found)
    current = found
    saved, stale = save_edit(
        request.method,
        form,
        lambda entry, version: services.programme_change(
            actor=request.user, programme=current, entry=entry, expected_version=version
        ),
    )
    if saved is not None:
        messages.success(request, "The programme is saved.")
        return redirect("programmes:programme", key=saved.key)
    return render(
        request,
        "programmes/setup/programme_form.jinja",
        {
            "title": f"Change {found.title}",
            "form": form,
            "programme": found,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs(programme_crumb(found)),
        },
        status=form_status(form, stale),
    )


@require_GET
@login_required
def cohort(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    found = selectors.cohort_detail(request.user, cohort_id)
    if found is None:
        raise Http404("No such cohort")
    viewer = request.user
    runs = selectors.runs_cohort(viewer, found)
    sees_projects = selectors.sees_projects(viewer, found)
    return render(
        request,
        "programmes/setup/cohort.jinja",
        {
            "title": f"{found.programme.title}: {found.name}",
            "cohort": found,
            "programme": found.programme,
            "sessions": list(found.sessions.all()),
            "window": presenters.application_window(found),
            "presenters": presenters,
            "runs": runs,
            "projects": list(selectors.projects_of(found)) if sees_projects else None,
            "manages_projects": sees_projects and selectors.manages_projects(viewer, found),
            "actions": cohort_actions(request, found, runs=runs),
            "breadcrumbs": crumbs(programme_crumb(found.programme)),
        },
    )


def _region_choices(request: SignedInRequest) -> list[tuple[str, str]]:
    national = [("", "National")] if request.user.has_perm("programmes.manage_programmes") else []
    return national + [(str(r.pk), r.name) for r in selectors.regions_for(request.user)]


@require_http_methods(["GET", "POST"])
@login_required
def cohort_new(request: SignedInRequest, key: str) -> HttpResponse:
    found = selectors.programme_detail(request.user, key)
    if found is None:
        raise Http404("No such programme")
    if not request.user.has_perm("programmes.manage_cohorts"):
        raise PermissionDenied
    form = forms.CohortForm(request.POST or None, regions=_region_choices(request))
    if request.method == "POST":
        saved = save_form(form, lambda entry: services.cohort_create(actor=request.user, programme=found, entry=entry))
        if saved is not None:
            messages.success(request, "The cohort is set up. Add its sessions.")
            return redirect("programmes:cohort", cohort_id=saved.pk)
    return render(
        request,
        "programmes/setup/cohort_form.jinja",
        {
            "title": f"Add a cohort of {found.title}",
            "form": form,
            "cohort": None,
            "programme": found,
            "form_errors": form_error_list(form),
            "breadcrumbs": crumbs(programme_crumb(found)),
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def cohort_edit(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    if selectors.cohort_detail(request.user, cohort_id) is None:
        raise Http404("No such cohort")
    found = selectors.cohort_run_by(request.user, cohort_id)
    if found is None:
        raise PermissionDenied
    form = forms.CohortChangeForm(
        request.POST or None, initial=forms.cohort_initial(found), regions=_region_choices(request)
    )
    current = found
    saved, stale = save_edit(
        request.method,
        form,
        lambda entry, version: services.cohort_change(
            actor=request.user, cohort=current, entry=entry, expected_version=version
        ),
    )
    if saved is not None:
        messages.success(request, "The cohort is saved.")
        return redirect("programmes:cohort", cohort_id=saved.pk)
    return render(
        request,
        "programmes/setup/cohort_form.jinja",
        {
            "title": f"Change {found.name}",
            "form": form,
            "cohort": found,
            "programme": found.programme,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs(programme_crumb(found.programme), cohort_crumb(found)),
        },
        status=form_status(form, stale),
    )


urlpatterns: list[URLPattern] = [
    path("programmes/", home, name="home"),
    path("programmes/new/", programme_new, name="programme_new"),
    path("programmes/programme/<slug:key>/", programme, name="programme"),
    path("programmes/programme/<slug:key>/edit/", programme_edit, name="programme_edit"),
    path("programmes/programme/<slug:key>/cohorts/new/", cohort_new, name="cohort_new"),
    path("programmes/cohorts/<int:cohort_id>/", cohort, name="cohort"),
    path("programmes/cohorts/<int:cohort_id>/edit/", cohort_edit, name="cohort_edit"),
    *setup_sessions.urlpatterns,
]
