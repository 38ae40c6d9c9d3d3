"""Learning in the role matrix: sheets."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={})
