"""Learning in the role matrix: records."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
