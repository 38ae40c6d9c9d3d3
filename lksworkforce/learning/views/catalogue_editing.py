"""The curators' pages: add and change resources (with what they teach), publish or retire them,
add and change topics and curate a topic's list. Others get 403. Every save is from the version
the curator saw; a stale one is refused (409) with what changed since."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import field_error, form_error_list, stale_error_list, version_missing
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.forms.catalogue import (
    ResourceForm,
    StatusForm,
    TopicForm,
    TopicListForm,
    resource_initial,
)
from lksworkforce.learning.models import Resource, Topic
from lksworkforce.learning.selectors import catalogue as selectors
from lksworkforce.learning.services import catalogue as services
from lksworkforce.learning.services import catalogue_topics as topic_services

type View = Callable[..., HttpResponse]


def curator_only(view: View) -> View:
    """Signed in (else the sign-in page), and a curator (else 403)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("learning.curate"):
            raise PermissionDenied("Only curators change the catalogue")
        return view(request, *args, **kwargs)

    return login_required(checked)


def _crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [{"href": "/", "text": "Home"}, {"href": reverse("learning:home"), "text": "Learning"}] + [
        {"href": href, "text": text} for href, text in more
    ]


def _resource_form(data: Any, resource: Resource | None) -> ResourceForm:
    entry = services.as_input(resource) if resource is not None else None
    also = [t.sub_area_id for t in entry.teaches] if entry else []
    return ResourceForm(
        data,
        initial=resource_initial(entry, resource.edit_version if resource else 0),
        sub_areas=selectors.sub_area_choices(also),
        levels=selectors.level_choices(),
        roles=selectors.role_choices(),
        topics=selectors.topic_choices(),
    )


def _resource_page(
    request: HttpRequest,
    form: ResourceForm,
    resource: Resource | None,
    stale: StaleEdit | None = None,
    refused: StatusForm | None = None,
) -> HttpResponse:
    """The resource form; `refused`: a change of status without its version or a known status (400)."""
    problems = form_error_list(refused) if refused is not None else []
    heading = f"Change “{resource.title}”" if resource else "Add a resource"
    more = [(reverse("learning:resource", args=[resource.pk]), resource.title)] if resource else []
    return render(
        request,
        "learning/resource_form.jinja",
        {
            "title": heading,
            "form": form,
            "resource": resource,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form) + problems,
            "breadcrumbs": _crumbs(*more),
        },
        status=400 if version_missing(form) or problems else 409 if stale else 200,
    )


@require_http_methods(["GET", "POST"])
@curator_only
def resource_new(request: HttpRequest) -> HttpResponse:
    form = _resource_form(request.POST or None, None)
    if request.method == "POST" and not form.is_valid():
        _every_problem(form, None)
    elif request.method == "POST":
        try:
            created = services.resource_create(actor=request.user, entry=form.entry())
        except Rejected as rejected:
            form.add_problems(rejected.problems)
        else:
            messages.success(
                request, f"“{created.title}” is added to the catalogue as {created.get_status_display().lower()}."
            )
            return redirect("learning:resource", resource_id=created.pk)
    return _resource_page(request, form, None)


def _every_problem(form: ResourceForm, resource: Resource | None) -> None:
    """A form the page could not read whole: the service's problems with the rest too, so every
    problem is said at once (not one after another as each is fixed)."""
    if not version_missing(form):
        entry = form.entry().tidied()
        form.add_problems(services.resource_problems(entry, other_than=resource.pk if resource else None))


def _to_edit(resource_id: int) -> Resource:
    found = selectors.resource_to_edit(resource_id)
    if found is None:
        raise Http404("No such resource")
    return found


@require_http_methods(["GET", "POST"])
@curator_only
def resource_edit(request: HttpRequest, resource_id: int) -> HttpResponse:
    found = _to_edit(resource_id)
    form = _resource_form(request.POST or None, found)
    stale = None
    if request.method == "POST" and not form.is_valid():
        _every_problem(form, found)
    elif request.method == "POST":
        try:
            services.resource_update(
                actor=request.user,
                resource=found,
                entry=form.entry(),
                expected_version=form.cleaned_data["edit_version"],
            )
        except Rejected as rejected:
            form.add_problems(rejected.problems)
        except StaleEdit as refused:
            stale, found = refused, _to_edit(resource_id)
            form = _resource_form(request.POST, found)  # the values they sent, under the saved version
            form.is_valid()
        else:
            messages.success(request, "The resource is saved.")
            return redirect("learning:resource", resource_id=found.pk)
    return _resource_page(request, form, found, stale)


