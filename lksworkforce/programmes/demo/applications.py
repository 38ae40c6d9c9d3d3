"""The demo programmes' applications (synthetic, deterministic for the seed)."""

from lksworkforce.core.capability import DemoContext, DemoRemoved


def seed_part(context: DemoContext) -> list[str]:  # noqa: ARG001 - filled in by the applications part
    """Write this part's demo data; the lines it adds to the summary."""
    return []


def remove_part(context: DemoContext) -> list[DemoRemoved]:  # noqa: ARG001 - filled in by the applications part
    return []
