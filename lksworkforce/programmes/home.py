"""The programmes' part of a person's home page: each part's items, in one section."""

from lksworkforce.core.capability import HomeItem, HomeSection, Viewer
from lksworkforce.programmes.selectors import applications, attendance, feedback, setup


def programmes_for_you(viewer: Viewer) -> HomeSection | None:
    items: list[HomeItem] = [
        *applications.home_items(viewer),
        *attendance.home_items(viewer),
        *setup.home_items(viewer),
        *feedback.home_items(viewer),
    ]
    return HomeSection("Programmes", tuple(items)) if items else None
