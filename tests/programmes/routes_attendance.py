"""Programmes in the role matrix: attendance."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
