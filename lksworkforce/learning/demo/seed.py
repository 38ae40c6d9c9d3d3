"""Writing the demo learning catalogue: part of demo_seed's transaction (part G)."""

from lksworkforce.core.capability import DemoContext, DemoRemoved


def present() -> bool:
    return False


def seed(context: DemoContext) -> list[str]:  # noqa: ARG001 - part G
    return []


def remove(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - part G
    return []
