"""Programmes in the role matrix: certificates."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
