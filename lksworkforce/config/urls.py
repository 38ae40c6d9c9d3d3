from django.contrib import admin
from django.urls import include, path

from lksworkforce.config.api import api
from lksworkforce.core.api_docs import api_versions

urlpatterns = [
    path("", include("lksworkforce.core.urls")),
    path("", include("lksworkforce.accounts.urls")),
    path("", include("lksworkforce.organisations.urls")),
    path("", include("lksworkforce.staffing.urls")),
    path("", include("lksworkforce.skills.urls")),
    path("", include("lksworkforce.surveys.urls")),
    path("api/v1/", api.urls),
    path("api/", api_versions, name="api_versions"),
    path("admin/", admin.site.urls),
]

handler400 = "lksworkforce.core.views.error_400"
handler403 = "lksworkforce.core.views.error_403"
handler404 = "lksworkforce.core.views.error_404"
handler500 = "lksworkforce.core.views.error_500"
