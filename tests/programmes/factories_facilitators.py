"""Test data for the facilitators part: training events, facilitators and the sessions they ran,
written directly (not through the services). Regions default to North West (Y62), the world's
regional lead's region."""

from datetime import date

from factory.declarations import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from lksworkforce.programmes.models import FacilitatedSession, Facilitator, TrainingEvent
from lksworkforce.programmes.vocabulary import FacilitationKind
from tests.factories import UserFactory, current_region


class TrainingEventFactory(DjangoModelFactory[TrainingEvent]):
    class Meta:
        model = TrainingEvent

    kind = FacilitationKind.ACTION_LEARNING_SETS.value
    title = Sequence(lambda n: f"Set facilitators {n}")
    held_on = date(2025, 3, 3)
    region = LazyFunction(lambda: current_region("Y62"))


class FacilitatorFactory(DjangoModelFactory[Facilitator]):
    class Meta:
        model = Facilitator

    person = SubFactory(UserFactory)
    kind = FacilitationKind.ACTION_LEARNING_SETS.value
    trained_on = date(2025, 3, 3)
    trained_at = SubFactory(TrainingEventFactory)
    region = LazyFunction(lambda: current_region("Y62"))
    sessions_per_year = 4
    active = True


class FacilitatedSessionFactory(DjangoModelFactory[FacilitatedSession]):
    class Meta:
        model = FacilitatedSession

    facilitator = SubFactory(FacilitatorFactory)
    held_on = date(2026, 4, 6)
    title = Sequence(lambda n: f"Action Learning Set meeting {n}")
    people_reached = 7
