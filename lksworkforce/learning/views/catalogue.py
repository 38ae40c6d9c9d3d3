"""Learning pages: the catalogue's front page, resources and topics, and the curators' editing."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/home.jinja",
        {"title": "Learning", "breadcrumbs": [{"href": "/", "text": "Home"}]},
    )


urlpatterns: list[URLPattern] = [
    path("learning/", home, name="home"),
]
