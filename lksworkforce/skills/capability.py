"""What skills offers the rest of the service (the app contract, core/capability.py)."""

from lksworkforce.core.capability import Capability, NavEntry
from lksworkforce.skills.home import your_self_assessment
from lksworkforce.skills.levels_at import assessed_levels_on
from lksworkforce.skills.offered import DEVELOPMENT_PLAN, person_skills
from lksworkforce.skills.selectors import sub_area_ids

CAPABILITY = Capability(
    label="skills",
    urls="lksworkforce.skills.urls",
    api="lksworkforce.skills.api",
    navigation=(NavEntry("Skills", "skills:home", position=20, section=True),),
    demo="lksworkforce.skills.demo.seed",
    tests="tests.skills",
    benchmarks="benchmarks.skills",
    home_tasks=your_self_assessment,
    framework_sub_areas=sub_area_ids,
    person_skills=person_skills,
    development_plan=DEVELOPMENT_PLAN,
    assessed_levels=assessed_levels_on,
    home_position=20,
)
