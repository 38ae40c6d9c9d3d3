"""Programmes pages: a cohort's sessions (add, change, remove) and group projects (add, change,
remove, download the output file), and the calendar feeds: a cohort's, the signed-in person's
download, and the person's subscription address (a random token, renewable and revocable)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import form_error_list, stale_error_list
from lksworkforce.programmes.calendar_feeds import feed_ics
from lksworkforce.programmes.forms import setup as forms
from lksworkforce.programmes.models import Cohort, GroupProject, Session
from lksworkforce.programmes.presenters import setup as presenters
from lksworkforce.programmes.presenters.setup_feeds import session_events
from lksworkforce.programmes.selectors import setup as selectors
from lksworkforce.programmes.services import setup_sessions as services
from lksworkforce.programmes.views.setup_pages import (
    cohort_crumb,
    crumbs,
    form_status,
    programme_crumb,
    save_edit,
    save_form,
)

ICS = "text/calendar; charset=utf-8"


def _cohort_trail(cohort: Cohort) -> list[dict[str, str]]:
    return crumbs(programme_crumb(cohort.programme), cohort_crumb(cohort))


def _run_cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    if selectors.cohort_detail(request.user, cohort_id) is None:
        raise Http404("No such cohort")
    found = selectors.cohort_run_by(request.user, cohort_id)
    if found is None:
        raise PermissionDenied
    return found


def _run_session(request: SignedInRequest, session_id: int) -> Session:
    found = selectors.session_run_by(request.user, session_id)
    if found is None:
        if not selectors.session_exists(request.user, session_id):
            raise Http404("No such session")
        raise PermissionDenied
    return found


@require_http_methods(["GET", "POST"])
@login_required
def session_new(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _run_cohort(request, cohort_id)
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST":
        saved = save_form(form, lambda entry: services.session_add(actor=request.user, cohort=cohort, entry=entry))
        if saved is not None:
            messages.success(request, f"The session “{saved.title}” is added.")
            return redirect("programmes:cohort", cohort_id=cohort.pk)
    context = {"title": f"Add a session to {cohort.name}", "form": form, "cohort": cohort, "session": None}
    return render(
        request,
        "programmes/setup/session_form.jinja",
        context | {"form_errors": form_error_list(form), "breadcrumbs": _cohort_trail(cohort)},
        status=form_status(form),
    )


def _session_page(
    request: SignedInRequest, session: Session, form: forms.SessionForm, stale: StaleEdit | None, status: int
) -> HttpResponse:
    return render(
        request,
        "programmes/setup/session_form.jinja",
        {
            "title": f"Change {session.title}",
            "form": form,
            "cohort": session.cohort,
            "session": session,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": _cohort_trail(session.cohort),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request: SignedInRequest, session_id: int) -> HttpResponse:
    found = _run_session(request, session_id)
    form = forms.SessionChangeForm(request.POST or None, initial=forms.session_initial(found))
    current = found
    saved, stale = save_edit(
        request.method,
        form,
        lambda entry, version: services.session_change(
            actor=request.user, session=current, entry=entry, expected_version=version
        ),
    )
    if saved is not None:
        messages.success(request, "The session is saved. People enrolled are told of a new time or place.")
        return redirect("programmes:cohort", cohort_id=saved.cohort_id)
    return _session_page(request, found, form, stale, form_status(form, stale))


@require_POST
@login_required
def session_remove(request: SignedInRequest, session_id: int) -> HttpResponse:
    found = _run_session(request, session_id)
    form = forms.RemoveForm(request.POST)
    if not form.is_valid():
        edit = forms.SessionChangeForm(initial=forms.session_initial(found))
        return render(
            request,
            "programmes/setup/session_form.jinja",
            {"title": f"Change {found.title}", "form": edit, "cohort": found.cohort, "session": found,
             "form_errors": form_error_list(form), "breadcrumbs": _cohort_trail(found.cohort)},
            status=400,
        )  # fmt: skip
    try:
        services.session_remove(actor=request.user, session=found, expected_version=form.cleaned_data["edit_version"])
    except StaleEdit as stale:
        fresh = _run_session(request, session_id)
        return _session_page(request, fresh, forms.SessionChangeForm(initial=forms.session_initial(fresh)), stale, 409)
    messages.success(request, "The session is removed.")
    return redirect("programmes:cohort", cohort_id=found.cohort_id)


def _member_choices(cohort: Cohort) -> list[tuple[int, str]]:
    return [(m.id, m.name) for m in selectors.member_choices(cohort)]


def _projects_cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    found = selectors.cohort_detail(request.user, cohort_id)
    if found is None:
        raise Http404("No such cohort")
    if not selectors.manages_projects(request.user, found):
        raise PermissionDenied
    return found


def _managed_project(request: SignedInRequest, project_id: int) -> GroupProject:
    found = selectors.project_managed(request.user, project_id)
    if found is None:
        if selectors.project_visible(request.user, project_id) is not None:
            raise PermissionDenied
        raise Http404("No such group project")
    return found


@require_http_methods(["GET", "POST"])
@login_required
def project_new(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _projects_cohort(request, cohort_id)
    form = forms.ProjectForm(request.POST or None, request.FILES or None, members=_member_choices(cohort))
    if request.method == "POST":
        saved = save_form(form, lambda entry: services.project_add(actor=request.user, cohort=cohort, entry=entry))
        if saved is not None:
            messages.success(request, f"The group “{saved.name}” is added.")
            return redirect("programmes:cohort", cohort_id=cohort.pk)
    context = {"title": f"Add a group project to {cohort.name}", "form": form, "cohort": cohort, "project": None}
    return render(
        request,
        "programmes/setup/project_form.jinja",
        context | {"form_errors": form_error_list(form), "breadcrumbs": _cohort_trail(cohort)},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: SignedInRequest, project_id: int) -> HttpResponse:
    found = _managed_project(request, project_id)
    form = forms.ProjectChangeForm(
        request.POST or None, request.FILES or None, initial=forms.project_initial(found),
        members=_member_choices(found.cohort),
    )  # fmt: skip
    current = found
    saved, stale = save_edit(
        request.method,
        form,
        lambda entry, version: services.project_change(
            actor=request.user, project=current, entry=entry, expected_version=version
        ),
    )
    if saved is not None:
        messages.success(request, "The group project is saved.")
        return redirect("programmes:cohort", cohort_id=saved.cohort_id)
    return render(
        request,
        "programmes/setup/project_form.jinja",
        {
            "title": f"Change {found.name}",
            "form": form,
            "cohort": found.cohort,
            "project": found,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": _cohort_trail(found.cohort),
        },
        status=form_status(form, stale),
    )


@require_POST
@login_required
def project_remove(request: SignedInRequest, project_id: int) -> HttpResponse:
    found = _managed_project(request, project_id)
    form = forms.RemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The group project was not removed: reload the page and try again.")
        return redirect("programmes:project_edit", project_id=found.pk)
    try:
        services.project_remove(actor=request.user, project=found, expected_version=form.cleaned_data["edit_version"])
    except StaleEdit:
        messages.error(request, "The group project was changed since you opened the page, so it was not removed.")
        return redirect("programmes:project_edit", project_id=found.pk)
    messages.success(request, "The group project is removed.")
    return redirect("programmes:cohort", cohort_id=found.cohort_id)


@require_GET
@login_required
def project_file(request: SignedInRequest, project_id: int) -> FileResponse:
    found = selectors.project_visible(request.user, project_id)
    stored = found.output_file.name if found is not None else None
    if found is None or not stored or not default_storage.exists(stored):
        raise Http404("No such file")
    extension = stored.rsplit(".", 1)[-1]
    # Always a download, never shown inline: a file someone uploaded is not a page of this service.
    return FileResponse(
        default_storage.open(stored, "rb"),
        as_attachment=True,
        filename=f"{slugify(found.name) or 'group-project'}.{extension}",
        content_type="application/octet-stream",
    )


def _ics(request: HttpRequest, name: str, sessions: list[Session], filename: str) -> HttpResponse:
    body = feed_ics(
        name,
        session_events(sessions, base_url=request.build_absolute_uri("/").rstrip("/")),
        host=request.get_host().split(":")[0],
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def cohort_calendar(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    found = selectors.cohort_detail(request.user, cohort_id)
    if found is None:
        raise Http404("No such cohort")
    sessions = list(selectors.cohort_sessions(found))
    return _ics(request, f"{found.programme.title}: {found.name}", sessions, f"cohort-{found.pk}.ics")


@require_GET
@login_required
def my_calendar(request: SignedInRequest) -> HttpResponse:
    token = selectors.feed_token_of(request.user)
    address = request.build_absolute_uri(reverse("programmes:feed", kwargs={"token": token})) if token else None
    sessions = list(selectors.person_sessions(request.user).filter(ends_at__gte=timezone.now())[:20])
    return render(
        request,
        "programmes/setup/calendar.jinja",
        {
            "title": "Your programme sessions calendar",
            "address": address,
            "sessions": sessions,
            "presenters": presenters,
            "breadcrumbs": crumbs(),
        },
    )


@require_GET
@login_required
def my_calendar_download(request: SignedInRequest) -> HttpResponse:
    return _ics(request, "My programme sessions", list(selectors.person_sessions(request.user)), "my-sessions.ics")


@require_POST
@login_required
def feed_renew(request: SignedInRequest) -> HttpResponse:
    services.feed_token_renew(person=request.user)
    messages.success(request, "Your calendar address is ready. Any address you had before no longer works.")
    return redirect("programmes:my_calendar")


@require_POST
@login_required
def feed_revoke(request: SignedInRequest) -> HttpResponse:
    services.feed_token_revoke(person=request.user)
    messages.success(request, "Your calendar address is turned off. Calendars subscribed to it stop updating.")
    return redirect("programmes:my_calendar")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription a calendar program fetches: no sign-in, the random token is the key."""
    person = selectors.feed_owner(token)
    if person is None:
        raise Http404("No such calendar")
    return _ics(request, "My programme sessions", list(selectors.person_sessions(person)), "my-sessions.ics")


urlpatterns: list[URLPattern] = [
    path("programmes/cohorts/<int:cohort_id>/sessions/new/", session_new, name="session_new"),
    path("programmes/sessions/<int:session_id>/edit/", session_edit, name="session_edit"),
    path("programmes/sessions/<int:session_id>/remove/", session_remove, name="session_remove"),
    path("programmes/cohorts/<int:cohort_id>/projects/new/", project_new, name="project_new"),
    path("programmes/projects/<int:project_id>/edit/", project_edit, name="project_edit"),
    path("programmes/projects/<int:project_id>/remove/", project_remove, name="project_remove"),
    path("programmes/projects/<int:project_id>/file/", project_file, name="project_file"),
    path("programmes/cohorts/<int:cohort_id>/calendar.ics", cohort_calendar, name="cohort_calendar"),
    path("programmes/calendar/", my_calendar, name="my_calendar"),
    path("programmes/calendar/sessions.ics", my_calendar_download, name="my_calendar_download"),
    path("programmes/calendar/renew/", feed_renew, name="feed_renew"),
    path("programmes/calendar/revoke/", feed_revoke, name="feed_revoke"),
    path("programmes/feeds/<str:token>.ics", feed, name="feed"),
]
