"""Reading the curators' queue: what is waiting, a person's own suggestions, and what a suggestion
may duplicate (the catalogue and the waiting queue, compared by `learning.duplicates`)."""

from django.db.models import Q, QuerySet

from lksworkforce.accounts.viewers import AnyViewer
from lksworkforce.learning.duplicates import Candidate, Duplicate, duplicates_of, normalise_title, normalise_url
from lksworkforce.learning.models import LinkCheck, Resource, ResourceSheet, Suggestion
from lksworkforce.learning.vocabulary import ResourceStatus, SuggestionKind, SuggestionStatus

# People's suggestions that may be a resource already held (the others are about a resource).
OFFERS_A_RESOURCE = (SuggestionKind.NEW_RESOURCE, SuggestionKind.SHEET_ADDITION)
# What the service raises about a resource: one waiting item per resource and kind at most.
LINK_KINDS = (SuggestionKind.BROKEN_LINK, SuggestionKind.MOVED_LINK)
_WORDS_LOOKED_FOR = 2
_WHERE: dict[str, str] = {
    ResourceStatus.PUBLISHED: "catalogue",
    ResourceStatus.DRAFT: "draft",
    ResourceStatus.RETIRED: "retired",
}  # the title's longest words narrow the candidates before the close comparison


def waiting(kind: SuggestionKind | None = None) -> QuerySet[Suggestion]:
    """The waiting queue, oldest first (first come, first decided), optionally of one kind."""
    found = Suggestion.objects.filter(status=SuggestionStatus.WAITING)
    if kind is not None:
        found = found.filter(kind=kind)
    return found.select_related("resource", "sheet", "suggested_by").order_by("created_at", "id")


def waiting_counts() -> dict[str, int]:
    """How many are waiting, by kind (every kind, zero included)."""
    counts = {k.value: 0 for k in SuggestionKind}
    for kind in Suggestion.objects.filter(status=SuggestionStatus.WAITING).values_list("kind", flat=True):
        counts[kind] += 1
    return counts


def suggestions_of(person: AnyViewer) -> QuerySet[Suggestion]:
    """A person's own suggestions, newest first, with what became of them."""
    return Suggestion.objects.filter(suggested_by_id=person.pk).select_related("resource", "sheet", "outcome_resource")


def suggestion(suggestion_id: int) -> Suggestion | None:
    return (
        Suggestion.objects.select_related("resource", "sheet", "suggested_by", "decided_by", "outcome_resource")
        .filter(pk=suggestion_id)
        .first()
    )


def resource_for_suggesting(resource_id: int | None) -> Resource | None:
    """A resource a person may suggest a change to: one they can see (not a draft)."""
    if resource_id is None:
        return None
    return Resource.objects.exclude(status=ResourceStatus.DRAFT).filter(pk=resource_id).first()


def sheets() -> list[ResourceSheet]:
    return list(ResourceSheet.objects.all())


def link_check_of(resource: Resource | None) -> LinkCheck | None:
    return None if resource is None else LinkCheck.objects.filter(resource=resource).first()


def duplicates_for(title: str, url: str, *, exclude: Suggestion | None = None) -> list[Duplicate]:
    """What in the catalogue or the waiting queue looks like this title or address. The database is
    asked for the few that share the address's host and path or one of the title's longest words;
    `duplicates_of` then decides."""
    title, url = _printable(title), _printable(url)  # what no database column can hold is no match
    narrowing = Q()
    key = normalise_url(url) if url.strip() else ""
    if key:
        host, _, rest = key.partition("/")
        by_url = Q(url__icontains=host)
        if path := rest.split("?")[0]:
            by_url &= Q(url__icontains=path[-60:])
        narrowing |= by_url
    for word in sorted(normalise_title(title).split(), key=len, reverse=True)[:_WORDS_LOOKED_FOR]:
        narrowing |= Q(title__icontains=word)
    if not narrowing:
        return []
    resources = Resource.objects.filter(narrowing).only("id", "title", "url", "status")
    offered = Suggestion.objects.filter(narrowing, status=SuggestionStatus.WAITING, kind__in=OFFERS_A_RESOURCE)
    if exclude is not None:
        offered = offered.exclude(pk=exclude.pk)
    candidates = [Candidate(f"resource:{r.pk}", r.title, r.url, _WHERE[r.status]) for r in resources[:200]] + [
        Candidate(f"suggestion:{s.pk}", s.title, s.url, "queue") for s in offered.only("id", "title", "url")[:200]
    ]
    return duplicates_of(title, url, candidates)


def _printable(text: str) -> str:
    return "".join(c for c in text if ord(c) >= 32)


def merge_targets(duplicates: list[Duplicate]) -> list[Resource]:
    """The catalogue's resources among the duplicates: what a curator may merge into."""
    ids = [int(d.candidate.key.split(":")[1]) for d in duplicates if d.candidate.key.startswith("resource:")]
    return list(Resource.objects.filter(pk__in=ids))
