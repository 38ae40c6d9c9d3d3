"""Surveys in the role matrix: who gets what for every surveys URL and API operation."""

from tests.routes import AppRoutes

ROUTES = AppRoutes(expected={}, url_prefix="surveys:", api_prefix="/api/surveys")
