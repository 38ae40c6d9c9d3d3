"""The resource sheets on the home page of people in bands 2 to 4 (part A: catalogue and sheets)."""

from lksworkforce.core.capability import HomeItem, Viewer


def sheet_items(viewer: Viewer) -> tuple[HomeItem, ...]:  # noqa: ARG001 - part A
    return ()