@require_POST
@curator_only
def resource_status(request: HttpRequest, resource_id: int) -> HttpResponse:
    found = _to_edit(resource_id)
    form = StatusForm(request.POST)
    if not form.is_valid():  # no version, or a status that is not one: nothing changed
        return _resource_page(request, _resource_form(None, found), found, refused=form)
    try:
        changed = services.resource_set_status(
            actor=request.user,
            resource=found,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["edit_version"],
        )
    except StaleEdit as stale:
        edit_form = _resource_form(None, _to_edit(resource_id))
        return _resource_page(request, edit_form, _to_edit(resource_id), stale)
    messages.success(request, f"The resource is now {changed.get_status_display().lower()}.")
    return redirect("learning:resource", resource_id=found.pk)


# Topics ----------------------------------------------------------------------------------------


def _topic(slug: str) -> Topic:
    found = selectors.topic_by_slug(slug)
    if found is None:
        raise Http404("No such topic")
    return found


def _topic_page(
    request: HttpRequest,
    form: TopicForm,
    topic: Topic | None,
    stale: StaleEdit | None = None,
    list_form: TopicListForm | None = None,
) -> HttpResponse:
    more = [(reverse("learning:topics"), "Topics")]
    if topic is not None:
        more.append((reverse("learning:topic", args=[topic.slug]), topic.name))
    list_errors = form_error_list(list_form) if list_form is not None else []
    return render(
        request,
        "learning/topic_form.jinja",
        {
            "title": f"Change the topic “{topic.name}”" if topic else "Add a topic",
            "form": form,
            "topic": topic,
            "entries": selectors.topic_entries(topic, published_only=False) if topic else [],
            "stale": stale,
            "list_error": field_error(list_form, "resource") if list_form is not None else None,
            "form_errors": stale_error_list(stale) + form_error_list(form) + list_errors,
            "breadcrumbs": _crumbs(*more),
        },
        status=400 if version_missing(form) or (list_form and version_missing(list_form)) else 409 if stale else 200,
    )


@require_http_methods(["GET", "POST"])
@curator_only
def topic_new(request: HttpRequest) -> HttpResponse:
    form = TopicForm(request.POST or None, initial={"edit_version": 0})
    if request.method == "POST" and form.is_valid():
        try:
            created = topic_services.topic_create(actor=request.user, entry=form.entry())
        except Rejected as rejected:
            form.add_problems(rejected)
        else:
            messages.success(request, f"The topic “{created.name}” is added.")
            return redirect("learning:topic_edit", slug=created.slug)
    return _topic_page(request, form, None)


def _topic_initial(topic: Topic) -> dict[str, Any]:
    return {
        "edit_version": topic.edit_version,
        "name": topic.name,
        "introduction": topic.introduction,
        "slug": topic.slug,
    }


@require_http_methods(["GET", "POST"])
@curator_only
def topic_edit(request: HttpRequest, slug: str) -> HttpResponse:
    found = _topic(slug)
    form = TopicForm(request.POST or None, initial=_topic_initial(found))
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            topic_services.topic_update(
                actor=request.user, topic=found, entry=form.entry(), expected_version=form.cleaned_data["edit_version"]
            )
        except Rejected as rejected:
            form.add_problems(rejected)
        except StaleEdit as refused:
            stale, found = refused, _topic(slug)
        else:
            messages.success(request, "The topic is saved.")
            return redirect("learning:topic", slug=found.slug)
    return _topic_page(request, form, found, stale)


LIST_CHANGES = {
    "add": lambda **kw: topic_services.topic_add_resource(**kw),
    "remove": lambda **kw: topic_services.topic_remove_resource(**kw),
    "up": lambda **kw: topic_services.topic_move_resource(step=-1, **kw),
    "down": lambda **kw: topic_services.topic_move_resource(step=1, **kw),
}
LIST_DONE = {
    "add": "The resource is added to the topic.",
    "remove": "The resource is removed from the topic.",
    "up": "The resource is moved up.",
    "down": "The resource is moved down.",
}


@require_POST
@curator_only
def topic_list(request: HttpRequest, slug: str) -> HttpResponse:
    found = _topic(slug)
    form = TopicListForm(request.POST)
    topic_form = TopicForm(initial=_topic_initial(found))
    if not form.is_valid():
        return _topic_page(request, topic_form, found, list_form=form)
    action = form.cleaned_data["action"]
    try:
        LIST_CHANGES[action](
            actor=request.user,
            topic=found,
            resource_id=form.cleaned_data["resource"],
            expected_version=form.cleaned_data["edit_version"],
        )
    except Rejected as rejected:
        for problem in rejected.problems:
            form.add_error("resource", problem.reason)
        return _topic_page(request, topic_form, found, list_form=form)
    except StaleEdit as stale:
        found = _topic(slug)
        return _topic_page(request, TopicForm(initial=_topic_initial(found)), found, stale)
    messages.success(request, LIST_DONE[action])
    return redirect("learning:topic_edit", slug=found.slug)
