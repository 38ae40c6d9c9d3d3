"""The programmes pages, under /programmes/: each part's views module lists its own routes."""

from lksworkforce.programmes.views import (
    applications,
    attendance,
    certificates,
    equity,
    facilitators,
    feedback,
    selection,
    setup,
)

app_name = "programmes"
urlpatterns = [
    *setup.urlpatterns,
    *applications.urlpatterns,
    *selection.urlpatterns,
    *attendance.urlpatterns,
    *certificates.urlpatterns,
    *feedback.urlpatterns,
    *facilitators.urlpatterns,
    *equity.urlpatterns,
]
