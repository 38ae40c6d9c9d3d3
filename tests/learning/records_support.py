"""Helpers for the learning record tests: the skills test framework's sub-areas, plan actions, and
records written through the service."""

from datetime import date

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import LearningRecord
from lksworkforce.learning.services import records as services
from lksworkforce.skills.models import Framework, PlanAction, SubArea
from tests.skills.conftest import load_framework


def framework() -> Framework:
    return load_framework()


def sub_area(number: str) -> SubArea:
    return SubArea.objects.get(framework=framework(), number=number)


def plan_action(person: User, description: str = "Learn to appraise an RCT") -> PlanAction:
    return PlanAction.objects.create(person=person, kind="learn", description=description)


def entry(**changes: object) -> services.RecordEntry:
    values: dict[str, object] = {"title": "Appraising RCTs webinar", "done_on": date(2026, 3, 2), "minutes": 90}
    values.update(changes)
    return services.RecordEntry(**values)  # type: ignore[arg-type]


def record(person: User, **changes: object) -> LearningRecord:
    return services.record_add(person=person, entry=entry(**changes))
