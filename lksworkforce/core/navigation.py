"""The header navigation: every capability's entries (core/capability.py), shown according to the
permissions the signed-in person holds."""

from django.http import HttpRequest
from django.urls import reverse

from lksworkforce.core.capability import navigation_entries


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items: list[dict[str, object]] = []
    for item in navigation_entries():
        if item.permission and not user.has_perm(item.permission):
            continue
        href = reverse(item.url_name)
        current = request.path == href or (href != "/" and item.section and request.path.startswith(href))
        items.append({"text": item.text, "href": href, "current": bool(current)})
    return items
