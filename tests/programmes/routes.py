"""Programmes in the role matrix: each part's table (routes_<part>.py), answered together."""

from tests.programmes import (
    routes_applications,
    routes_attendance,
    routes_certificates,
    routes_equity,
    routes_facilitators,
    routes_feedback,
    routes_selection,
    routes_setup,
)
from tests.routes import AppRoutes, joined

PARTS: tuple[AppRoutes, ...] = tuple(
    module.ROUTES
    for module in (
        routes_setup,
        routes_applications,
        routes_selection,
        routes_attendance,
        routes_certificates,
        routes_feedback,
        routes_facilitators,
        routes_equity,
    )
)


ROUTES = joined(PARTS, "programmes")
