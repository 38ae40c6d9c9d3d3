"""An organisation's annual returns: view, upload, edit a draft, submit, publish, correct."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.params import ParamError, parse_int
from lksworkforce.core.problems import Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.core.views import ExplainedNotFound
from lksworkforce.organisations import selectors as organisation_selectors
from lksworkforce.organisations.models import Organisation
from lksworkforce.staffing import presenters, selectors, services
from lksworkforce.staffing.forms import ImpactForm, PostForm, ReturnUploadForm, ReturnVersionForm
from lksworkforce.staffing.models import LksReturn
from lksworkforce.staffing.return_years import return_year_problem, years_to_offer

# Versions of one year's return: a correction makes a new one; no return has a thousand.
MOST_VERSIONS = 1000


def _organisation(request: HttpRequest, ods_code: str, permission: str = "staffing.view_returns") -> Organisation:
    organisation = organisation_selectors.organisation_detail(request.user, ods_code)
    if organisation is None:
        raise Http404("No such organisation")
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied("You do not oversee this organisation")
    return organisation


def _return(organisation: Organisation, year: int, version: int | None = None) -> LksReturn | None:
    returns = [r for r in selectors.returns_of(organisation) if r.year == year]
    if version is not None:
        return next((r for r in returns if r.version == version), None)
    return returns[0] if returns else None


def _back_to_return(request: HttpRequest, organisation: Organisation, year: int, done: str) -> HttpResponse:
    """After a change: say what was done, and show the return again (post/redirect/get)."""
    messages.success(request, done)
    return redirect("staffing:return", ods_code=organisation.ods_code, year=year)


@require_GET
@login_required
def return_list(request: HttpRequest, ods_code: str) -> HttpResponse:
    organisation = _organisation(request, ods_code)
    return render(
        request,
        "staffing/returns.jinja",
        {
            "title": f"{organisation.name}: annual returns",
            "organisation": organisation,
            "returns": selectors.returns_of(organisation),
            "can_edit": request.user.has_perm("staffing.edit_return", organisation),
            "years": years_to_offer(timezone.localdate()),
            "breadcrumbs": [
                {"href": "/", "text": "Home"},
                {"href": f"/staffing/organisations/{organisation.ods_code}/", "text": organisation.name},
            ],
        },
    )


def _return_page(
    request: HttpRequest, organisation: Organisation, year: int, *, stale: StaleEdit | None = None, **extra: Any
) -> HttpResponse:
    year_problem = return_year_problem(year, timezone.localdate())
    if year_problem is not None:
        extra.setdefault("workflow_error", year_problem)
    try:
        version = parse_int(request.GET.get("version"), minimum=1, maximum=MOST_VERSIONS, default=0, what="The version")
    except ParamError as problem:
        raise ExplainedNotFound(f"{problem}. There is no such version of the return for {year}.") from None
    lks_return = None if year_problem else _return(organisation, year, version or None)
    if version and lks_return is None and not year_problem:
        raise ExplainedNotFound(f"There is no version {version} of the return for {year}.")
    latest = None if year_problem else _return(organisation, year)
    post_form = extra.pop("post_form", None) or PostForm()
    upload_form = extra.pop("upload_form", None) or ReturnUploadForm()
    impact_form = extra.pop("impact_form", None) or ImpactForm(
        initial={"impact_summary": lks_return.impact_summary if lks_return else ""}
    )
    version_form = extra.pop("version_form", None)
    forms = (post_form, upload_form, impact_form, *([version_form] if version_form else []))
    status = 400 if any(version_missing(f) for f in forms) else 409 if stale else 200
    return render(
        request,
        "staffing/return.jinja",
        {
            "title": f"{organisation.name}: return for {year}",
            "organisation": organisation,
            "year": year,
            "lks_return": lks_return,
            "posts": list(lks_return.posts.all()) if lks_return else [],
            "breakdown": presenters.breakdown_rows(selectors.staff_breakdown(lks_return, "band")),
            "can_edit": year_problem is None and request.user.has_perm("staffing.edit_return", organisation),
            "can_publish": request.user.has_perm("staffing.publish_return", lks_return),
            "post_form": post_form,
            "upload_form": upload_form,
            "impact_form": impact_form,
            # Every form on the page changes the year's return, from the version the page shows.
            "year_version": latest.edit_version if latest else 0,
            "stale": stale,
            "form_errors": stale_error_list(stale) + [e for f in forms for e in form_error_list(f)],
            "breadcrumbs": [
                {"href": "/", "text": "Home"},
                {"href": f"/staffing/organisations/{organisation.ods_code}/", "text": organisation.name},
                {"href": f"/staffing/organisations/{organisation.ods_code}/returns/", "text": "Annual returns"},
            ],
            **extra,
        },
        status=status,
    )


@require_GET
@login_required
def return_detail(request: HttpRequest, ods_code: str, year: int) -> HttpResponse:
    return _return_page(request, _organisation(request, ods_code), year)


@require_POST
@login_required
def return_upload(request: HttpRequest, ods_code: str, year: int) -> HttpResponse:
    organisation = _organisation(request, ods_code, "staffing.edit_return")
    form = ReturnUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _return_page(request, organisation, year, upload_form=form)
    upload = form.cleaned_data["file"]
    try:
        services.lks_return_upload(
            organisation=organisation,
            year=year,
            data=upload_bytes(upload),
            filename=upload.name,
            expected_version=form.cleaned_data["edit_version"],
            actor=request.user,
        )
    except Rejected as rejected:
        return _return_page(request, organisation, year, import_errors=rejected)
    except services.WorkflowError as error:
        return _return_page(request, organisation, year, workflow_error=str(error))
    except StaleEdit as stale:
        return _return_page(request, organisation, year, stale=stale)
    return _back_to_return(request, organisation, year, "Posts uploaded to the draft return")


@require_POST
@login_required
def post_add(request: HttpRequest, ods_code: str, year: int) -> HttpResponse:
    organisation = _organisation(request, ods_code, "staffing.edit_return")
    form = PostForm(request.POST)
    if not form.is_valid():
        return _return_page(request, organisation, year, post_form=form)
    values = {k: v for k, v in form.cleaned_data.items() if k != "edit_version"}
    try:
        services.lks_post_add(
            organisation=organisation,
            year=year,
            values=values,
            expected_version=form.cleaned_data["edit_version"],
            actor=request.user,
        )
    except services.WorkflowError as error:
        return _return_page(request, organisation, year, workflow_error=str(error))
    except StaleEdit as stale:
        return _return_page(request, organisation, year, stale=stale, post_form=form)
    return _back_to_return(request, organisation, year, "Post added")


@require_POST
@login_required
def post_remove(request: HttpRequest, ods_code: str, year: int, post_id: int) -> HttpResponse:
    organisation = _organisation(request, ods_code, "staffing.edit_return")
    lks_return = _return(organisation, year)
    post = lks_return.posts.filter(pk=post_id).first() if lks_return else None
    if post is None:
        raise Http404("No such post")
    form = ReturnVersionForm(request.POST)
    if not form.is_valid():
        return _return_page(request, organisation, year, version_form=form)
    try:
        services.lks_post_remove(post=post, expected_version=form.cleaned_data["edit_version"], actor=request.user)
    except services.WorkflowError as error:
        return _return_page(request, organisation, year, workflow_error=str(error))
    except StaleEdit as stale:
        return _return_page(request, organisation, year, stale=stale)
    return _back_to_return(request, organisation, year, "Post removed")


@require_POST
@login_required
def impact_update(request: HttpRequest, ods_code: str, year: int) -> HttpResponse:
    organisation = _organisation(request, ods_code, "staffing.edit_return")
    form = ImpactForm(request.POST)
    lks_return = _return(organisation, year)
    if lks_return is None:
        return _return_page(
            request, organisation, year, workflow_error="Start the return before writing its impact summary."
        )
    if not form.is_valid():
        return _return_page(request, organisation, year, impact_form=form)
    try:
        services.lks_return_update_impact(
            lks_return=lks_return,
            impact_summary=form.cleaned_data["impact_summary"],
            expected_version=form.cleaned_data["edit_version"],
            actor=request.user,
        )
    except services.WorkflowError as error:
        return _return_page(request, organisation, year, workflow_error=str(error))
    except StaleEdit as stale:
        return _return_page(request, organisation, year, stale=stale, impact_form=form)
    return _back_to_return(request, organisation, year, "Impact summary saved")


# Submitting is checked against the organisation; publishing and sending back against the return,
# whose year says which regional lead may.
_ACTIONS = {
    "submit": ("staffing.edit_return", services.lks_return_submit, "Return submitted for publication"),
    "publish": ("staffing.publish_return", services.lks_return_publish, "Return published: the figures now use it"),
    "reopen": ("staffing.publish_return", services.lks_return_reopen, "Return sent back to draft"),
}
_CHECKED_ON_THE_RETURN = {"staffing.publish_return"}


@require_POST
@login_required
def return_action(request: HttpRequest, ods_code: str, year: int, action: str) -> HttpResponse:
    form = ReturnVersionForm(request.POST)
    if action == "correct":
        organisation = _organisation(request, ods_code, "staffing.edit_return")
        if not form.is_valid():
            return _return_page(request, organisation, year, version_form=form)
        try:
            services.lks_return_open_draft(
                organisation=organisation,
                year=year,
                expected_version=form.cleaned_data["edit_version"],
                actor=request.user,
            )
        except services.WorkflowError as error:
            return _return_page(request, organisation, year, workflow_error=str(error))
        except StaleEdit as stale:
            return _return_page(request, organisation, year, stale=stale)
        return _back_to_return(
            request, organisation, year, "Correction started: a new draft version copies the published return"
        )
    if action not in _ACTIONS:
        raise Http404("No such action")
    permission, service, done = _ACTIONS[action]
    on_the_return = permission in _CHECKED_ON_THE_RETURN
    organisation = _organisation(request, ods_code, "staffing.view_returns" if on_the_return else permission)
    lks_return = _return(organisation, year)
    if lks_return is None:
        raise Http404("No return for that year")
    if on_the_return and not request.user.has_perm(permission, lks_return):
        raise PermissionDenied(f"You do not lead the region {organisation.name} was in for {year}")
    if not form.is_valid():
        return _return_page(request, organisation, year, version_form=form)
    try:
        service(lks_return=lks_return, expected_version=form.cleaned_data["edit_version"], actor=request.user)
    except services.WorkflowError as error:
        return _return_page(request, organisation, year, workflow_error=str(error))
    except StaleEdit as stale:
        return _return_page(request, organisation, year, stale=stale)
    return _back_to_return(request, organisation, year, done)
