"""What each part puts on a person's home page (a fixed few queries each). Parts fill in their own."""

from lksworkforce.core.capability import HomeItem, Viewer


def application_items(viewer: Viewer) -> list[HomeItem]:  # noqa: ARG001
    """Offers to answer, and applications waiting for the viewer's support (applications part)."""
    return []


def session_items(viewer: Viewer) -> list[HomeItem]:  # noqa: ARG001
    """The viewer's next sessions (setup part)."""
    return []


def feedback_items(viewer: Viewer) -> list[HomeItem]:  # noqa: ARG001
    """Feedback and follow-ups waiting for the viewer (feedback part)."""
    return []
