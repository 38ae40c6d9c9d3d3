"""The learning pages, under /learning/: each part's views module lists its own routes."""

from lksworkforce.learning.views import (
    catalogue,
    coverage,
    exchange,
    queue,
    recommendations,
    records,
    search,
    sheets,
)

app_name = "learning"
urlpatterns = [
    *catalogue.urlpatterns,
    *sheets.urlpatterns,
    *search.urlpatterns,
    *queue.urlpatterns,
    *exchange.urlpatterns,
    *records.urlpatterns,
    *recommendations.urlpatterns,
    *coverage.urlpatterns,
]
