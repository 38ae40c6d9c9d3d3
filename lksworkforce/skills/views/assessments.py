"""A person's self-assessments: start, rate area by area (saved as they go), finish with a
reflection, see gaps and history, share with their manager, and export for appraisal."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.core import capability
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.pdf import html_to_pdf
from lksworkforce.core.problems import Rejected
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.skills import presenters, selectors, services, sharing
from lksworkforce.skills.forms import (
    AreaRatingsForm,
    ConfirmAreaForm,
    FinishAssessmentForm,
    ShareForm,
    StartAssessmentForm,
    initial_ratings,
)
from lksworkforce.skills.gaps import area_history, area_summaries, prioritised_gaps
from lksworkforce.skills.models import Assessment, Framework


def _crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [{"href": "/", "text": "Home"}, {"href": reverse("skills:home"), "text": "Skills"}] + [
        {"href": href, "text": text} for href, text in more
    ]


def _own(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = selectors.own_assessment(request.user, assessment_id)
    if assessment is None:
        raise Http404("No such self-assessment")
    return assessment


def _visible(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = selectors.assessment_for(request.user, assessment_id)
    if assessment is None:
        raise Http404("No such self-assessment")
    return assessment


@require_GET
@login_required
def home(request: SignedInRequest) -> HttpResponse:
    framework = selectors.current_framework()
    assessments = list(selectors.assessments_of(request.user))
    unfinished = next(
        (a for a in assessments if not a.is_completed and a.framework_id == getattr(framework, "pk", None)), None
    )
    profiles = list(framework.role_profiles.all()) if framework else []
    user = request.user
    preselected = selectors.role_profile_for(user, framework) if framework and unfinished is None else None
    return render(
        request,
        "skills/home.jinja",
        {
            "title": "Your skills",
            "framework": framework,
            "assessments": assessments,
            "unfinished": unfinished,
            "latest": next((a for a in assessments if a.is_completed), None),
            "start_form": StartAssessmentForm(profiles=profiles),
            "preselected": preselected,
            "starts_from": selectors.last_finished(user, framework) if framework and unfinished is None else None,
            "plan_count": selectors.plan_of(user).count(),
            "threshold": suppression_threshold(),
            "can_see_national": user.has_perm("skills.view_national_rollup"),
            "led_regions": selectors.led_regions(user),
            "managed_organisations": selectors.managed_organisations(user),
            "breadcrumbs": [{"href": "/", "text": "Home"}],
        },
    )


@require_POST
@login_required
def assessment_start(request: SignedInRequest) -> HttpResponse:
    framework = selectors.current_framework()
    if framework is None:
        raise Http404("No skills framework has been loaded yet")
    form = StartAssessmentForm(request.POST, profiles=framework.role_profiles.all())
    if not form.is_valid():
        messages.error(request, "Choose a role from the list, or no role profile")
        return redirect("skills:home")
    assessment = services.assessment_start(person=request.user, framework=framework, role_profile=form.chosen_profile())
    return redirect("skills:assessment", assessment_id=assessment.pk)


def _area_progress(assessment: Assessment, framework: Framework) -> list[dict[str, Any]]:
    rated = selectors.rated_counts_by_area(assessment)
    carried = selectors.carried_counts_by_area(assessment) if not assessment.is_completed else {}
    return [
        {
            "number": area.number,
            "name": area.name,
            "sub_areas": len(area.sub_areas.all()),
            "rated": rated.get(area.number, 0),
            "carried_over": carried.get(area.number, 0),
            "href": reverse("skills:assessment_area", args=[assessment.pk, area.number]),
        }
        for area in framework.areas.all()
    ]


@require_GET
@login_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _detail_page(request, _visible(request, assessment_id))


def _detail_page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    stale: StaleEdit | None = None,
    problems: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    framework = selectors.framework_structure(assessment.framework)
    own = assessment.person_id == request.user.pk
    shared = None if own else sharing.shared_copy(assessment)
    area_table = (
        presenters.area_rows(area_summaries(selectors.rated_sub_areas(assessment)))
        if shared is None
        else shared["areas"]
    )
    return render(
        request,
        "skills/assessment.jinja",
        {
            "title": "Your self-assessment" if own else f"{assessment.person.full_name}'s self-assessment",
            "assessment": assessment,
            "own": own,
            "framework": framework,
            "areas": _area_progress(assessment, framework),
            "carried_from": selectors.carried_over_from(assessment) if own else None,
            "area_table": area_table,
            "area_columns": presenters.AREA_COLUMNS,
            "stale": stale,
            "form_errors": stale_error_list(stale) + (problems or []),
            "reflection": assessment.reflection if shared is None else shared["reflection"],
            "shared_parts": sharing.SHARED_PARTS,
            "not_shared": sharing.NOT_SHARED,
            "breadcrumbs": _crumbs(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def assessment_area(request: HttpRequest, assessment_id: int, number: int) -> HttpResponse:
    assessment = _own(request, assessment_id)
    framework = selectors.framework_structure(assessment.framework)
    areas = list(framework.areas.all())
    area = next((a for a in areas if a.number == number), None)
    if area is None:
        raise Http404("No such area in this framework")
    if assessment.is_completed:
        messages.info(request, "This self-assessment is finished. Start a new one to rate your skills again.")
        return redirect("skills:assessment", assessment_id=assessment.pk)
    sub_areas = list(area.sub_areas.all())
    scale = selectors.framework_scale(framework)
    later = [a for a in areas if a.number > number]
    stale = None
    if request.method == "POST" and "unchanged" in request.POST:
        return _confirm_area(request, assessment, area, sub_areas, scale, later)
    if request.method == "POST":
        form = AreaRatingsForm(request.POST, sub_areas=sub_areas, scale=scale)
        if form.is_valid():
            try:
                services.ratings_save(assessment=assessment, actor=request.user, entries=form.entries())
            except Rejected as rejected:
                reasons = {problem.field: problem.reason for problem in rejected.problems}
                for sub in sub_areas:
                    for name in services.RATING_FIELDS:
                        if (reason := reasons.get(services.rating_field(sub.number, name))) is not None:
                            form.add_error(f"s{sub.pk}_{name}", reason)
            except StaleEdit as refused:
                stale = refused
            else:
                messages.success(request, f"Your ratings for {area.number}. {area.name} are saved.")
                if "next" in request.POST and later:
                    return redirect("skills:assessment_area", assessment_id=assessment.pk, number=later[0].number)
                return redirect("skills:assessment", assessment_id=assessment.pk)
    else:
        form = AreaRatingsForm(
            initial=initial_ratings(selectors.ratings_of(assessment)), sub_areas=sub_areas, scale=scale
        )
    return _area_page(request, assessment, area, sub_areas, form, stale, has_next=bool(later))


def _area_page(
    request: HttpRequest,
    assessment: Assessment,
    area: Any,
    sub_areas: list[Any],
    form: AreaRatingsForm,
    stale: StaleEdit | None,
    *,
    has_next: bool,
    problems: list[dict[str, str]] | None = None,
    status: int | None = None,
) -> HttpResponse:
    saved = selectors.ratings_of(assessment)  # read after any save: the versions a save now starts from
    carried = [sub for sub in sub_areas if sub.pk in saved and saved[sub.pk].carried_over]
    return render(
        request,
        "skills/area_form.jinja",
        {
            "title": f"{area.number}. {area.name}",
            "assessment": assessment,
            "area": area,
            "form": form,
            "versions": {sub.pk: saved[sub.pk].edit_version for sub in sub_areas if sub.pk in saved},
            "carried": {sub.pk for sub in carried},
            "carried_from": selectors.carried_over_from(assessment) if carried else None,
            "stale": stale,
            "form_errors": stale_error_list(stale) + (problems or []) + form_error_list(form),
            "sub_areas": sub_areas,
            "has_next": has_next,
            "breadcrumbs": _crumbs((f"/skills/assessments/{assessment.pk}/", "Your self-assessment")),
        },
        status=status if status is not None else _status(form, stale),
    )


def _confirm_area(
    request: HttpRequest,
    assessment: Assessment,
    area: Any,
    sub_areas: list[Any],
    scale: Any,
    later: list[Any],
) -> HttpResponse:
    """ "Nothing has changed in this area": keep its carried-over ratings, go on to the next area."""
    sent = [sub.pk for sub in sub_areas if f"s{sub.pk}_edit_version" in request.POST]
    confirm = ConfirmAreaForm(request.POST, sub_area_ids=sent)

    def page_again(stale: StaleEdit | None, problems: list[dict[str, str]], status: int) -> HttpResponse:
        form = AreaRatingsForm(
            initial=initial_ratings(selectors.ratings_of(assessment)), sub_areas=sub_areas, scale=scale
        )
        return _area_page(
            request, assessment, area, sub_areas, form, stale, has_next=bool(later), problems=problems, status=status
        )

    if not confirm.is_valid():
        return page_again(None, form_error_list(confirm), 400)
    try:
        kept = services.area_confirm(assessment=assessment, actor=request.user, area=area, versions=confirm.versions())
    except StaleEdit as stale:
        return page_again(stale, [], 409)
    except services.SkillsError as error:
        messages.error(request, str(error))
        return redirect("skills:assessment", assessment_id=assessment.pk)
    messages.success(
        request,
        f"You kept your {kept} rating{'' if kept == 1 else 's'} for {area.number}. {area.name}: nothing has changed.",
    )
    if later:
        return redirect("skills:assessment_area", assessment_id=assessment.pk, number=later[0].number)
    return redirect("skills:assessment", assessment_id=assessment.pk)


def _status(form: Any, stale: StaleEdit | None) -> int:
    return 400 if version_missing(form) else 409 if stale else 200


@require_http_methods(["GET", "POST"])
@login_required
def assessment_finish(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _own(request, assessment_id)
    if request.method == "GET" and assessment.is_completed:
        return redirect("skills:assessment", assessment_id=assessment.pk)
    form = FinishAssessmentForm(request.POST or None)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_complete(
                assessment=assessment,
                actor=request.user,
                reflection=form.cleaned_data["reflection"],
                share_with_manager=form.cleaned_data["share_with_manager"],
                expected_version=form.cleaned_data["edit_version"],
            )
        except services.SkillsError as error:
            form.add_error("reflection", str(error))
        except StaleEdit as refused:
            stale = refused
            assessment.refresh_from_db()
        else:
            messages.success(request, "Your self-assessment is finished. Here are your gaps.")
            return redirect("skills:assessment_gaps", assessment_id=assessment.pk)
    return render(
        request,
        "skills/finish.jinja",
        {
            "title": "Finish your self-assessment",
            "assessment": assessment,
            "rated": assessment.ratings.count(),
            "shared_parts": sharing.SHARED_PARTS,
            "not_shared": sharing.NOT_SHARED,
            "form": form,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": _crumbs((f"/skills/assessments/{assessment.pk}/", "Your self-assessment")),
        },
        status=_status(form, stale),
    )


@require_POST
@login_required
def assessment_share(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _own(request, assessment_id)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, assessment, problems=form_error_list(form), status=400)
    share = form.cleaned_data["share"] == "yes"
    try:
        services.assessment_share(
            assessment=assessment, actor=request.user, share=share, expected_version=form.cleaned_data["edit_version"]
        )
    except StaleEdit as stale:
        assessment.refresh_from_db()
        return _detail_page(request, assessment, stale=stale, status=409)
    except services.SkillsError as error:
        messages.error(request, str(error))
        return redirect("skills:assessment", assessment_id=assessment.pk)
    messages.success(
        request,
        "Your service manager can now see a copy of this self-assessment as it is today."
        if share
        else "It is no longer shared: your service manager can no longer see it.",
    )
    return redirect("skills:assessment", assessment_id=assessment.pk)


def gaps_context(assessment: Assessment, viewer: AnyViewer) -> dict[str, Any]:
    """What the gaps page and the PDF for appraisal show: the same figures. Someone it is shared
    with sees the frozen copy of what the person shared, without the plan (see skills/sharing.py)."""
    if assessment.person_id != viewer.pk:
        return sharing.shared_context(assessment) | {"own": False}
    rated = selectors.rated_sub_areas(assessment)
    scale = selectors.framework_scale(assessment.framework)
    summaries = area_summaries(rated)
    return {
        "assessment": assessment,
        "scale": scale,
        "gaps": presenters.gap_rows(scale, prioritised_gaps(rated)),
        "gap_columns": presenters.GAP_COLUMNS,
        "areas": presenters.area_rows(summaries),
        "area_columns": presenters.AREA_COLUMNS,
        "area_chart": presenters.area_chart(summaries, "Mean current and target level by area"),
        "ratings": presenters.rating_rows(scale, assessment),
        "reflection": assessment.reflection,
        "plan": presenters.plan_rows(selectors.plan_of(assessment.person)),
        "plan_columns": presenters.PLAN_COLUMNS,
        "own": True,
    }


LEARNING_PER_GAP = 3


def _learning_for_gaps(assessment: Assessment) -> list[dict[str, Any]]:
    """The best few recommendations for each gap in the person's own latest assessment: one call to
    the learning apps for all the gaps (a fixed number of queries), grouped by the gap's sub-area."""
    ids = selectors.sub_area_ids(assessment.framework.key) or {}
    gaps = [g for g in prioritised_gaps(selectors.rated_sub_areas(assessment)) if g.number in ids]
    if not gaps:
        return []
    wanted = frozenset(ids[g.number] for g in gaps)
    found = capability.recommendations(assessment.person, wanted, LEARNING_PER_GAP * len(wanted) * 3)
    return [
        {
            "sub_area": f"{g.number} {g.name}",
            "sub_area_id": ids[g.number],
            "recommendations": [r for r in found if ids[g.number] in r.sub_area_ids][:LEARNING_PER_GAP],
        }
        for g in gaps
    ]


