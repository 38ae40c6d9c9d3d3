"""Learning in the role matrix: each part's table (routes_<part>.py), answered together."""

from tests.learning import (
    routes_catalogue,
    routes_coverage,
    routes_exchange,
    routes_queue,
    routes_recommendations,
    routes_records,
    routes_search,
    routes_sheets,
)
from tests.routes import AppRoutes, joined

PARTS: tuple[AppRoutes, ...] = tuple(
    module.ROUTES
    for module in (
        routes_catalogue,
        routes_sheets,
        routes_search,
        routes_queue,
        routes_exchange,
        routes_records,
        routes_recommendations,
        routes_coverage,
    )
)


ROUTES = joined(PARTS, "learning")
