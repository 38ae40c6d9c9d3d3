"""Learning pages in the browser walk (axe, CSP, fonts): the resource sheets, and for curators the
editing pages (with a search that finds a resource to add)."""

from lksworkforce.learning.models import SheetEntry
from lksworkforce.learning.vocabulary import SheetKind
from tests.conftest import World
from tests.learning.routes_sheets import prepare


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    prepare(world)
    pages = [("/learning/sheets/", 200), ("/learning/sheets/activities/", 200), ("/learning/sheets/cpd/", 200)]
    if role == "curator":
        entry = SheetEntry.objects.filter(sheet__kind=SheetKind.ACTIVITIES).first()
        assert entry is not None
        pages += [
            ("/learning/sheets/activities/edit/", 200),
            ("/learning/sheets/cpd/edit/?q=matrix", 200),
            (f"/learning/sheets/activities/entries/{entry.pk}/", 200),
        ]
    return pages
