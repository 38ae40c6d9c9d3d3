"""Learning completed in other apps (a programme's cohort), added to the person's learning record once.

The learning app's side of the `learning_recorder` extension point (core/capability.py): a
programme calls it when a place on a cohort becomes completed. The record is keyed by the offering
app's key (`LearningRecord.source_key`, unique per person), so saying so again changes nothing,
even when two saves race (the constraint decides). Through the development plan extension point
(skills), the learning also becomes an action in the person's plan, marked done, and the record
names that action, as a record of the person's own that did a plan action does."""

from django.db import IntegrityError, transaction

from lksworkforce.accounts.models import User
from lksworkforce.core.audit import audit_record
from lksworkforce.core.capability import CompletedLearning, development_plan
from lksworkforce.learning.models import LearningRecord
from lksworkforce.learning.selectors.records import current_sub_areas
from lksworkforce.learning.services.records import MAX_MINUTES, MAX_TITLE

PLAN_STEP_PREFIX = "Completed: "


class ProgrammeLearningRecorder:
    @transaction.atomic
    def record_completed(self, person_id: int, learning: CompletedLearning) -> None:
        """Adds the learning to the person's record once (again with the same key: nothing changes)."""
        if not learning.key or LearningRecord.objects.filter(person_id=person_id, source_key=learning.key).exists():
            return
        person = User.objects.filter(pk=person_id).first()
        if person is None:
            return
        known = {choice.id for choice in current_sub_areas()}
        sub_area_ids = sorted({s for s in learning.sub_area_ids if s in known})
        title = learning.title.strip()[:MAX_TITLE] or "Programme"
        try:
            with transaction.atomic():
                record = LearningRecord.objects.create(
                    person=person,
                    title=title,
                    done_on=learning.done_on,
                    minutes=min(max(learning.minutes, 1), MAX_MINUTES),
                    source_key=learning.key[:100],
                    organisation_id=person.organisation_id,
                    band=person.band or "",
                )
        except IntegrityError:  # recorded by a concurrent save with the same key
            return
        record.sub_areas.set(sub_area_ids)
        plan = development_plan()
        if plan is not None:
            step = plan.add_step(person, PLAN_STEP_PREFIX + title, sub_area_ids=sub_area_ids, resource_url="")
            plan.complete_step(person, step.id)
            LearningRecord.objects.filter(pk=record.pk).update(plan_step_id=step.id)
        audit_record(
            actor=None,
            action="learning.record_added",
            obj=record,
            summary=f"Learning recorded from a completed programme ({learning.key[:100]})",
            changes={"done_on": record.done_on.isoformat(), "minutes": record.minutes, "sub_areas": sub_area_ids},
        )


RECORDER = ProgrammeLearningRecorder()