@require_GET
@login_required
def assessment_gaps(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _visible(request, assessment_id)
    context = gaps_context(assessment, request.user)
    export = request.GET.get("format")
    if export:
        table = request.GET.get("table", "gaps")
        columns, rows = {
            "gaps": (presenters.GAP_COLUMNS, context["gaps"]),
            "areas": (presenters.AREA_COLUMNS, context["areas"]),
        }.get(table, (None, None))
        if columns is None or rows is None:
            raise Http404("No such table")
        return export_response(
            export,
            f"skills-{table}-{assessment.started_on:%Y-%m-%d}",
            [c for c, _h, _n in columns],
            rows,
            title="Skills gaps" if table == "gaps" else "Skills by area",
        )
    own = context["own"]
    return render(
        request,
        "skills/gaps.jinja",
        context
        | {
            "learning_for_gaps": _learning_for_gaps(assessment) if own and assessment.is_latest else [],
            "title": "Your gaps" if own else f"{assessment.person.full_name}'s gaps",
            "breadcrumbs": _crumbs((f"/skills/assessments/{assessment.pk}/", "Self-assessment")),
        },
    )


@require_GET
@login_required
def assessment_pdf(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _visible(request, assessment_id)
    html = render_to_string(
        "skills/assessment_pdf.jinja",
        gaps_context(assessment, request.user) | {"title": "Self-assessment and development plan"},
        request=request,
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="self-assessment-{assessment.started_on:%Y-%m-%d}.pdf"'
    return response


@require_GET
@login_required
def history(request: HttpRequest) -> HttpResponse:
    framework = selectors.current_framework()
    if framework is None:
        raise Http404("No skills framework has been loaded yet")
    taken = selectors.history_of(request.user, framework)
    # One column per finished assessment, even two on one day; headed by its date.
    keys = [f"taken_{number}" for number, _taken in enumerate(taken, start=1)]
    dates = [f"{a.completed_on:%d %b %Y}" for a, _rated in taken]
    headings = [d if dates.count(d) == 1 else f"{d} ({dates[: i + 1].count(d)})" for i, d in enumerate(dates)]
    history_lines = area_history([rated for _a, rated in taken])
    rows = presenters.history_rows(keys, history_lines)
    columns = [
        ("area", "Area", False),
        *zip(keys, headings, [True] * len(keys), strict=True),
        ("change", "Change", True),
    ]
    if request.GET.get("format"):
        by_heading = [{heading: row[key] for key, heading, _n in columns} for row in rows]
        return export_response(
            request.GET["format"], "skills-history", [h for _k, h, _n in columns], by_heading, title="Skills over time"
        )
    return render(
        request,
        "skills/history.jinja",
        {
            "title": "Your skills over time",
            "framework": framework,
            "rows": [row | {"change": "" if row["change"] == "" else f"{row['change']:+.1f}"} for row in rows],
            "columns": columns,
            "history_chart": presenters.history_chart(headings, history_lines),
            "breadcrumbs": _crumbs(),
        },
    )
