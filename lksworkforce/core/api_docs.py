"""/api/v1/docs: the API's reference in the service's own layout (see core/api_reference.py), in place
of Swagger UI, which fails WCAG 2.2 AA and needs script to show anything."""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from ninja.openapi.docs import DocsBase

from lksworkforce.core import api_reference

if TYPE_CHECKING:
    from ninja import NinjaAPI


class ServiceApiDocs(DocsBase):
    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema()
        return render(
            request,
            "core/api_docs.jinja",
            {
                "title": schema["info"]["title"],
                "description": schema["info"].get("description", ""),
                "version": schema["info"].get("version", ""),
                "openapi_url": self.get_openapi_url(api, kwargs),
                "tags": api_reference.operations_by_tag(schema),
                "schemas": api_reference.schema_docs(schema),
                "breadcrumbs": [{"href": "/", "text": "Home"}],
            },
        )


# The versions of the API a program can use, newest first (README "API": what a breaking change is).
API_VERSIONS = ({"version": "1", "url": "/api/v1/", "openapi": "/api/v1/openapi.json", "docs": "/api/v1/docs"},)


@require_GET
def api_versions(request: HttpRequest) -> JsonResponse:  # noqa: ARG001 - a view
    """/api/: no operations, only where each version is, so that a program finds v1 and a later v2
    can be added beside it without moving anything."""
    return JsonResponse({"versions": list(API_VERSIONS)})
