"""Learning pages: a person's learning record (add, change, remove, record a catalogue resource in
one step, mark a plan action done), records shared with a service manager, and, from
records_reports, the CPD summary and the suppressed aggregates."""

from collections.abc import Callable
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.learning.cpd_hours import cpd_summary, hours
from lksworkforce.learning.forms.records import RecordChangeForm, RecordForm, RecordRemoveForm, record_initial
from lksworkforce.learning.models import LearningRecord
from lksworkforce.learning.selectors import records as selectors
from lksworkforce.learning.services import records as services
from lksworkforce.learning.views import records_reports


def crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("learning:home"), "text": "Learning"},
        *({"href": href, "text": text} for href, text in more),
    ]


def _records_crumb() -> tuple[str, str]:
    return (reverse("learning:records"), "Your learning record")


@require_GET
@login_required
def records(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    own = list(selectors.records_of(request.user))
    learning = selectors.learning_of(request.user)
    return render(
        request,
        "learning/records.jinja",
        {
            "title": "Your learning record",
            "records": own,
            "this_year": cpd_summary(learning, today.year),
            "total_hours": hours(sum(r.minutes for r in own)),
            "since": selectors.learning_since_last_assessment(request.user),
            "breadcrumbs": crumbs(),
        },
    )


def _form_context(form: RecordForm, **more: object) -> dict[str, object]:
    return {"form": form, "form_errors": form_error_list(form), **more}


def _save(form: RecordForm, save: Callable[[services.RecordEntry], LearningRecord]) -> LearningRecord | None:
    """Checks the form and the entry whole; None (with every problem on the form) when refused."""
    form.is_valid()
    entry = form.entry()
    parsed = [
        Problem(field=name, reason=str(error))
        for name, errors in form.errors.items()
        for error in errors
        if name != "edit_version"
    ]
    try:
        return save(replace(entry, extra_problems=tuple(parsed)))
    except Rejected as rejected:
        form.add_problems([p for p in rejected.problems if p not in parsed])
        return None


@require_http_methods(["GET", "POST"])
@login_required
def record_new(request: SignedInRequest) -> HttpResponse:
    plan_steps = selectors.open_plan_steps(request.user)
    sub_areas = selectors.current_sub_areas()
    prefill = selectors.resource_prefill(request.GET.get("resource")) if "resource" in request.GET else None
    if "resource" in request.GET and prefill is None:
        raise Http404("No such resource in the catalogue")
    initial: dict[str, object] = {}
    if prefill is not None:
        initial = {
            "title": prefill.title,
            "minutes": prefill.minutes,
            "sub_areas": list(prefill.sub_area_ids),
            "resource": prefill.resource_id,
        }
    form = RecordForm(request.POST or None, initial=initial, sub_areas=sub_areas, plan_steps=plan_steps)
    if request.method == "POST":
        saved = _save(form, lambda entry: services.record_add(person=request.user, entry=entry))
        if saved is not None:
            messages.success(request, "Your learning is recorded.")
            return redirect("learning:record", record_id=saved.pk)
    return render(
        request,
        "learning/record_form.jinja",
        _form_context(
            form,
            title="Record learning",
            prefill=prefill,
            plan_steps=plan_steps,
            record=None,
            breadcrumbs=crumbs(_records_crumb()),
        ),
        status=422 if form.errors else 200,
    )


@require_GET
@login_required
def record(request: SignedInRequest, record_id: int) -> HttpResponse:
    found = selectors.record_visible(request.user, record_id)
    if found is None:
        raise Http404("No such learning record")
    own = found.person_id == request.user.pk
    trail = _records_crumb() if own else (reverse("learning:records_shared"), "Learning shared with you")
    return render(
        request,
        "learning/record.jinja",
        {"title": found.title, "record": found, "own": own, "breadcrumbs": crumbs(trail)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def record_edit(request: SignedInRequest, record_id: int) -> HttpResponse:
    found = selectors.record_owned(request.user, record_id)
    if found is None:
        raise Http404("No such learning record")
    form = RecordChangeForm(
        request.POST or None, initial=record_initial(found), sub_areas=selectors.current_sub_areas(), plan_steps=[]
    )
    stale: StaleEdit | None = None
    if request.method == "POST" and not version_missing(form):
        owned = found
        try:
            saved = _save(
                form,
                lambda entry: services.record_change(
                    person=request.user,
                    record=owned,
                    entry=entry,
                    expected_version=form.cleaned_data.get("edit_version"),
                ),
            )
        except StaleEdit as refused:
            stale, found = refused, _still_there(request, record_id)
        else:
            if saved is not None:
                messages.success(request, "The learning record is saved.")
                return redirect("learning:record", record_id=saved.pk)
    return _edit_page(request, found, form, stale)


def _still_there(request: SignedInRequest, record_id: int) -> LearningRecord:
    found = selectors.record_owned(request.user, record_id)
    if found is None:
        raise Http404("This learning record was removed in another tab or window")
    return found


def _edit_page(
    request: SignedInRequest,
    found: LearningRecord,
    form: RecordForm,
    stale: StaleEdit | None,
    refused: RecordRemoveForm | None = None,
) -> HttpResponse:
    problems = form_error_list(refused) if refused is not None else []
    status = 400 if version_missing(form) or problems else 409 if stale else 422 if form.errors else 200
    return render(
        request,
        "learning/record_form.jinja",
        {
            "title": "Change a learning record",
            "form": form,
            "record": found,
            "stale": stale,
            "plan_steps": [],
            "form_errors": stale_error_list(stale) + form_error_list(form) + problems,
            "breadcrumbs": crumbs(_records_crumb()),
        },
        status=status,
    )


@require_POST
@login_required
def record_remove(request: SignedInRequest, record_id: int) -> HttpResponse:
    found = selectors.record_owned(request.user, record_id)
    if found is None:
        raise Http404("No such learning record")
    form = RecordRemoveForm(request.POST)
    edit_form = RecordChangeForm(initial=record_initial(found), sub_areas=selectors.current_sub_areas(), plan_steps=[])
    if not form.is_valid():
        return _edit_page(request, found, edit_form, None, refused=form)
    try:
        services.record_remove(person=request.user, record=found, expected_version=form.cleaned_data["edit_version"])
    except StaleEdit as stale:
        found = _still_there(request, record_id)
        edit_form = RecordChangeForm(
            initial=record_initial(found), sub_areas=selectors.current_sub_areas(), plan_steps=[]
        )
        return _edit_page(request, found, edit_form, stale)
    messages.success(request, "The learning record is removed.")
    return redirect("learning:records")


@require_GET
@login_required
def records_shared(request: SignedInRequest) -> HttpResponse:
    """Records people chose to share with a service the viewer manages (empty for anyone else)."""
    return render(
        request,
        "learning/records_shared.jinja",
        {
            "title": "Learning shared with you",
            "records": list(selectors.records_shared_with(request.user)),
            "manages": bool(request.user.managed_organisation_ids()),
            "breadcrumbs": crumbs(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("learning/records/", records, name="records"),
    path("learning/records/new/", record_new, name="record_new"),
    path("learning/records/shared/", records_shared, name="records_shared"),
    *records_reports.urlpatterns,
    path("learning/records/<int:record_id>/", record, name="record"),
    path("learning/records/<int:record_id>/edit/", record_edit, name="record_edit"),
    path("learning/records/<int:record_id>/remove/", record_remove, name="record_remove"),
]
