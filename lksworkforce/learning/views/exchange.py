"""Learning pages: exchange."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
