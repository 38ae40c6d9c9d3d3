"""Programmes pages: facilitators."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
