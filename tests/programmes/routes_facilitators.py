"""Programmes in the role matrix: facilitators."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
