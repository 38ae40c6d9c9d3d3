"""Learning pages in the browser walk (axe, CSP, fonts): suggesting, your suggestions, and (for
curators) the queue with items in it and one item of each sort the page lays out differently."""

import datetime as dt

from lksworkforce.learning.models import Resource, Suggestion
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus, SuggestionKind
from tests.conftest import World


def _walk_items(world: World) -> list[Suggestion]:
    held, _ = Resource.objects.get_or_create(
        title="Walk: appraising evidence",
        defaults={
            "kind": ResourceKind.E_LEARNING,
            "url": "https://learning.example.invalid/walk-appraising",
            "added_on": dt.date(2026, 1, 5),
            "status": ResourceStatus.PUBLISHED,
        },
    )
    wanted = [
        {
            "kind": SuggestionKind.NEW_RESOURCE,
            "title": "Walk: appraising evidence",
            "url": held.url,
            "suggested_by": world.staff,
        },
        {"kind": SuggestionKind.BROKEN_LINK, "title": held.title, "resource": held, "details": "HTTP 404"},
        {"kind": SuggestionKind.REVIEW_DUE, "title": held.title, "resource": held, "details": "Review due"},
    ]
    return [Suggestion.objects.get_or_create(kind=w["kind"], title=w["title"], defaults=w)[0] for w in wanted]


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    items = _walk_items(world)
    pages = [
        ("/learning/suggest/", 200),
        (f"/learning/suggest/?resource={items[1].resource_id}", 200),
        ("/learning/suggestions/", 200),
    ]
    if role == "curator":
        pages += [("/learning/queue/", 200), *((f"/learning/queue/{item.pk}/", 200) for item in items)]
    else:
        pages.append(("/learning/queue/", 403))
    return pages
