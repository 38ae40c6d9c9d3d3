"""Writes for recommendations: a person dismisses a resource (or takes that back), adds a
recommended resource to their development plan in one step, and the national team sets the weights.
Each in a transaction, audited; weights are saved from the version the person saw."""

from collections.abc import Mapping

from django.db import IntegrityError, transaction

from lksworkforce.accounts.models import User
from lksworkforce.core import capability
from lksworkforce.core.audit import audit_record
from lksworkforce.core.capability import PlanStep
from lksworkforce.core.concurrency import Change, StaleEdit, expected
from lksworkforce.core.problems import fields_rejected
from lksworkforce.learning import scoring
from lksworkforce.learning.models import Dismissal, RecommendationWeights, Resource
from lksworkforce.learning.selectors.recommendations import taught_sub_area_ids, weights_in_force

WEIGHTS_NOT_SAVED = "The weights were not saved"
PLAN_DESCRIPTION = "Do the learning resource: {title}"


class NoPlanError(Exception):
    """No installed app keeps development plans, so nothing can be added to one."""


@transaction.atomic
def dismiss(*, person: User, resource: Resource) -> bool:
    """Never recommend `resource` to the person again; False when it was dismissed already."""
    _, created = Dismissal.objects.get_or_create(person=person, resource=resource)
    if created:
        audit_record(
            actor=person, action="learning.recommendation_dismissed", obj=resource, summary="Recommendation dismissed"
        )
    return created


@transaction.atomic
def undismiss(*, person: User, resource: Resource) -> bool:
    """Recommend `resource` again; False when it was not dismissed."""
    deleted, _ = Dismissal.objects.filter(person=person, resource=resource).delete()
    if deleted:
        audit_record(
            actor=person, action="learning.recommendation_undismissed", obj=resource, summary="Recommendation restored"
        )
    return bool(deleted)


def add_to_plan(*, person: User, resource: Resource) -> PlanStep:
    """A 'learn' action in the person's development plan for the resource and the sub-areas it
    teaches (the plan's app audits it). NoPlanError when no app keeps plans."""
    plan = capability.development_plan()
    if plan is None:
        raise NoPlanError("Development plans are not available")
    return plan.add_step(
        person,
        PLAN_DESCRIPTION.format(title=resource.title),
        sub_area_ids=taught_sub_area_ids(resource),
        resource_url=resource.url,
    )


def _stale(sent: scoring.Weights) -> StaleEdit:
    saved = weights_in_force().weights.as_dict()
    changes = [
        Change(label=name, yours=f"{value:g}", saved=f"{saved[name]:g}")
        for name, value in sent.as_dict().items()
        if value != saved[name]
    ]
    return StaleEdit("The recommendation weights", changes)


def set_weights(*, actor: User, values: Mapping[str, float], expected_version: int | None) -> RecommendationWeights:
    """Save new weights, from the version the national team member saw (0: the defaults). Rejected
    with every problem when a weight is not a number from 0 to 1,000; StaleEdit when someone saved
    since. Earlier weights stay as the history."""
    version = expected(expected_version)
    problems = scoring.weight_problems(values)
    if problems:
        raise fields_rejected(problems, subject=WEIGHTS_NOT_SAVED)
    weights = scoring.Weights(**{name: float(values[name]) for name in scoring.Weights.names()})
    try:
        with transaction.atomic():
            if weights_in_force().version != version:
                raise _stale(weights)
            saved = RecommendationWeights.objects.create(
                **weights.as_dict(), edit_version=version + 1, changed_by=actor
            )  # the unique version refuses a concurrent save from the same version
            before = scoring.DEFAULT_WEIGHTS.as_dict() if version == 0 else None
            audit_record(
                actor=actor,
                action="learning.weights_set",
                obj=saved,
                summary=f"Recommendation weights set (version {saved.edit_version})",
                changes={"weights": weights.as_dict(), **({"replacing_defaults": before} if before else {})},
            )
    except IntegrityError:
        raise _stale(weights) from None
    return saved
