"""Writing the demo skills data (self-assessments, plans): part of demo_seed's transaction."""


def seed_skills(seed: int) -> list[str]:  # noqa: ARG001 - to be written
    """Write demo skills data for the demo people already in the database; lines for the summary."""
    return []


def remove_demo_skills() -> None:
    """Delete demo skills data, before demo people and organisations are removed."""
