"""Programmes pages: the programmes home (the list of programmes), to be built by the setup part."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "programmes/home.jinja", {})


urlpatterns: list[URLPattern] = [path("programmes/", home, name="home")]
