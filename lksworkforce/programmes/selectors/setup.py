"""Reads for the setup part, scoped to the viewer."""

from lksworkforce.core.capability import HomeItem, Viewer


def home_items(viewer: Viewer) -> list[HomeItem]:
    """The viewer's next sessions, as cohort participant or facilitator. (A fixed few queries.)"""
    del viewer
    return []  # the setup part fills this in
