"""What the learning catalogue offers the rest of the service (the app contract, core/capability.py):
its pages and API, the navigation entry, the demo catalogue, what a person's home page lists (the
resource sheets for bands 2 to 4, and learning recommended for them), the learning on offer for a
sub-area (the CPD offer page), and recommendations (the skills gaps page and plan)."""

from lksworkforce.core.capability import Capability, NavEntry
from lksworkforce.learning.from_programmes import RECORDER
from lksworkforce.learning.home import learning_for_you
from lksworkforce.learning.offer import on_offer
from lksworkforce.learning.recommend import recommend

CAPABILITY = Capability(
    label="learning",
    urls="lksworkforce.learning.urls",
    api="lksworkforce.learning.api",
    navigation=(NavEntry("Learning", "learning:home", position=25, section=True),),
    demo="lksworkforce.learning.demo.seed",
    tests="tests.learning",
    benchmarks="benchmarks.learning",
    home_tasks=learning_for_you,
    learning_on_offer=on_offer,
    recommend=recommend,
    learning_recorder=RECORDER,
    home_position=25,
)
