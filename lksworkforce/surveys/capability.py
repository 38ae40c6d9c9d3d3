"""What surveys offers the rest of the service (the app contract, core/capability.py)."""

from lksworkforce.core.capability import Capability, NavEntry
from lksworkforce.surveys.home import open_surveys_to_answer
from lksworkforce.surveys.needs import needs_in_focus

CAPABILITY = Capability(
    label="surveys",
    urls="lksworkforce.surveys.urls",
    api="lksworkforce.surveys.api",
    navigation=(NavEntry("Surveys", "surveys:list", position=30, section=True),),
    demo="lksworkforce.surveys.demo.seed",
    tests="tests.surveys",
    benchmarks="benchmarks.surveys",
    home_tasks=open_surveys_to_answer,
    needs_in_focus=needs_in_focus,
    home_position=30,
)
