"""/api/docs: the API's reference in the service's own layout (see core/api_reference.py), in place
of Swagger UI, which fails WCAG 2.2 AA and needs script to show anything."""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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
