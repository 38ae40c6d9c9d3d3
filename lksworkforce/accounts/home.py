"""What accounts puts on a person's home page (the `home_tasks` extension point): the roles they hold."""

from typing import cast

from lksworkforce.accounts.models import User
from lksworkforce.accounts.selectors import roles_summary
from lksworkforce.core.capability import HomeItem, HomeSection, Viewer

NO_ROLES = "You have no roles yet. Ask your service manager to add you to your organisation."


def your_roles(viewer: Viewer) -> HomeSection:
    """A sentence for each role the person holds (their organisation, then their memberships)."""
    items = tuple(HomeItem(text) for text in roles_summary(cast(User, viewer)))
    return HomeSection("Your roles", items, empty=NO_ROLES)
