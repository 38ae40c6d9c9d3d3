"""What organisations offers the rest of the service (the app contract, core/capability.py)."""

from lksworkforce.core.capability import Capability, NavEntry

CAPABILITY = Capability(
    label="organisations",
    urls="lksworkforce.organisations.urls",
    api="lksworkforce.organisations.api",
    navigation=(
        NavEntry("Organisations", "organisations:list", position=40),
        NavEntry("Regions", "organisations:region_list", position=50),
        NavEntry("Import", "organisations:import", position=70, permission="organisations.import_organisations"),
    ),
    demo="lksworkforce.organisations.demo.seed",
    tests="tests.organisations",
)
