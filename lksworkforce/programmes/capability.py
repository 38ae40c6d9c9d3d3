"""What programmes offer the rest of the service (the app contract, core/capability.py): their pages
and API, the navigation entry, the demo programmes, what a person's home page lists (sessions
coming up, offers to answer, applications waiting for support, feedback due), and the programmes
on offer for a sub-area (the CPD offer page)."""

from lksworkforce.core.capability import Capability, NavEntry
from lksworkforce.programmes.home import programmes_for_you
from lksworkforce.programmes.offer import on_offer

CAPABILITY = Capability(
    label="programmes",
    urls="lksworkforce.programmes.urls",
    api="lksworkforce.programmes.api",
    navigation=(NavEntry("Programmes", "programmes:home", position=27, section=True),),
    demo="lksworkforce.programmes.demo.seed",
    tests="tests.programmes",
    benchmarks="benchmarks.programmes",
    home_tasks=programmes_for_you,
    learning_on_offer=on_offer,
    home_position=27,
)
