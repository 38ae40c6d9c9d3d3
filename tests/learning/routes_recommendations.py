"""Learning in the role matrix: recommendations."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
