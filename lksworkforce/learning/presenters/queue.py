"""What the queue's pages and the API say about a suggestion: its subject, and its outcome as the
suggester reads it. Said once here, for every surface."""

from lksworkforce.learning.duplicates import Duplicate
from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.vocabulary import SuggestionKind, SuggestionStatus


def subject(suggestion: Suggestion) -> str:
    """What the item is about, in a few words."""
    if suggestion.resource is not None:
        return suggestion.resource.title
    return suggestion.title or suggestion.url or SuggestionKind(suggestion.kind).label


def outcome(suggestion: Suggestion) -> str:
    """The outcome, for the suggester: what became of it, and the curator's reason."""
    status = SuggestionStatus(suggestion.status)
    made = suggestion.outcome_resource
    if status == SuggestionStatus.WAITING:
        return "Waiting for a curator"
    if status == SuggestionStatus.DECLINED:
        return f"Declined: {suggestion.reason}"
    if status == SuggestionStatus.MERGED:
        said = f"Already in the catalogue as {made.title}" if made else "Already in the catalogue"
    elif suggestion.kind == SuggestionKind.NEW_RESOURCE and made is not None:
        said = f"Accepted: added to the catalogue as {made.title}"
        if made.status == "draft":
            said += " (being prepared)"
    elif suggestion.kind == SuggestionKind.SHEET_ADDITION and suggestion.sheet is not None:
        said = f"Accepted: added to {suggestion.sheet.title}"
    else:
        said = "Accepted"
    return f"{said}. {suggestion.reason}".strip() if suggestion.reason else said


def duplicate_sentence(duplicate: Duplicate) -> str:
    """ "This looks like X already in the catalogue (the same web address)." """
    where = {
        "catalogue": "already in the catalogue",
        "retired": "in the catalogue, retired",
        "draft": "being prepared for the catalogue",
        "queue": "already suggested and waiting for a curator",
    }[duplicate.candidate.where]
    return f"This looks like {duplicate.candidate.title or duplicate.candidate.url} {where} ({duplicate.because})."


def duplicate_href(duplicate: Duplicate, *, curator: bool) -> str | None:
    """Where a duplicate can be seen: a resource's page; a waiting suggestion, for curators only."""
    what, _, number = duplicate.candidate.key.partition(":")
    if what == "resource" and duplicate.candidate.where == "catalogue":
        return f"/learning/resources/{number}/"
    if what == "suggestion" and curator:
        return f"/learning/queue/{number}/"
    return None
