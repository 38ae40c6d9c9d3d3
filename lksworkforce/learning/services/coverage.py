"""Writes for coverage: the top needs with nothing on offer go on the curators' queue."""

from django.db import transaction

from lksworkforce.core.audit import audit_record
from lksworkforce.core.viewers import Caller
from lksworkforce.learning.models import Suggestion
from lksworkforce.learning.selectors.coverage import CoverageReport
from lksworkforce.learning.vocabulary import SuggestionKind, SuggestionStatus


@transaction.atomic
def queue_needs_without_offer(*, report: CoverageReport, actor: Caller | None) -> int:
    """A waiting suggestion for each need with nothing on offer, unless one is waiting for it already
    (so running it again adds nothing); how many were added. Raised by the service, not a person."""
    waiting = set(
        Suggestion.objects.select_for_update()
        .filter(kind=SuggestionKind.NO_OFFER, status=SuggestionStatus.WAITING)
        .values_list("title", flat=True)
    )
    added = 0
    for need in report.figures.no_offer:
        title = need.label[:300]
        if title in waiting:
            continue
        sub_areas = "; ".join(str(report.sub_areas[i]) if i in report.sub_areas else str(i) for i in need.sub_area_ids)
        suggestion = Suggestion.objects.create(
            kind=SuggestionKind.NO_OFFER,
            suggested_by=None,
            title=title,
            details=f"A top need in {report.survey_title} ({report.scope}) with nothing on offer. "
            f"Skills framework sub-areas: {sub_areas}.",
        )
        audit_record(
            actor=actor,
            action="learning.suggestion.no_offer",
            obj=suggestion,
            summary=f"Queued a top need with nothing on offer: {title}",
            changes={"need": title, "scope": report.scope},
        )
        waiting.add(title)
        added += 1
    return added
