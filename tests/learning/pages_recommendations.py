"""Learning pages in the browser walk (axe, CSP, fonts): recommendations and their weights. Sam
Staff's recommendations are shown with a resource for one of their gaps, so the walk sees the
reasons and the buttons; the national team sees the weights form."""

from lksworkforce.core import capability
from lksworkforce.learning.models import Resource
from lksworkforce.skills.models import SubArea
from tests.conftest import World
from tests.learning.recommend_data import add_resource, catalogue_for

WALK_TITLE = "Walk: searching the literature"


def _recommended_for_staff(world: World) -> None:
    if Resource.objects.filter(title=WALK_TITLE).exists():
        return
    skills = capability.person_skills(world.staff)
    gaps = [s.sub_area_id for s in skills.standings if s.target > s.current] if skills else []
    gap = gaps[0] if gaps else catalogue_for(world.staff, current=False).searching.pk
    add_resource(WALK_TITLE, *SubArea.objects.filter(pk=gap), band_from="2", band_to="4", length_minutes=45)


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    if role == "staff":
        _recommended_for_staff(world)
    return [("/learning/recommended/", 200), ("/learning/weights/", 200)]
