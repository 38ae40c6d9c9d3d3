"""Learning in the role matrix: search."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
