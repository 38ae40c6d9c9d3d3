"""Programmes in the role matrix: selection."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
