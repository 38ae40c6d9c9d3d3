"""Writing the demo programmes: part of demo_seed's transaction (nonprod). Each part writes its own
demo data (demo/<part>.py), in this order, each reading what the earlier ones wrote; removal runs
in reverse. Synthetic and deterministic for a seed."""

from lksworkforce.core.capability import DemoContext, DemoRemoved
from lksworkforce.programmes.demo import (
    applications,
    attendance,
    certificates,
    facilitators,
    feedback,
    setup,
)

PARTS = (setup, facilitators, applications, attendance, certificates, feedback)


def present() -> bool:
    return setup.present()


def seed(context: DemoContext) -> list[str]:
    return [line for part in PARTS for line in part.seed_part(context)]


def remove(context: DemoContext) -> list[DemoRemoved]:
    return [removed for part in reversed(PARTS) for removed in part.remove_part(context)]
