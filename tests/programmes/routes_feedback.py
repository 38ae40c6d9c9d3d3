"""Programmes in the role matrix: feedback."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
