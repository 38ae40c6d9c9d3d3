"""Programmes pages: attendance."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
