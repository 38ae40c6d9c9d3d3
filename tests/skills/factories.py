"""factory_boy factories and small framework specs for the skills tests."""

from datetime import date
from pathlib import Path
from typing import Any

from factory.declarations import PostGeneration, SelfAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory

from lksworkforce.skills.framework_file import (
    AreaSpec,
    FrameworkSpec,
    LevelSpec,
    RoleProfileSpec,
    SubAreaSpec,
    parse_framework,
)
from lksworkforce.skills.levels import DEFAULT_SCALE, ActionKind, ActionStatus
from lksworkforce.skills.models import (
    Area,
    Assessment,
    Framework,
    PlanAction,
    Rating,
    RoleProfile,
    ScaleLevel,
    SubArea,
)
from lksworkforce.skills.services import framework_load
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FRAMEWORK_FILE = ROOT / "lksworkforce" / "skills" / "frameworks" / "lks-skills-2021.yaml"
REVISION_EXAMPLE_FILE = ROOT / "docs" / "formats" / "examples" / "skills-framework-revision.yaml"

DEFAULT_LEVELS = tuple(LevelSpec(value, label) for value, label in DEFAULT_SCALE.levels)


def small_spec(
    key: str = "test-skills",
    *,
    areas: int = 2,
    per_area: int = 3,
    current: bool = True,
    previous: str | None = None,
    maps_to: dict[str, tuple[str, ...]] | None = None,
    scale: tuple[LevelSpec, ...] = DEFAULT_LEVELS,
    profiles: tuple[RoleProfileSpec, ...] | None = None,
    wording: str = "Our",
) -> FrameworkSpec:
    """A framework of `areas` areas of `per_area` sub-areas each (1.1, 1.2, ... 2.1, ...), the 0-4
    scale and one role profile expecting level 2 in the first sub-area of each area."""
    maps_to = maps_to or {}
    numbers = [f"{a}.{s}" for a in range(1, areas + 1) for s in range(1, per_area + 1)]
    if profiles is None:
        profiles = (
            RoleProfileSpec(
                "clinical-librarian",
                "Clinical librarian",
                "",
                tuple((f"{a}.1", 2) for a in range(1, areas + 1)),
            ),
        )
    return FrameworkSpec(
        key=key,
        name=f"{wording} test framework",
        version="1",
        scale=scale,
        areas=tuple(AreaSpec(a, f"{wording} area {a}") for a in range(1, areas + 1)),
        sub_areas=tuple(
            SubAreaSpec(n, f"{wording} sub-area {n}", f"{wording} description of {n}", maps_to.get(n, ()))
            for n in numbers
        ),
        previous=previous,
        current=current,
        role_profiles=profiles,
    )


def loaded(spec: FrameworkSpec | None = None, **kwargs: Any) -> Framework:
    """A framework loaded through the service, as `lksw framework_load` would."""
    return framework_load(spec=spec or small_spec(**kwargs))


def default_framework() -> Framework:
    return framework_load(spec=parse_framework(DEFAULT_FRAMEWORK_FILE.read_text()))


def sub_area(framework: Framework, number: str) -> SubArea:
    return SubArea.objects.get(framework=framework, number=number)


# Model factories, for data a test needs without the service's checks --------------------------


def _default_levels(framework: Framework, create: bool, extracted: object, **kwargs: object) -> None:
    if create:
        ScaleLevel.objects.bulk_create(
            ScaleLevel(framework=framework, value=value, label=label) for value, label in DEFAULT_SCALE.levels
        )


class FrameworkFactory(DjangoModelFactory[Framework]):
    """A framework with the 0-4 scale and no areas."""

    class Meta:
        model = Framework
        django_get_or_create = ("key",)
        skip_postgeneration_save = True

    key = Sequence(lambda n: f"factory-skills-{n}")
    name = Sequence(lambda n: f"Factory framework {n}")
    version = "1"
    levels = PostGeneration(_default_levels)


class AreaFactory(DjangoModelFactory[Area]):
    class Meta:
        model = Area

    framework = SubFactory(FrameworkFactory)
    number = Sequence(lambda n: n + 1)
    name = Sequence(lambda n: f"Area {n + 1}")


class SubAreaFactory(DjangoModelFactory[SubArea]):
    class Meta:
        model = SubArea

    area = SubFactory(AreaFactory)
    framework = SelfAttribute("area.framework")
    number = Sequence(lambda n: f"9{n}.1")
    position = Sequence(lambda n: n + 1)
    name = Sequence(lambda n: f"Sub-area {n}")


class RoleProfileFactory(DjangoModelFactory[RoleProfile]):
    class Meta:
        model = RoleProfile

    framework = SubFactory(FrameworkFactory)
    key = Sequence(lambda n: f"role-{n}")
    name = Sequence(lambda n: f"Role {n}")


class AssessmentFactory(DjangoModelFactory[Assessment]):
    """An unfinished assessment, with the person's organisation and band at the time."""

    class Meta:
        model = Assessment

    person = SubFactory(UserFactory)
    framework = SubFactory(FrameworkFactory)
    organisation = SelfAttribute("person.organisation")
    band = SelfAttribute("person.band")
    started_on = date(2025, 4, 1)


class CompletedAssessmentFactory(AssessmentFactory):
    """A finished assessment that the published roll-ups already count (as if its snapshot had
    advanced); tests of snapshots finish assessments through the service instead."""

    completed_on = date(2025, 4, 30)
    is_latest = True
    is_published = SelfAttribute("is_latest")


class RatingFactory(DjangoModelFactory[Rating]):
    class Meta:
        model = Rating

    assessment = SubFactory(AssessmentFactory)
    sub_area = SubFactory(SubAreaFactory, area__framework=SelfAttribute("...assessment.framework"))
    current = 1
    target = 3


class PlanActionFactory(DjangoModelFactory[PlanAction]):
    class Meta:
        model = PlanAction

    person = SubFactory(UserFactory)
    kind = ActionKind.LEARN.value
    description = Sequence(lambda n: f"Take the searching course, part {n}")
    status = ActionStatus.PLANNED.value


__all__ = [
    "AreaFactory",
    "AssessmentFactory",
    "CompletedAssessmentFactory",
    "FrameworkFactory",
    "PlanActionFactory",
    "RatingFactory",
    "RoleProfileFactory",
    "SubAreaFactory",
]
