"""Learning in the role matrix: coverage."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
