"""Skills' part in subject access and erasure (see core/subject_access.py): self-assessments with
every rating, what was shared with a service manager, and the development plan.

Erasure removes them outright rather than keeping them "anonymous": one person's full set of
ratings, with the band, organisation and role they were taken in, would pick them out."""

from collections.abc import Iterable
from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.subject_access import Erased, Section, Subject, json_value
from lksworkforce.skills.models import Assessment, PlanAction, Rating

COVERS = (Assessment, PlanAction)


def owned_records(person: User) -> Iterable[tuple[str, str]]:
    assessment, action = Assessment._meta.label_lower, PlanAction._meta.label_lower
    yield from ((assessment, str(pk)) for pk in Assessment.objects.owned_by(person).values_list("pk", flat=True))
    yield from ((action, str(pk)) for pk in PlanAction.objects.owned_by(person).values_list("pk", flat=True))
    # Plan actions removed earlier are gone, but their history is the person's: only they edit a plan.
    removed = AuditEvent.objects.filter(actor_id=person.pk, object_type=action).values_list("object_id", flat=True)
    yield from ((action, pk) for pk in removed)


def _ratings(assessment: Assessment) -> list[dict[str, Any]]:
    return [
        {
            "sub_area": f"{r.sub_area.number} {r.sub_area.name}",
            "current": r.current,
            "target": r.target,
            "priority": r.get_priority_display() or None,
            "how_learning_will_be_shown": r.learning_evidence,
            "evidence_links": json_value(r.evidence_links),
        }
        for r in assessment.ratings.all()
    ]


def _assessments(person: User) -> list[Assessment]:
    return list(
        Assessment.objects.owned_by(person)
        .select_related("framework", "organisation", "role_profile")
        .prefetch_related("ratings__sub_area")
        .order_by("started_on", "id")
    )


def export(subject: Subject) -> dict[str, Section]:
    assessments = _assessments(subject.person)
    return {
        "self_assessments": Section(
            "Skills self-assessments",
            [
                {
                    "framework": f"{a.framework.name} ({a.framework.version})",
                    "started_on": json_value(a.started_on),
                    "finished_on": json_value(a.completed_on),
                    "latest": a.is_latest,
                    "band_at_the_time": a.band,
                    "organisation_at_the_time": a.organisation.name if a.organisation else None,
                    "role_profile": a.role_profile.name if a.role_profile else None,
                    "reflection": a.reflection,
                    "shared_with_service_manager": a.shared_with_manager,
                    "ratings": _ratings(a),
                }
                for a in assessments
            ],
            note="Every self-assessment you started, oldest first, with every rating. Changes to each are in the "
            "audit trail section.",
        ),
        "shares": Section(
            "Self-assessments shared with a service manager",
            [
                {
                    "self_assessment_started_on": json_value(a.started_on),
                    "shared_with": f"the service managers of {a.organisation.name}" if a.organisation else None,
                }
                for a in assessments
                if a.shared_with_manager
            ],
        ),
        "development_plan": Section(
            "Development plan",
            [
                {
                    "action": action.description,
                    "kind": action.get_kind_display(),
                    "status": action.get_status_display(),
                    "due_on": json_value(action.due_on),
                    "sub_areas": [f"{s.number} {s.name}" for s in action.sub_areas.order_by("position")],
                    "link": action.resource_url,
                    "added": json_value(action.created_at),
                    "last_changed": json_value(action.updated_at),
                }
                for action in PlanAction.objects.owned_by(subject.person).prefetch_related("sub_areas")
            ],
        ),
    }


def erase(subject: Subject) -> list[Erased]:
    assessments = Assessment.objects.owned_by(subject.person)
    ratings = Rating.objects.filter(assessment__in=assessments).count()
    shares = assessments.filter(shared_with_manager=True).count()
    # A deletion counts its cascaded rows too: count what a person would count.
    count = assessments.count()
    assessments.delete()
    actions = PlanAction.objects.owned_by(subject.person)
    action_count = actions.count()
    actions.delete()
    return [
        Erased("Self-assessments", count),
        Erased("Ratings in them", ratings),
        Erased("Shares with a service manager", shares),
        Erased("Development plan actions", action_count),
    ]
