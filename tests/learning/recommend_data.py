"""Test data for recommendations: a small framework, Sam Staff's finished self-assessment (gaps in
1.1 and 1.2, none in 1.3), and published resources teaching them."""

from dataclasses import dataclass
from datetime import date

from lksworkforce.accounts.models import User
from lksworkforce.learning.models import Resource, Teaches
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus
from lksworkforce.skills.models import Framework, SubArea
from tests.skills.conftest import take_assessment
from tests.skills.factories import loaded


@dataclass
class Catalogue:
    framework: Framework
    searching: SubArea  # 1.1: Sam rated 0, aims for 3
    appraisal: SubArea  # 1.2: Sam rated 1, aims for 2
    teaching: SubArea  # 1.3: no gap


def add_resource(
    title: str, *teaches: SubArea, status: ResourceStatus = ResourceStatus.PUBLISHED, **extra: object
) -> Resource:
    values: dict[str, object] = {
        "kind": ResourceKind.E_LEARNING,
        "url": f"https://learning.example.invalid/{title.lower().replace(' ', '-')}",
        "added_on": date(2020, 1, 1),
        "status": status,
        "cost": Cost.PAID,
    }
    resource = Resource.objects.create(title=title, **(values | extra))
    Teaches.objects.bulk_create([Teaches(resource=resource, sub_area=s) for s in teaches])
    return resource


def catalogue_for(person: User, *, current: bool = True) -> Catalogue:
    """`current=False` leaves whichever framework is current as it is (the browser walk's other pages)."""
    framework = loaded(key="recommend-skills", areas=1, per_area=3, current=current)
    take_assessment(person, framework, {"1.1": (0, 3), "1.2": (1, 2), "1.3": (2, 2)})
    subs = {s.number: s for s in SubArea.objects.filter(framework=framework)}
    return Catalogue(framework, subs["1.1"], subs["1.2"], subs["1.3"])
