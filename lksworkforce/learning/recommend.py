"""Recommendations for a person, as the `recommend` extension point gives them to other apps
(part F: scoring in learning/scoring.py, reads in learning/selectors/recommendations.py)."""

from lksworkforce.core.capability import HomeItem, Recommendation, Viewer


def recommend(viewer: Viewer, sub_area_ids: frozenset[int] | None, limit: int) -> list[Recommendation]:  # noqa: ARG001 - part F
    return []


def recommended_items(viewer: Viewer) -> tuple[HomeItem, ...]:  # noqa: ARG001 - part F
    """The home page's few recommendations."""
    return ()
