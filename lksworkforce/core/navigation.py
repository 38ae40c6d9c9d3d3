"""The header navigation, shown according to the roles the signed-in person holds."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    permission: str | None = None  # a django-rules permission; None = any signed-in person
    section: bool = False  # current on every page under its address, not only its own


NAVIGATION = (
    NavItem("Staffing ratios", "staffing:dashboard"),
    NavItem("Skills", "skills:home", section=True),
    NavItem("Surveys", "surveys:list", section=True),
    NavItem("Organisations", "organisations:list"),
    NavItem("Regions", "organisations:region_list"),
    NavItem("People", "accounts:people", "accounts.view_people_list"),
    NavItem("Import", "organisations:import", "organisations.import_organisations"),
    NavItem("Your profile", "accounts:profile"),
)


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for item in NAVIGATION:
        if item.permission and not user.has_perm(item.permission):
            continue
        href = reverse(item.url_name)
        current = request.path == href or (href != "/" and item.section and request.path.startswith(href))
        items.append({"text": item.text, "href": href, "current": bool(current)})
    return items
