"""Skills in the role matrix: who gets what for every skills URL and API operation."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={}, url_prefix="skills:", api_prefix="/api/skills")
