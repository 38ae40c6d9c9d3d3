"""A person's development plan: actions linked to sub-areas, with due dates, status and links."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core import capability
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.skills import presenters, selectors, services
from lksworkforce.skills.forms import (
    PlanActionChangeForm,
    PlanActionForm,
    PlanActionRemoveForm,
    action_initial,
)
from lksworkforce.skills.models import PlanAction, SubArea

RECOMMENDED_ON_PLAN = 3  # learning recommended by the learning app, each addable in one step


def _sub_areas() -> list[SubArea]:
    framework = selectors.current_framework()
    return list(framework.sub_areas.order_by("position")) if framework else []


def _crumbs() -> list[dict[str, str]]:
    return [{"href": "/", "text": "Home"}, {"href": reverse("skills:home"), "text": "Skills"}]


@require_http_methods(["GET", "POST"])
@login_required
def plan(request: SignedInRequest) -> HttpResponse:
    form = PlanActionForm(request.POST or None, sub_areas=_sub_areas())
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_save(person=request.user, entry=form.entry())
        except services.SkillsError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, "The action is added to your plan.")
            return redirect("skills:plan")
    rows = presenters.plan_rows(selectors.plan_of(request.user))
    if export := request.GET.get("format"):
        return export_response(
            export, "development-plan", [c for c, _h, _n in presenters.PLAN_COLUMNS], rows, title="Development plan"
        )
    return render(
        request,
        "skills/plan.jinja",
        {
            "title": "Your development plan",
            "rows": rows,
            "recommended": capability.recommendations(request.user, None, RECOMMENDED_ON_PLAN),
            "columns": presenters.PLAN_COLUMNS,
            "form": form,
            "form_errors": form_error_list(form),
            "breadcrumbs": _crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_action(request: SignedInRequest, action_id: int) -> HttpResponse:
    action = selectors.plan_action_of(request.user, action_id)
    if action is None:
        raise Http404("No such action in your plan")
    form = PlanActionChangeForm(request.POST or None, initial=action_initial(action), sub_areas=_sub_areas())
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_save(
                person=request.user,
                entry=form.entry(),
                action=action,
                expected_version=form.cleaned_data["edit_version"],
            )
        except services.SkillsError as error:
            form.add_error(error.field, str(error))
        except StaleEdit as refused:
            stale, action = refused, _still_there(request, action_id)
        else:
            messages.success(request, "The action is saved.")
            return redirect("skills:plan")
    return _action_page(request, action, form, stale)


def _still_there(request: HttpRequest, action_id: int) -> PlanAction:
    action = selectors.plan_action_of(request.user, action_id)
    if action is None:
        raise Http404("This action was removed from your plan in another tab or window")
    return action


def _action_page(
    request: HttpRequest,
    action: PlanAction,
    form: PlanActionForm,
    stale: StaleEdit | None,
    refused: PlanActionRemoveForm | None = None,
) -> HttpResponse:
    """The page to change an action; `refused`: a removal without its version (a 400)."""
    problems = form_error_list(refused) if refused is not None else []
    return render(
        request,
        "skills/plan_action.jinja",
        {
            "title": "Change an action",
            "action": action,
            "form": form,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form) + problems,
            "breadcrumbs": [*_crumbs(), {"href": reverse("skills:plan"), "text": "Development plan"}],
        },
        status=400 if version_missing(form) or problems else 409 if stale else 200,
    )


@require_POST
@login_required
def plan_action_remove(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.plan_action_of(request.user, action_id)
    if action is None:
        raise Http404("No such action in your plan")
    form = PlanActionRemoveForm(request.POST)
    if not form.is_valid():
        edit_form = PlanActionChangeForm(initial=action_initial(action), sub_areas=_sub_areas())
        return _action_page(request, action, edit_form, None, refused=form)
    try:
        services.plan_action_remove(
            person=request.user, action=action, expected_version=form.cleaned_data["edit_version"]
        )
    except StaleEdit as stale:
        action = _still_there(request, action_id)
        edit_form = PlanActionChangeForm(initial=action_initial(action), sub_areas=_sub_areas())
        return _action_page(request, action, edit_form, stale)
    messages.success(request, "The action is removed from your plan.")
    return redirect("skills:plan")
