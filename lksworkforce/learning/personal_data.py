"""Learning's part in subject access and erasure (see core/subject_access.py): the person's learning
records, their suggestions (and what became of them), and the resources they dismissed.

Erasure removes records and dismissals outright. Suggestions stay in the curators' history without
who made them; decisions a curator made, and the weights the national team set, keep the record and
lose the person (as a return another person submitted does)."""

from collections.abc import Iterable

from lksworkforce.accounts.models import User
from lksworkforce.core.subject_access import Erased, Section, Subject, json_value
from lksworkforce.learning.models import Dismissal, LearningRecord, RecommendationWeights, Suggestion

COVERS = (LearningRecord, Suggestion, Dismissal, RecommendationWeights)


def owned_records(person: User) -> Iterable[tuple[str, str]]:
    label = LearningRecord._meta.label_lower
    yield from ((label, str(pk)) for pk in LearningRecord.objects.filter(person=person).values_list("pk", flat=True))


def export(subject: Subject) -> dict[str, Section]:
    person = subject.person
    records = LearningRecord.objects.filter(person=person).prefetch_related("sub_areas").order_by("done_on", "id")
    suggestions = Suggestion.objects.filter(suggested_by=person).order_by("created_at", "id")
    dismissed = Dismissal.objects.filter(person=person).select_related("resource").order_by("dismissed_at", "id")
    return {
        "learning_records": Section(
            "Learning records",
            [
                {
                    "what": r.title,
                    "done_on": json_value(r.done_on),
                    "minutes": r.minutes,
                    "sub_areas": [f"{s.number} {s.name}" for s in r.sub_areas.all()],
                    "what_i_learnt": r.learnt,
                    "what_i_will_do_differently": r.will_do_differently,
                    "evidence_links": json_value(r.evidence_links),
                    "shared_with_service_manager": r.shared_with_manager,
                    "band_at_the_time": r.band,
                }
                for r in records
            ],
            note="Learning you recorded, oldest first.",
        ),
        "learning_suggestions": Section(
            "Suggestions for the learning catalogue",
            [
                {
                    "kind": s.get_kind_display(),
                    "title": s.title,
                    "web_address": s.url,
                    "details": s.details,
                    "outcome": s.get_status_display(),
                    "reason": s.reason,
                    "sent": json_value(s.created_at),
                }
                for s in suggestions
            ],
        ),
        "dismissed_learning": Section(
            "Learning you asked not to be recommended",
            [{"resource": d.resource.title, "dismissed": json_value(d.dismissed_at)} for d in dismissed],
        ),
    }


def erase(subject: Subject) -> list[Erased]:
    person = subject.person
    records = LearningRecord.objects.filter(person=person)
    record_count = records.count()
    records.delete()
    dismissals = Dismissal.objects.filter(person=person)
    dismissal_count = dismissals.count()
    dismissals.delete()
    suggestion_count = Suggestion.objects.filter(suggested_by=person).update(suggested_by=None)
    Suggestion.objects.filter(decided_by=person).update(decided_by=None)
    RecommendationWeights.objects.filter(changed_by=person).update(changed_by=None)
    return [
        Erased("Learning records", record_count),
        Erased("Resources dismissed from recommendations", dismissal_count),
        Erased("Suggestions for the learning catalogue", suggestion_count, "unlinked"),
    ]
