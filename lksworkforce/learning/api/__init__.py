"""The learning catalogue over the API: one router per part, gathered here for the app contract."""

from ninja import Router

from lksworkforce.learning.api import catalogue, coverage, exchange, queue, recommendations, records, search, sheets

router = Router(tags=["Learning"])
for part in (catalogue, sheets, search, queue, exchange, records, recommendations, coverage):
    router.add_router("", part.router)
