"""Learning in the role matrix: exchange."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
