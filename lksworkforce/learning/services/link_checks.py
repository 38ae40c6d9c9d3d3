"""A run of the link checker over the published catalogue, and what it puts on the curators' queue.

- Every published resource's address is checked (`learning.linkcheck`); the latest check of each is
  kept as its `LinkCheck`.
- A broken link, or one moved permanently, goes on the queue once: not again while an item about
  that resource's link waits. An address that does not answer at all goes on the queue only when it
  did not answer last time either (one failed run is more often the network than the resource).
- Published resources past their review date go on the queue once, as `review_due`.
Items the service raises have no `suggested_by`. The run is audited as one note.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lksworkforce.core.audit import audit_note
from lksworkforce.learning.linkcheck import CheckSettings, Result, Router, Target, check_links, direct
from lksworkforce.learning.models import LinkCheck, Resource, Suggestion
from lksworkforce.learning.selectors.queue import LINK_KINDS
from lksworkforce.learning.vocabulary import LinkOutcome, SuggestionKind, SuggestionStatus


@dataclass
class RunSummary:
    checked: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    queued: Counter[str] = field(default_factory=Counter)

    @property
    def found_problems(self) -> bool:
        return bool(self.outcomes[LinkOutcome.BROKEN] or self.outcomes[LinkOutcome.MOVED])

    def lines(self) -> list[str]:
        said = [f"Checked {self.checked:,} published resources."]
        said += [f"{LinkOutcome(o).label}: {self.outcomes[o]:,}" for o in LinkOutcome if self.outcomes[o]]
        queued = ", ".join(f"{n:,} {SuggestionKind(k).label.lower()}" for k, n in sorted(self.queued.items()))
        said.append(f"Put on the curators' queue: {queued or 'nothing new'}.")
        return said

    def as_dict(self) -> dict[str, object]:
        return {"checked": self.checked, "outcomes": dict(self.outcomes), "queued": dict(self.queued)}


def check_settings() -> CheckSettings:
    return CheckSettings.from_mapping(getattr(settings, "LEARNING_LINK_CHECK", {}))


def link_check_run(
    *, route: Router | None = None, check: CheckSettings | None = None, today: dt.date | None = None
) -> RunSummary:
    """Check every published resource's address (through `route`, the real web by default), record
    the results, and raise queue items."""
    targets = [Target(pk, url) for pk, url in Resource.objects.published().order_by("pk").values_list("pk", "url")]
    results = check_links(targets, check or check_settings(), route or direct)
    summary = RunSummary(checked=len(results))
    with transaction.atomic():
        summary.queued += _record(results)
        summary.queued[SuggestionKind.REVIEW_DUE.value] += review_due_raise(today or timezone.localdate())
        summary.outcomes.update(r.outcome.value for r in results)
        audit_note(
            actor=None,
            action="learning.links_checked",
            object_type="learning.linkcheck",
            summary="; ".join(summary.lines()),
            changes=summary.as_dict(),
        )
    summary.queued = +summary.queued  # drop the zero counts
    return summary


def _record(results: list[Result]) -> Counter[str]:
    now = timezone.now()
    before = dict(
        LinkCheck.objects.filter(resource_id__in=[r.key for r in results]).values_list("resource_id", "outcome")
    )
    LinkCheck.objects.bulk_create(
        [
            LinkCheck(
                resource_id=r.key,
                checked_at=now,
                outcome=r.outcome,
                status_code=r.status_code,
                final_url=r.final_url[:500],
                message=r.message[:300],
            )
            for r in results
        ],
        update_conflicts=True,
        unique_fields=["resource"],
        update_fields=["checked_at", "outcome", "status_code", "final_url", "message"],
    )
    raise_for = {
        r.key: r
        for r in results
        if r.outcome in {LinkOutcome.BROKEN, LinkOutcome.MOVED}
        or (r.outcome == LinkOutcome.UNREACHABLE and before.get(r.key) == LinkOutcome.UNREACHABLE)
    }
    already = set(
        Suggestion.objects.filter(
            resource_id__in=raise_for, kind__in=LINK_KINDS, status=SuggestionStatus.WAITING
        ).values_list("resource_id", flat=True)
    )
    titles = dict(Resource.objects.filter(pk__in=raise_for).values_list("pk", "title"))
    raised = [
        Suggestion(
            kind=SuggestionKind.MOVED_LINK if r.outcome == LinkOutcome.MOVED else SuggestionKind.BROKEN_LINK,
            resource_id=key,
            title=titles.get(key, ""),
            url=r.final_url[:500] if r.outcome == LinkOutcome.MOVED else "",
            details=f"The link checker found: {r.message or r.outcome.label} ({now:%-d %B %Y})",
        )
        for key, r in raise_for.items()
        if key not in already
    ]
    Suggestion.objects.bulk_create(raised)
    return Counter(s.kind for s in raised)


def review_due_raise(today: dt.date) -> int:
    """Put published resources past their review date on the queue, once each."""
    due = Resource.objects.published().filter(review_due_on__lt=today)
    waiting = Suggestion.objects.filter(kind=SuggestionKind.REVIEW_DUE, status=SuggestionStatus.WAITING)
    fresh = due.exclude(pk__in=waiting.values("resource_id")).values_list("pk", "title", "review_due_on")
    raised = [
        Suggestion(
            kind=SuggestionKind.REVIEW_DUE,
            resource_id=pk,
            title=title,
            details=f"Its review was due on {due_on:%-d %B %Y}.",
        )
        for pk, title, due_on in fresh
    ]
    Suggestion.objects.bulk_create(raised)
    return len(raised)
