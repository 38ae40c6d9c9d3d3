"""Learning pages: the catalogue's front page, resources and topics, and the curators' editing."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from lksworkforce.learning.models import Resource, Topic
from lksworkforce.learning.vocabulary import ResourceStatus


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/home.jinja",
        {"title": "Learning", "breadcrumbs": [{"href": "/", "text": "Home"}]},
    )


@require_GET
@login_required
def resource(request: HttpRequest, resource_id: int) -> HttpResponse:
    found = Resource.objects.filter(pk=resource_id).exclude(status=ResourceStatus.DRAFT).first()
    if found is None:
        raise Http404("No such resource")
    return render(request, "learning/resource.jinja", {"title": found.title, "resource": found})


@require_GET
@login_required
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = Topic.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No such topic")
    return render(request, "learning/topic.jinja", {"title": found.name, "topic": found})


urlpatterns: list[URLPattern] = [
    path("learning/", home, name="home"),
    path("learning/resources/<int:resource_id>/", resource, name="resource"),
    path("learning/topics/<slug:slug>/", topic, name="topic"),
]
