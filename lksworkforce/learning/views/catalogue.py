"""Learning pages: the catalogue's front page, resources and topics; the curators' editing pages
are in catalogue_editing.py and listed here too, so the app's urls.py names one module per part."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from lksworkforce.learning.presenters import catalogue as presenters
from lksworkforce.learning.selectors import catalogue as selectors
from lksworkforce.learning.views import catalogue_editing as editing
from lksworkforce.learning.vocabulary import ResourceStatus

SEARCH_PATH = "/learning/search/"  # the search part's page; named by path so this part stands alone


def crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [{"href": "/", "text": "Home"}, {"href": reverse("learning:home"), "text": "Learning"}] + [
        {"href": href, "text": text} for href, text in more
    ]


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    curator = selectors.may_curate(request.user)
    return render(
        request,
        "learning/home.jinja",
        {
            "title": "Learning",
            "search_path": SEARCH_PATH,
            "topics": selectors.topics(),
            "newest": presenters.resource_rows(selectors.newest_published()),
            "curator": curator,
            "sees_coverage": request.user.has_perm("learning.view_coverage"),
            "sees_aggregates": request.user.has_perm("learning.view_record_aggregates"),
            "sets_weights": request.user.has_perm("learning.set_weights"),
            "drafts": presenters.resource_rows(selectors.newest_drafts()) if curator else [],
            "draft_count": selectors.draft_count() if curator else 0,
            "breadcrumbs": [{"href": "/", "text": "Home"}],
        },
    )


@require_GET
@login_required
def resource(request: HttpRequest, resource_id: int) -> HttpResponse:
    found = selectors.resource_for(request.user, resource_id)
    if found is None:
        raise Http404("No such resource")
    curator = selectors.may_curate(request.user)
    return render(
        request,
        "learning/resource.jinja",
        {
            "title": found.title,
            "resource": found,
            "facts": presenters.resource_facts(found, curator=curator),
            "retired": found.status == ResourceStatus.RETIRED,
            "draft": found.status == ResourceStatus.DRAFT,
            "curator": curator,
            "review_overdue": curator and presenters.review_overdue(found, timezone.localdate()),
            "statuses": [s for s in ResourceStatus if s != found.status],
            "breadcrumbs": crumbs(),
        },
    )


@require_GET
@login_required
def topics(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/topics.jinja",
        {
            "title": "Topics",
            "topics": selectors.topics(),
            "curator": selectors.may_curate(request.user),
            "breadcrumbs": crumbs(),
        },
    )


@require_GET
@login_required
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.topic_by_slug(slug)
    if found is None:
        raise Http404("No such topic")
    entries = selectors.topic_entries(found)
    return render(
        request,
        "learning/topic.jinja",
        {
            "title": found.name,
            "topic": found,
            "resources": presenters.resource_rows([e.resource for e in entries]),
            "curator": selectors.may_curate(request.user),
            "breadcrumbs": crumbs((reverse("learning:topics"), "Topics")),
        },
    )


urlpatterns: list[URLPattern] = [
    path("learning/", home, name="home"),
    path("learning/resources/new/", editing.resource_new, name="resource_new"),
    path("learning/resources/<int:resource_id>/", resource, name="resource"),
    path("learning/resources/<int:resource_id>/edit/", editing.resource_edit, name="resource_edit"),
    path("learning/resources/<int:resource_id>/status/", editing.resource_status, name="resource_status"),
    path("learning/topics/", topics, name="topics"),
    path("learning/topics/new/", editing.topic_new, name="topic_new"),
    path("learning/topics/<slug:slug>/", topic, name="topic"),
    path("learning/topics/<slug:slug>/edit/", editing.topic_edit, name="topic_edit"),
    path("learning/topics/<slug:slug>/resources/", editing.topic_list, name="topic_list"),
]
