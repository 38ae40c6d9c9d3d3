"""Programmes in the role matrix: applications."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
