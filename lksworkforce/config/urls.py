"""The site's URLs: every capability's URLconf at the root, in INSTALLED_APPS order (core/capability.py),
then the API and Django's admin."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from lksworkforce.config.api import api
from lksworkforce.core.api_docs import api_versions
from lksworkforce.core.capability import capabilities

urlpatterns: list[URLPattern | URLResolver] = [
    *(path("", include(capability.urls)) for capability in capabilities() if capability.urls),
    path("api/v1/", api.urls),
    path("api/", api_versions, name="api_versions"),
    path("admin/", admin.site.urls),
]

handler400 = "lksworkforce.core.views.error_400"
handler403 = "lksworkforce.core.views.error_403"
handler404 = "lksworkforce.core.views.error_404"
handler500 = "lksworkforce.core.views.error_500"
