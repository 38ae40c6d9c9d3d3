from typing import Any

from django.conf import settings
from django.http import HttpRequest

from lksworkforce.core.navigation import navigation_for


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation_items": navigation_for(request),
    }
