"""The programmes' part of a person's home page: each part's items, in one section."""

from lksworkforce.core.capability import HomeItem, HomeSection, Viewer
from lksworkforce.programmes.services.home_items import (
    application_items,
    feedback_items,
    session_items,
)


def programmes_for_you(viewer: Viewer) -> HomeSection | None:
    items: list[HomeItem] = [*application_items(viewer), *session_items(viewer), *feedback_items(viewer)]
    return HomeSection("Programmes", tuple(items)) if items else None
