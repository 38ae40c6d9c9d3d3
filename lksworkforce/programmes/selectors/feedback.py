"""Reads for the feedback part, scoped to the viewer."""

from lksworkforce.core.capability import HomeItem, Viewer


def home_items(viewer: Viewer) -> list[HomeItem]:
    """Reaction feedback and follow-ups waiting for the viewer. (A fixed few queries.)"""
    del viewer
    return []  # the feedback part fills this in
