"""Programmes in the role matrix: equity."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
