"""What learning puts on a person's home page (the `home_tasks` extension point): the resource
sheets for people in bands 2 to 4, and learning recommended for them. A fixed few queries."""

from django.urls import reverse

from lksworkforce.core.capability import HomeItem, HomeSection, Viewer
from lksworkforce.learning.home_sheets import sheet_items
from lksworkforce.learning.recommend import recommended_items


def learning_for_you(viewer: Viewer) -> HomeSection | None:
    items = (*sheet_items(viewer), *recommended_items(viewer))
    browse = HomeItem("Browse and search the learning catalogue", reverse("learning:home"))
    return HomeSection("Learning", (*items, browse))
