"""Recommendations for a person, as the `recommend` extension point gives them to other apps (the
skills gaps page and plan) and as the home page lists them. Scores in learning/scoring.py, reads in
learning/selectors/recommendations.py, sentences in learning/presenters/recommendations.py."""

from django.urls import reverse

from lksworkforce.core.capability import HomeItem, Recommendation, Viewer
from lksworkforce.learning.presenters.recommendations import reasons, shown_score
from lksworkforce.learning.scoring import Scored
from lksworkforce.learning.selectors.recommendations import ranked_for

HOME_ITEMS = 3


def as_recommendation(scored: Scored) -> Recommendation:
    return Recommendation(
        key=str(scored.resource.id),
        title=scored.resource.title,
        url=reverse("learning:resource", kwargs={"resource_id": scored.resource.id}),
        score=shown_score(scored),
        reasons=tuple(r.text for r in reasons(scored)),
        sub_area_ids=scored.resource.sub_area_ids,
    )


def recommend(viewer: Viewer, sub_area_ids: frozenset[int] | None, limit: int) -> list[Recommendation]:
    """The viewer's best `limit` recommendations, optionally only resources teaching one of
    `sub_area_ids`: a fixed number of queries, whatever the catalogue's size."""
    if viewer.pk is None or limit <= 0:
        return []
    return [as_recommendation(s) for s in ranked_for(viewer, sub_area_ids, limit).ranked]


def recommended_items(viewer: Viewer) -> tuple[HomeItem, ...]:
    """The home page's few recommendations, each with its strongest reason."""
    if viewer.pk is None:
        return ()
    items: tuple[HomeItem, ...] = ()
    for scored in ranked_for(viewer, None, HOME_ITEMS).ranked:
        strongest = max(reasons(scored), key=lambda r: r.points)  # a recommendation has a reason
        url = reverse("learning:resource", kwargs={"resource_id": scored.resource.id})
        items += (HomeItem(f"Recommended: {scored.resource.title}", url, hint=strongest.text),)
    if items:
        items += (HomeItem("All your recommended learning, and why", reverse("learning:recommendations")),)
    return items
