"""Reads for the applications part, scoped to the viewer."""

from lksworkforce.core.capability import HomeItem, Viewer


def home_items(viewer: Viewer) -> list[HomeItem]:
    """Offers waiting for the viewer's answer, and applications waiting for their support as service manager. (A fixed few queries.)"""
    del viewer
    return []  # the applications part fills this in
