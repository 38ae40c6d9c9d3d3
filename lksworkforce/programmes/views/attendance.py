"""Programmes pages: attendance. A session's register (one radio group per person, "mark everyone
present", saved all at once), a cohort's register with each place's completion (and its CSV, XLSX
and PDF), the import of a register file, and a participant's own attendance and progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.problems import Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.programmes.forms.attendance import MARK_ALL, RegisterForm, RegisterUploadForm, everyone_present
from lksworkforce.programmes.models import Cohort, Session
from lksworkforce.programmes.presenters import attendance as presenters
from lksworkforce.programmes.selectors import attendance as selectors
from lksworkforce.programmes.services.attendance import register_save
from lksworkforce.programmes.services.attendance_import import MAX_BYTES, attendance_import

NOT_A_TAKER = "Only the cohort's facilitators and those who run the cohort can take its attendance"
EXPORT_FORMATS = ("csv", "xlsx", "pdf")


def crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("programmes:home"), "text": "Programmes"},
        *({"href": href, "text": text} for href, text in more),
    ]


def _cohort_crumb(cohort: Cohort) -> tuple[str, str]:
    return (reverse("programmes:cohort_attendance", kwargs={"cohort_id": cohort.pk}), f"Register: {cohort.name}")


def _session(request: SignedInRequest, session_id: int) -> Session:
    session = selectors.session_found(session_id)
    if session is None:
        raise Http404("No such session")
    if not selectors.may_take_session_register(request.user, session):
        raise PermissionDenied(NOT_A_TAKER)
    return session


def _cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    cohort = selectors.cohort_found(cohort_id)
    if cohort is None:
        raise Http404("No such cohort")
    if not selectors.may_take_cohort_register(request.user, cohort):
        raise PermissionDenied(NOT_A_TAKER)
    return cohort


@require_http_methods(["GET", "POST"])
@login_required
def session_attendance(request: SignedInRequest, session_id: int) -> HttpResponse:
    session = _session(request, session_id)
    rows = selectors.session_register(session)
    today = timezone.localdate()
    form = RegisterForm(request.POST or None, rows=rows)
    stale: StaleEdit | None = None
    status = 200
    if request.method == "POST" and MARK_ALL in request.POST:
        form = RegisterForm(everyone_present(request.POST, rows), rows=rows)
        messages.info(request, "Everyone is marked present. Change anyone who was not there, then save the register.")
    elif request.method == "POST":
        if version_missing(form):
            status = 400
        elif form.is_valid():
            try:
                saved = register_save(actor=request.user, session=session, marks=form.marks(), today=today)
            except StaleEdit as refused:
                stale, status = refused, 409
                form.rows = rows = selectors.session_register(session)  # the versions saved now
            except Rejected as rejected:
                form.add_error(None, [p.reason for p in rejected.problems])
                status = 422
            else:
                messages.success(request, f"The register is saved: {saved.summary}")
                return redirect("programmes:session_attendance", session_id=session.pk)
        else:
            status = 422
    return render(
        request,
        "programmes/attendance/session.jinja",
        {
            "title": f"Register: {session.title}",
            "session": session,
            "when": presenters.session_when(session),
            "rows": [(row, presenters.radio_items(form.chosen(row))) for row in rows],
            "form": form,
            "stale": stale,
            "happened": selectors.has_happened(session, today),
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": _session_crumbs(request, session),
        },
        status=status,
    )


def _session_crumbs(request: SignedInRequest, session: Session) -> list[dict[str, str]]:
    if selectors.may_take_cohort_register(request.user, session.cohort):
        return crumbs(_cohort_crumb(session.cohort))
    return crumbs()


@require_GET
@login_required
def cohort_attendance(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    progress = selectors.cohort_progress(cohort, today=timezone.localdate())
    rows = presenters.place_rows(progress)
    if (file_format := request.GET.get("format")) is not None:
        if file_format not in EXPORT_FORMATS:
            raise Http404("Download the register as csv, xlsx or pdf")
        columns, table = presenters.export_table(progress, rows)
        return export_response(file_format, f"register-cohort-{cohort.pk}", columns, table, title="Register")
    return render(
        request,
        "programmes/attendance/cohort.jinja",
        {
            "title": f"Register: {cohort.name}",
            "cohort": cohort,
            "sessions": progress.sessions,
            "rows": rows,
            "rule": presenters.rule_sentence(progress),
            "day": presenters.session_day,
            "breadcrumbs": crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def attendance_import_page(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    posted = request.method == "POST"
    form = RegisterUploadForm(request.POST, request.FILES) if posted else RegisterUploadForm()
    import_errors: Rejected | None = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = attendance_import(
                actor=request.user, cohort=cohort, data=upload_bytes(upload), filename=upload.name
            )
        except Rejected as rejected:
            import_errors = rejected
        else:
            messages.success(request, " ".join(["The register is imported.", outcome.summary, *outcome.notes]))
            return redirect("programmes:cohort_attendance", cohort_id=cohort.pk)
    return render(
        request,
        "programmes/attendance/import.jinja",
        {
            "title": f"Import a register: {cohort.name}",
            "cohort": cohort,
            "form": form,
            "form_errors": form_error_list(form),
            "import_errors": import_errors,
            "max_megabytes": MAX_BYTES // (1024 * 1024),
            "breadcrumbs": crumbs(_cohort_crumb(cohort)),
        },
        status=422 if import_errors or form.errors else 200,
    )


@require_GET
@login_required
def my_attendance(request: SignedInRequest) -> HttpResponse:
    places = selectors.own_progress(request.user, today=timezone.localdate())
    return render(
        request,
        "programmes/attendance/mine.jinja",
        {
            "title": "Your attendance",
            "places": [
                (p, presenters.place_rows(p, yours=True)[0], presenters.rule_sentence(p)) for p in places if p.places
            ],
            "day": presenters.session_day,
            "breadcrumbs": crumbs(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("programmes/attendance/", my_attendance, name="my_attendance"),
    path("programmes/sessions/<int:session_id>/attendance/", session_attendance, name="session_attendance"),
    path("programmes/cohorts/<int:cohort_id>/attendance/", cohort_attendance, name="cohort_attendance"),
    path("programmes/cohorts/<int:cohort_id>/attendance/import/", attendance_import_page, name="attendance_import"),
]
