"""Programmes pages: feedback. A participant's reaction at the end of a cohort and their follow-up
three months on; a cohort's feedback report in four levels (for those who run it) and a programme's
across its cohorts (for the national team), each with its CSV, XLSX and PDF."""

from django import forms
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
from lksworkforce.programmes import feedback_levels as levels
from lksworkforce.programmes.forms.feedback import RATING_CHOICES, FollowUpForm, ReactionForm
from lksworkforce.programmes.models import Cohort
from lksworkforce.programmes.presenters import feedback as presenters
from lksworkforce.programmes.selectors import feedback as selectors
from lksworkforce.programmes.services.feedback import follow_up_answer, reaction_give

NOT_A_RUNNER = "Only those who run the cohort can read its feedback"
NATIONAL_ONLY = "Only the national team can read a programme's feedback across its cohorts"
EXPORT_FORMATS = ("csv", "xlsx", "pdf")


def crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("programmes:home"), "text": "Programmes"},
        *({"href": href, "text": text} for href, text in more),
    ]


def _add_problems(form: forms.Form, rejected: Rejected) -> None:
    for problem in rejected.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.reason)


@require_http_methods(["GET", "POST"])
@login_required
def reaction_give_page(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    place = selectors.own_place(request.user, cohort_id)
    if place is None:
        raise Http404("You have no place on this cohort")
    cohort = place.cohort
    opens = selectors.reaction_opens_on(cohort)
    form = ReactionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                reaction_give(enrolment=place, ratings=form.ratings(), comments=form.cleaned_data["comments"])
            except Rejected as rejected:
                _add_problems(form, rejected)
                status = 422
            else:
                messages.success(request, "Thank you: your feedback is sent. It is not linked to you.")
                return redirect("programmes:home")
        else:
            status = 422
    questions = [
        (
            q,
            [
                {"value": value, "text": text, "checked": str(form[q.value].value()) == value}
                for value, text in RATING_CHOICES
            ],
        )
        for q in levels.QUESTIONS
    ]
    return render(
        request,
        "programmes/feedback/reaction.jinja",
        {
            "title": f"Your feedback: {cohort.programme.title}",
            "cohort": cohort,
            "place": place,
            "open": opens <= timezone.localdate(),
            "opens": opens,
            "form": form,
            "questions": questions,
            "form_errors": form_error_list(form),
            "breadcrumbs": crumbs(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def follow_up_page(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    follow_up = selectors.own_follow_up(request.user, cohort_id)
    if follow_up is None:
        raise Http404("You have no follow-up for this cohort")
    cohort = follow_up.enrolment.cohort
    form = FollowUpForm(request.POST or None, initial={"edit_version": follow_up.edit_version})
    stale: StaleEdit | None = None
    status = 200
    if request.method == "POST":
        if version_missing(form):
            status = 400
        elif form.is_valid():
            try:
                follow_up_answer(
                    actor=request.user,
                    follow_up=follow_up,
                    doing_differently=form.cleaned_data["doing_differently"],
                    examples=form.cleaned_data["examples"],
                    edit_version=form.cleaned_data["edit_version"],
                )
            except StaleEdit as refused:
                stale, status = refused, 409
            except Rejected as rejected:
                _add_problems(form, rejected)
                status = 422
            else:
                messages.success(request, "Thank you: your answer is sent.")
                return redirect("programmes:home")
        else:
            status = 422
    today = timezone.localdate()
    return render(
        request,
        "programmes/feedback/follow_up.jinja",
        {
            "title": f"What you now do differently: {cohort.programme.title}",
            "cohort": cohort,
            "follow_up": follow_up,
            "opens": follow_up.due_on,
            "closes": levels.follow_up_closes(cohort.ends_on),
            "open": follow_up.due_on <= today <= levels.follow_up_closes(cohort.ends_on),
            "form": form,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs(),
        },
        status=status,
    )


def _run_cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    cohort = selectors.cohort_found(cohort_id)
    if cohort is None:
        raise Http404("No such cohort")
    if not selectors.runs_cohort(request.user, cohort):
        raise PermissionDenied(NOT_A_RUNNER)
    return cohort


def _export(request: SignedInRequest, name: str, rows: list[presenters.ReportRow], title: str) -> HttpResponse | None:
    file_format = request.GET.get("format")
    if file_format is None:
        return None
    if file_format not in EXPORT_FORMATS:
        raise Http404("Download the report as csv, xlsx or pdf")
    columns, table = presenters.export_table(rows)
    return export_response(file_format, name, columns, table, title=title)


@require_GET
@login_required
def cohort_report(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _run_cohort(request, cohort_id)
    feedback = selectors.cohort_feedback(cohort)
    rows = presenters.report_rows(feedback)
    title = f"Feedback: {cohort.name}"
    if (download := _export(request, f"feedback-cohort-{cohort.pk}", rows, title)) is not None:
        return download
    return render(
        request,
        "programmes/feedback/report.jinja",
        {
            "title": title,
            "caption": cohort.programme.title,
            "feedback": feedback,
            "rows": rows,
            "note": presenters.publishing_note(feedback.threshold),
            "results": levels.RESULTS_LATER,
            "lines": None,
            "breadcrumbs": crumbs(),
        },
    )


@require_GET
@login_required
def programme_report(request: SignedInRequest, key: str) -> HttpResponse:
    programme = selectors.programme_found(key)
    if programme is None:
        raise Http404("No such programme")
    if not selectors.sees_programme_report(request.user):
        raise PermissionDenied(NATIONAL_ONLY)
    feedback = selectors.programme_feedback(programme)
    rows = presenters.report_rows(feedback)
    title = f"Feedback: {programme.title}"
    if (download := _export(request, f"feedback-programme-{programme.key}", rows, title)) is not None:
        return download
    return render(
        request,
        "programmes/feedback/report.jinja",
        {
            "title": title,
            "caption": "All cohorts",
            "feedback": feedback,
            "rows": rows,
            "note": presenters.publishing_note(feedback.threshold),
            "results": levels.RESULTS_LATER,
            "lines": presenters.cohort_lines(feedback),
            "breadcrumbs": crumbs(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("programmes/cohorts/<int:cohort_id>/feedback/", reaction_give_page, name="reaction_give"),
    path("programmes/cohorts/<int:cohort_id>/follow-up/", follow_up_page, name="follow_up_answer"),
    path("programmes/cohorts/<int:cohort_id>/feedback/report/", cohort_report, name="cohort_feedback"),
    path("programmes/programme/<slug:key>/feedback/", programme_report, name="programme_feedback"),
]
