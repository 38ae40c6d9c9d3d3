"""Learning in the role matrix: queue."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
